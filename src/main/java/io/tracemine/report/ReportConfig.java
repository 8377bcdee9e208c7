package io.tracemine.report;

import io.tracemine.InvalidConfigException;
import io.tracemine.match.KnowledgeSlice;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report stage's configuration: how many top patterns (and exception templates) to show per
 * library ({@value #TOP_PATTERNS}, default {@value #DEFAULT_TOP_PATTERNS}), how many mined patterns
 * and pattern-trace postings the "paste your traceback" box holds at most ({@value
 * #SEARCH_PATTERNS}, {@value #SEARCH_POSTINGS}; see {@link KnowledgeSlice}) and the run settings
 * to print. Settings whose key contains {@code credentials}, {@code password}, {@code secret} or
 * {@code token} (any case) are dropped here, so they never reach the page.
 */
public record ReportConfig(int topPatterns, int searchPatterns, int searchPostings,
    Map<String, String> settings) implements Serializable {
  public static final String TOP_PATTERNS = "report.top-patterns";
  public static final int DEFAULT_TOP_PATTERNS = 10;
  public static final String SEARCH_PATTERNS = "report.search-patterns";
  public static final int DEFAULT_SEARCH_PATTERNS = KnowledgeSlice.DEFAULT_MAX_PATTERNS;
  public static final String SEARCH_POSTINGS = "report.search-postings";
  public static final int DEFAULT_SEARCH_POSTINGS = KnowledgeSlice.DEFAULT_MAX_POSTINGS;
  private static final java.util.List<String> VALID =
      java.util.List.of(TOP_PATTERNS, SEARCH_PATTERNS, SEARCH_POSTINGS);
  private static final java.util.List<String> SECRET_WORDS = java.util.List.of("credentials", "password", "secret", "token");

  public ReportConfig {
    if (topPatterns < 1) {
      throw new InvalidConfigException("'" + TOP_PATTERNS + "' is set to " + topPatterns + " but must be >= 1");
    }
    if (searchPatterns < 1) {
      throw new InvalidConfigException(
          "'" + SEARCH_PATTERNS + "' is set to " + searchPatterns + " but must be >= 1");
    }
    if (searchPostings < 1) {
      throw new InvalidConfigException(
          "'" + SEARCH_POSTINGS + "' is set to " + searchPostings + " but must be >= 1");
    }
    Map<String, String> shown = new TreeMap<>();
    settings.forEach((k, v) -> {
      if (!isSecret(k)) {
        shown.put(k, v == null ? "" : v);
      }
    });
    settings = java.util.Collections.unmodifiableMap(shown);
  }

  /** With the default {@value #SEARCH_PATTERNS} and {@value #SEARCH_POSTINGS}. */
  public ReportConfig(int topPatterns, Map<String, String> settings) {
    this(topPatterns, DEFAULT_SEARCH_PATTERNS, DEFAULT_SEARCH_POSTINGS, settings);
  }

  public static ReportConfig defaults() {
    return new ReportConfig(DEFAULT_TOP_PATTERNS, Map.of());
  }

  /**
   * From the run's merged settings (defaults &lt; conf profile &lt; CLI flags, as resolved by the
   * caller): reads {@value #TOP_PATTERNS} and {@value #SEARCH_PATTERNS} and keeps every setting
   * for display. Any other {@code report.*} key is an error.
   */
  public static ReportConfig from(Map<String, String> mergedSettings) {
    for (String key : mergedSettings.keySet()) {
      if (key.startsWith("report.") && !VALID.contains(key)) {
        throw new InvalidConfigException("Unknown report setting '" + key + "' (valid: "
            + String.join(", ", VALID) + ")");
      }
    }
    return new ReportConfig(wholeNumber(mergedSettings, TOP_PATTERNS, DEFAULT_TOP_PATTERNS),
        wholeNumber(mergedSettings, SEARCH_PATTERNS, DEFAULT_SEARCH_PATTERNS),
        wholeNumber(mergedSettings, SEARCH_POSTINGS, DEFAULT_SEARCH_POSTINGS), mergedSettings);
  }

  private static int wholeNumber(Map<String, String> settings, String key, int fallback) {
    String raw = settings.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '" + raw + "' but must be a whole number >= 1");
    }
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }
}
