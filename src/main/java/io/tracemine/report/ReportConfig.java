package io.tracemine.report;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.match.KnowledgeSlice;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report stage's configuration: how many top patterns (and exception templates) to show per
 * library ({@value #TOP_PATTERNS}), how many mined patterns and pattern-trace postings the "paste
 * your traceback" box holds at most ({@value #SEARCH_PATTERNS}, {@value #SEARCH_POSTINGS}; see
 * {@link KnowledgeSlice}) and the run settings to print. Settings whose key contains {@code
 * credentials}, {@code password}, {@code secret} or {@code token} (any case) are dropped here, so
 * they never reach the page.
 */
public record ReportConfig(
    int topPatterns, int searchPatterns, int searchPostings, Map<String, String> settings)
    implements Serializable {
  public static final String TOP_PATTERNS = "report.top-patterns";
  public static final String SEARCH_PATTERNS = "report.search-patterns";
  public static final String SEARCH_POSTINGS = "report.search-postings";
  public static final java.util.List<String> KEYS =
      java.util.List.of(TOP_PATTERNS, SEARCH_PATTERNS, SEARCH_POSTINGS);

  public ReportConfig {
    if (topPatterns < 1) {
      throw new InvalidConfigException(
          "'" + TOP_PATTERNS + "' is set to " + topPatterns + " but must be >= 1");
    }
    if (searchPatterns < 1) {
      throw new InvalidConfigException(
          "'" + SEARCH_PATTERNS + "' is set to " + searchPatterns + " but must be >= 1");
    }
    if (searchPostings < 1) {
      throw new InvalidConfigException(
          "'" + SEARCH_POSTINGS + "' is set to " + searchPostings + " but must be >= 1");
    }
    settings = java.util.Collections.unmodifiableMap(Settings.withoutSecrets(settings));
  }

  /** With the search box's default budgets ({@link KnowledgeSlice#DEFAULT_MAX_PATTERNS}, …). */
  public ReportConfig(int topPatterns, Map<String, String> settings) {
    this(
        topPatterns,
        KnowledgeSlice.DEFAULT_MAX_PATTERNS,
        KnowledgeSlice.DEFAULT_MAX_POSTINGS,
        settings);
  }

  /** The packaged defaults ({@code conf/tracemine.properties}), showing no settings. */
  public static ReportConfig defaults() {
    ReportConfig packaged = from(Settings.packagedDefaults());
    return new ReportConfig(
        packaged.topPatterns(), packaged.searchPatterns(), packaged.searchPostings(), Map.of());
  }

  /**
   * The stage's one factory: reads {@value #TOP_PATTERNS}, {@value #SEARCH_PATTERNS} and {@value
   * #SEARCH_POSTINGS} and keeps every setting of the run for display.
   */
  public static ReportConfig from(Settings settings) {
    return new ReportConfig(
        settings.intValue(TOP_PATTERNS, Integer.MIN_VALUE),
        settings.intValue(SEARCH_PATTERNS, Integer.MIN_VALUE),
        settings.intValue(SEARCH_POSTINGS, Integer.MIN_VALUE),
        settings.asMap());
  }

  /**
   * These settings with each stage's own keys as that stage ran with them ({@code settings} of its
   * commit manifest's {@code input}, by stage): {@code source.*}, {@code ingest.*}, {@code
   * libraries} and {@code library.*} from ingest, {@code extract.*} from extract, {@code mine.*}
   * from mine, {@code stats.*} from stats; every other key ({@code report.*}, {@code spark.*},
   * {@code output.dir}) is this process's. A report run as its own process (Airflow's report task,
   * a stage-by-stage run) would otherwise show, and draw with, its own defaults. A stage without
   * recorded settings (a manifest from before session 36) leaves its keys as they are.
   */
  public ReportConfig withStageSettings(Map<String, Map<String, String>> settingsByStage) {
    Map<String, String> shown = new TreeMap<>(settings);
    settingsByStage.forEach(
        (stage, recorded) -> {
          shown.keySet().removeIf(k -> stage.equals(stageOf(k)));
          recorded.forEach(
              (k, v) -> {
                if (stage.equals(stageOf(k))) {
                  shown.put(k, v);
                }
              });
        });
    return new ReportConfig(topPatterns, searchPatterns, searchPostings, shown);
  }

  /** The stage whose run a setting describes; null for the report's own and general keys. */
  static String stageOf(String key) {
    if (key.startsWith("source.")
        || key.startsWith("ingest.")
        || key.equals(IngestConfig.LIBRARIES)
        || key.startsWith("library.")) {
      return "ingest";
    }
    for (String stage : java.util.List.of("extract", "mine", "stats")) {
      if (key.startsWith(stage + ".")) {
        return stage;
      }
    }
    return null;
  }

  /**
   * These settings with the source that {@code ingest} read, from its commit manifest's {@code
   * input} ({@code source}, {@code path}, {@code table}), in place of this process's {@code
   * source.type}, {@code source.path} and {@code source.bigquery.table}. A report run as its own
   * process (Airflow's report task, a stage-by-stage run) is not given ingest's {@code --source}
   * and {@code --input}, and would otherwise show its defaults: the bundled sample. Unchanged when
   * {@code input} names no source (no ingest manifest, or one from before the fingerprint).
   */
  public ReportConfig withIngestInput(Map<String, Object> input) {
    if (input == null || !(input.get("source") instanceof String source)) {
      return this;
    }
    Map<String, String> shown = new TreeMap<>(settings);
    shown.put("source.type", source);
    String path = input.get("path") instanceof String p ? p : "";
    boolean bundled = "sample".equals(source) && path.endsWith(IngestConfig.SAMPLE_PATH);
    shown.put("source.path", bundled ? "" : path); // the bundled corpus, named as such
    if (input.get("table") instanceof String table) {
      shown.put("source.bigquery.table", table);
    } else {
      shown.remove("source.bigquery.table");
    }
    return new ReportConfig(topPatterns, searchPatterns, searchPostings, shown);
  }
}
