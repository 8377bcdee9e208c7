package io.tracemine.stats;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.ConfigKeys;
import io.tracemine.extract.ExtractConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stats stage's slice of the configuration. Used on the driver only (nothing is shipped to
 * executors), so it is not Serializable.
 *
 * @param sampleSize n of the RQ3 round-2 sample ({@value #SAMPLE_SIZE}, default 780)
 * @param seed seed of every random choice ({@value #SEED}, default 42)
 * @param examples example questions per pattern in the RQ3 sheets ({@value #EXAMPLES}, default 5)
 * @param codebook the pattern-type taxonomy CSV ({@value #CODEBOOK}, default conf/codebook.csv)
 * @param profile the run's extraction profile (extract.profile, owned by the extract stage:
 *     default | paper); {@code paper} adds the study's aggregate conventions ({@link
 *     StudyAggregates})
 */
public record StatsConfig(int sampleSize, long seed, int examples, Path codebook, String profile) {
  public static final String SAMPLE_SIZE = "stats.sample-size";
  public static final String SEED = "stats.seed";
  public static final String EXAMPLES = "stats.examples";
  public static final String CODEBOOK = "stats.codebook";
  /** Read, not owned: the extract stage's profile key. */
  public static final String PROFILE = ConfigKeys.EXTRACT_PROFILE;
  private static final List<String> KEYS = List.of(SAMPLE_SIZE, SEED, EXAMPLES, CODEBOOK,
      PeriodConfig.PERIOD, PeriodConfig.TOP, PeriodConfig.RISING_MIN_SUPPORT);

  /** A config of the {@code default} profile. */
  public StatsConfig(int sampleSize, long seed, int examples, Path codebook) {
    this(sampleSize, seed, examples, codebook, "default");
  }

  public StatsConfig {
    if (!ExtractConfig.PROFILES.contains(profile)) {
      throw new InvalidConfigException(
          "'" + PROFILE + "' is set to '" + profile + "' (valid: " + String.join(", ", ExtractConfig.PROFILES) + ")");
    }
    if (sampleSize < 1) {
      throw new InvalidConfigException("'" + SAMPLE_SIZE + "' is set to " + sampleSize + " but must be >= 1");
    }
    if (examples < 1) {
      throw new InvalidConfigException("'" + EXAMPLES + "' is set to " + examples + " but must be >= 1");
    }
    if (codebook == null) {
      throw new InvalidConfigException("'" + CODEBOOK + "' is not set; point it at a codebook CSV");
    }
  }

  /** The defaults: 780, 42, 5, conf/codebook.csv. */
  public static StatsConfig defaults() {
    return new StatsConfig(780, 42, 5, Path.of("conf", "codebook.csv"));
  }

  /** True in the {@code paper} profile: the study's own conventions are added next to ours. */
  public boolean studyConventions() {
    return profile.equals("paper");
  }

  /**
   * Builds the config from {@code stats.*} keys of {@code properties} and {@value #PROFILE} over
   * the defaults; other keys outside {@code stats.} are ignored (other stages own them), unknown
   * {@code stats.} keys are errors. A relative codebook path is taken as given (the caller resolves it against conf/).
   */
  public static StatsConfig from(Map<String, String> properties) {
    Set<String> unknown = new TreeSet<>();
    for (String k : properties.keySet()) {
      if (k.startsWith("stats.") && !KEYS.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException("Unknown stats keys " + unknown + " (valid: " + String.join(", ", KEYS) + ")");
    }
    StatsConfig d = defaults();
    String codebook = properties.getOrDefault(CODEBOOK, d.codebook().toString()).strip();
    if (codebook.isEmpty()) {
      throw new InvalidConfigException("'" + CODEBOOK + "' is empty; point it at a codebook CSV");
    }
    return new StatsConfig(
        (int) number(properties, SAMPLE_SIZE, d.sampleSize()),
        number(properties, SEED, d.seed()),
        (int) number(properties, EXAMPLES, d.examples()),
        Path.of(codebook),
        properties.getOrDefault(PROFILE, d.profile()).strip());
  }

  private static long number(Map<String, String> properties, String key, long fallback) {
    String v = properties.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (!key.equals(SEED) && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException("'" + key + "' is set to '" + v + "' but must be an integer");
    }
  }
}
