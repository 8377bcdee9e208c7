package io.tracemine.extract;

import io.tracemine.config.ConfigKeys;
import io.tracemine.config.Settings;
import io.tracemine.extract.traceback.RepeatCollapser;
import java.io.Serializable;
import java.util.List;

/**
 * The extract stage's slice of the configuration.
 *
 * @param profile the trace-parsing profile ({@link #PROFILES})
 * @param maxFrameRepeats consecutive copies of one frame kept before the rest of the run is
 *     counted in {@code more_repeats} ({@code extract.max-frame-repeats}, default {@value
 *     RepeatCollapser#DEFAULT_MAX_REPEATS}; 0 keeps every copy)
 */
public record ExtractConfig(String profile, int maxFrameRepeats) implements Serializable {
  public static final List<String> PROFILES = List.of("default", "paper");

  /** {@code profile} with the default {@code maxFrameRepeats}. */
  public ExtractConfig(String profile) {
    this(profile, RepeatCollapser.DEFAULT_MAX_REPEATS);
  }

  public static ExtractConfig from(Settings settings) {
    return new ExtractConfig(
        settings.choice(ConfigKeys.EXTRACT_PROFILE, PROFILES),
        settings.intValue(ConfigKeys.EXTRACT_MAX_FRAME_REPEATS, 0));
  }
}
