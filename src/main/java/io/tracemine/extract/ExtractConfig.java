package io.tracemine.extract;

import io.tracemine.config.ConfigKeys;
import io.tracemine.config.Settings;
import java.io.Serializable;
import java.util.List;

/** The extract stage's slice of the configuration: which trace-parsing profile to use. */
public record ExtractConfig(String profile) implements Serializable {
  public static final List<String> PROFILES = List.of("default", "paper");

  public static ExtractConfig from(Settings settings) {
    return new ExtractConfig(settings.choice(ConfigKeys.EXTRACT_PROFILE, PROFILES));
  }
}
