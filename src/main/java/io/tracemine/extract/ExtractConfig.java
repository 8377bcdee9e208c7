package io.tracemine.extract;

import io.tracemine.config.Settings;
import java.io.Serializable;
import java.util.List;

/**
 * The extract stage's slice of the configuration, built by {@link #from(Settings)}; the defaults
 * are in {@code conf/tracemine.properties}.
 *
 * @param profile the trace-parsing profile ({@value #PROFILE}: one of {@link #PROFILES})
 * @param maxFrameRepeats consecutive copies of one frame kept before the rest of the run is counted
 *     in {@code more_repeats} ({@value #MAX_FRAME_REPEATS}; 0 keeps every copy)
 */
public record ExtractConfig(String profile, int maxFrameRepeats) implements Serializable {
  public static final String PROFILE = "extract.profile";
  public static final String MAX_FRAME_REPEATS = "extract.max-frame-repeats";
  public static final List<String> KEYS = List.of(PROFILE, MAX_FRAME_REPEATS);

  public static final List<String> PROFILES = List.of("default", "paper");

  public static ExtractConfig from(Settings settings) {
    return new ExtractConfig(
        settings.choice(PROFILE, PROFILES), settings.intValue(MAX_FRAME_REPEATS, 0));
  }

  /** The packaged defaults. */
  public static ExtractConfig defaults() {
    return from(Settings.packagedDefaults());
  }

  /** The packaged defaults with another profile. */
  public static ExtractConfig ofProfile(String profile) {
    return new ExtractConfig(profile, defaults().maxFrameRepeats());
  }
}
