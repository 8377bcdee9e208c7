package io.tracemine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Settings for tests: the project's conf/ directory, an optional profile, then overrides. */
public final class TestSettings {
  private TestSettings() {}

  public static Settings withOverrides(String profile, Map<String, String> overrides) {
    List<Map<String, String>> layers =
        new ArrayList<>(Settings.baseLayers(Path.of("conf"), profile));
    layers.add(overrides);
    return Settings.of(layers);
  }
}
