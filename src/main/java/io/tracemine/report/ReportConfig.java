package io.tracemine.report;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report stage's configuration: how many top patterns (and exception templates) to show per
 * library ({@value #TOP_PATTERNS}) and the run settings to
 * print. Settings whose key contains {@code credentials}, {@code password}, {@code secret} or
 * {@code token} (any case) are dropped here, so they never reach the page.
 */
public record ReportConfig(int topPatterns, Map<String, String> settings) implements Serializable {
  public static final String TOP_PATTERNS = "report.top-patterns";
  public static final java.util.List<String> KEYS = java.util.List.of(TOP_PATTERNS);
  private static final java.util.List<String> SECRET_WORDS = java.util.List.of("credentials", "password", "secret", "token");

  public ReportConfig {
    if (topPatterns < 1) {
      throw new InvalidConfigException("'" + TOP_PATTERNS + "' is set to " + topPatterns + " but must be >= 1");
    }
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((k, v) -> {
      if (!isSecret(k)) {
        shown.put(k, v == null ? "" : v);
      }
    });
    settings = java.util.Collections.unmodifiableMap(shown);
  }

  /** The packaged defaults ({@code conf/tracemine.properties}), showing no settings. */
  public static ReportConfig defaults() {
    return new ReportConfig(from(Settings.packagedDefaults()).topPatterns(), Map.of());
  }

  /**
   * The stage's one factory: reads {@value #TOP_PATTERNS} and keeps every setting of the run for
   * display.
   */
  public static ReportConfig from(Settings settings) {
    return new ReportConfig(settings.intValue(TOP_PATTERNS, Integer.MIN_VALUE), settings.asMap());
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }
}
