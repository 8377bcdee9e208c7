package io.tracemine.report;

import io.tracemine.InvalidConfigException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report stage's configuration: how many top patterns (and exception templates) to show per
 * library ({@value #TOP_PATTERNS}, default {@value #DEFAULT_TOP_PATTERNS}) and the run settings to
 * print. Settings whose key contains {@code credentials}, {@code password}, {@code secret} or
 * {@code token} (any case) are dropped here, so they never reach the page.
 */
public record ReportConfig(int topPatterns, Map<String, String> settings) implements Serializable {
  public static final String TOP_PATTERNS = "report.top-patterns";
  public static final int DEFAULT_TOP_PATTERNS = 10;
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

  public static ReportConfig defaults() {
    return new ReportConfig(DEFAULT_TOP_PATTERNS, Map.of());
  }

  /**
   * From the run's merged settings (defaults &lt; conf profile &lt; CLI flags, as resolved by the
   * caller): reads {@value #TOP_PATTERNS} and keeps every setting for display. Any other
   * {@code report.*} key is an error.
   */
  public static ReportConfig from(Map<String, String> mergedSettings) {
    for (String key : mergedSettings.keySet()) {
      if (key.startsWith("report.") && !key.equals(TOP_PATTERNS)) {
        throw new InvalidConfigException("Unknown report setting '" + key + "' (valid: " + TOP_PATTERNS + ")");
      }
    }
    String raw = mergedSettings.get(TOP_PATTERNS);
    int top = DEFAULT_TOP_PATTERNS;
    if (raw != null && !raw.isBlank()) {
      try {
        top = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw new InvalidConfigException(
            "'" + TOP_PATTERNS + "' is set to '" + raw + "' but must be a whole number >= 1");
      }
    }
    return new ReportConfig(top, mergedSettings);
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }
}
