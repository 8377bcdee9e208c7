package io.tracemine.stats;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import io.tracemine.extract.ExtractConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The stats stage's slice of the configuration. Used on the driver only (nothing is shipped to
 * executors), so it is not Serializable.
 *
 * @param sampleSize n of the RQ3 round-2 sample ({@value #SAMPLE_SIZE}, default 780)
 * @param seed seed of every random choice ({@value #SEED}, default 42)
 * @param examples example questions per pattern in the RQ3 sheets ({@value #EXAMPLES}, default 5)
 * @param codebook the pattern-type taxonomy CSV ({@value #CODEBOOK}, default conf/codebook.csv)
 * @param profile the run's extraction profile (extract.profile, owned by the extract stage: default
 *     | paper); {@code paper} adds the study's aggregate conventions ({@link StudyAggregates})
 */
public record StatsConfig(int sampleSize, long seed, int examples, Path codebook, String profile) {
  public static final String SAMPLE_SIZE = "stats.sample-size";
  public static final String SEED = "stats.seed";
  public static final String EXAMPLES = "stats.examples";
  public static final String CODEBOOK = "stats.codebook";

  /** Read, not owned: the extract stage's profile key. */
  public static final String PROFILE = ExtractConfig.PROFILE;

  public static final List<String> KEYS = List.of(SAMPLE_SIZE, SEED, EXAMPLES, CODEBOOK);

  /** A config of the {@code default} profile. */
  public StatsConfig(int sampleSize, long seed, int examples, Path codebook) {
    this(sampleSize, seed, examples, codebook, "default");
  }

  public StatsConfig {
    if (!ExtractConfig.PROFILES.contains(profile)) {
      throw new InvalidConfigException(
          "'"
              + PROFILE
              + "' is set to '"
              + profile
              + "' (valid: "
              + String.join(", ", ExtractConfig.PROFILES)
              + ")");
    }
    if (sampleSize < 1) {
      throw new InvalidConfigException(
          "'" + SAMPLE_SIZE + "' is set to " + sampleSize + " but must be >= 1");
    }
    if (examples < 1) {
      throw new InvalidConfigException(
          "'" + EXAMPLES + "' is set to " + examples + " but must be >= 1");
    }
    if (codebook == null) {
      throw new InvalidConfigException("'" + CODEBOOK + "' is not set; point it at a codebook CSV");
    }
  }

  /**
   * The packaged defaults ({@code conf/tracemine.properties}), with the codebook resolved against
   * the {@code conf} directory of the working directory (the project's, where submit.sh runs).
   */
  public static StatsConfig defaults() {
    StatsConfig packaged = from(Settings.packagedDefaults());
    return packaged.withCodebook(Path.of("conf").resolve(packaged.codebook()));
  }

  /** True in the {@code paper} profile: the study's own conventions are added next to ours. */
  public boolean studyConventions() {
    return profile.equals("paper");
  }

  /**
   * The stage's one factory: reads the {@code stats.*} keys and the extract stage's {@value
   * #PROFILE}. A relative codebook path is taken as given ({@link #withCodebook} resolves it).
   */
  public static StatsConfig from(Settings settings) {
    return new StatsConfig(
        settings.intValue(SAMPLE_SIZE, Integer.MIN_VALUE),
        settings.longValue(SEED, Long.MIN_VALUE),
        settings.intValue(EXAMPLES, Integer.MIN_VALUE),
        Path.of(settings.string(CODEBOOK)),
        ExtractConfig.from(settings).profile());
  }

  public StatsConfig withCodebook(Path resolved) {
    return new StatsConfig(sampleSize, seed, examples, resolved, profile);
  }
}
