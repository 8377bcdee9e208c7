package io.tracemine.mine;

import io.tracemine.InvalidConfigException;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Configuration of the mine stage. Built from defaults, then a {@code conf/} profile, then CLI
 * flags (later wins) by the caller; {@link #fromMap} reads the {@code mine.*} slice.
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
  public static final List<String> KEYS =
      List.of(SUPPORT, MIN_SUPPORT, MAX_LENGTH, EXAMPLES, BUCKETS);

  public MineConfig {
    if (supportMeasure == null) {
      throw new InvalidConfigException(
          "Cannot configure mining: '" + SUPPORT + "' is missing (valid: traces, questions,"
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

  /** traces, minsup 2, no length limit, 5 examples, automatic buckets. */
  public static MineConfig defaults() {
    return new MineConfig(SupportMeasure.TRACES, MinSupport.absolute(2), null, 5, 0);
  }

  /**
   * Applies {@code values} (keys {@link #KEYS}) over {@link #defaults()}.
   *
   * @throws InvalidConfigException on an unknown key or a bad value, naming both
   */
  public static MineConfig fromMap(Map<String, String> values) {
    MineConfig d = defaults();
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(
          "Cannot configure mining: unknown key(s) " + unknown + " (valid: " + KEYS + ")");
    }
    try {
      SupportMeasure measure =
          values.containsKey(SUPPORT)
              ? SupportMeasure.parse(values.get(SUPPORT), SUPPORT)
              : d.supportMeasure();
      MinSupport min =
          values.containsKey(MIN_SUPPORT)
              ? MinSupport.parse(values.get(MIN_SUPPORT))
              : d.minSupport();
      String ml = values.get(MAX_LENGTH);
      Integer maxLength =
          ml == null || ml.isBlank() || ml.equalsIgnoreCase("none") ? null : integer(MAX_LENGTH, ml);
      int examples =
          values.containsKey(EXAMPLES) ? integer(EXAMPLES, values.get(EXAMPLES)) : d.examples();
      int buckets =
          values.containsKey(BUCKETS) ? integer(BUCKETS, values.get(BUCKETS)) : d.buckets();
      return new MineConfig(measure, min, maxLength, examples, buckets);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(e.getMessage());
    }
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
