package io.tracemine.mine;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the mine stage, built by {@link #from(Settings)}; the defaults are in {@code
 * conf/tracemine.properties}.
 *
 * @param supportMeasure drives the threshold and closedness ({@value #SUPPORT})
 * @param minSupport absolute count or fraction of a library's trace instances ({@value
 *     #MIN_SUPPORT})
 * @param maxLength longest pattern reported, or null for no limit ({@value #MAX_LENGTH})
 * @param examples how many example question ids per pattern, smallest first ({@value #EXAMPLES})
 * @param buckets work units per library, or 0 for automatic (MineStage.autoBuckets) ({@value
 *     #BUCKETS}); never changes the result
 */
public record MineConfig(
    SupportMeasure supportMeasure,
    MinSupport minSupport,
    Integer maxLength,
    int examples,
    int buckets)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String SUPPORT = "mine.support";
  public static final String MIN_SUPPORT = MinSupport.KEY;
  public static final String MAX_LENGTH = "mine.max-length";
  public static final String EXAMPLES = "mine.examples";
  public static final String BUCKETS = "mine.buckets";

  /** Also mine at min-support 1, into the {@code _minsup1} tables. */
  public static final String WITH_MINSUP1 = "mine.with-minsup1";

  public static final List<String> KEYS =
      List.of(SUPPORT, MIN_SUPPORT, MAX_LENGTH, EXAMPLES, BUCKETS, WITH_MINSUP1);

  /** The table-name suffix of the min-support-1 pass. */
  public static final String MINSUP1_SUFFIX = "_minsup1";

  public MineConfig {
    if (supportMeasure == null) {
      throw new InvalidConfigException(
          "Cannot configure mining: '"
              + SUPPORT
              + "' is missing (valid: traces, questions,"
              + " occurrences)");
    }
    if (minSupport == null) {
      throw new InvalidConfigException(
          "Cannot configure mining: '" + MIN_SUPPORT + "' is missing (e.g. 2 or 0.01)");
    }
    if (maxLength != null && maxLength < 1) {
      throw new InvalidConfigException(
          String.format(
              "Cannot use '%s' = %d: it must be >= 1 (leave it unset for no limit)",
              MAX_LENGTH, maxLength));
    }
    if (examples < 0) {
      throw new InvalidConfigException(
          String.format("Cannot use '%s' = %d: it must be >= 0", EXAMPLES, examples));
    }
    if (buckets < 0) {
      throw new InvalidConfigException(
          String.format(
              "Cannot use '%s' = %d: it must be >= 1, or 0 for automatic", BUCKETS, buckets));
    }
  }

  /** The packaged defaults ({@code conf/tracemine.properties}). */
  public static MineConfig defaults() {
    return from(Settings.packagedDefaults());
  }

  /**
   * The stage's one factory: reads the {@code mine.*} keys.
   *
   * @throws InvalidConfigException on a bad value, naming the key
   */
  public static MineConfig from(Settings settings) {
    try {
      return new MineConfig(
          SupportMeasure.parse(settings.string(SUPPORT), SUPPORT),
          MinSupport.parse(settings.string(MIN_SUPPORT)),
          maxLength(settings.stringOr(MAX_LENGTH, null)),
          settings.intValue(EXAMPLES, Integer.MIN_VALUE),
          settings.intValue(BUCKETS, Integer.MIN_VALUE));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(e.getMessage());
    }
  }

  /**
   * The passes a run mines, by table-name suffix: the configured one ({@code ""}), then, when
   * {@value #WITH_MINSUP1} is true and the configured minimum is not already 1, the same at
   * min-support 1 ({@value #MINSUP1_SUFFIX}).
   */
  public static Map<String, MineConfig> passes(Settings settings) {
    MineConfig config = from(settings);
    Map<String, MineConfig> passes = new LinkedHashMap<>();
    passes.put("", config);
    if (settings.bool(WITH_MINSUP1) && !config.minSupport().equals(MinSupport.absolute(1))) {
      passes.put(
          MINSUP1_SUFFIX,
          new MineConfig(
              config.supportMeasure(),
              MinSupport.absolute(1),
              config.maxLength(),
              config.examples(),
              config.buckets()));
    }
    return passes;
  }

  private static Integer maxLength(String value) {
    return value == null || value.equalsIgnoreCase("none") ? null : integer(MAX_LENGTH, value);
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          String.format("Cannot use '%s' = '%s': not an integer", key, value));
    }
  }
}
