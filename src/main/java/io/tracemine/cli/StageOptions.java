package io.tracemine.cli;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.mine.MineConfig;
import io.tracemine.stats.StatsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Command-line shortcuts for the extract, mine and stats settings; each maps to one config key. */
final class StageOptions {
  private StageOptions() {}

  static final class Extract {
    @Option(
        names = "--extract-profile",
        description =
            "Trace parsing: default (every traceback, all frames) or paper (the study's"
                + " conventions) (extract.profile).")
    String profile;

    void addTo(Map<String, String> overrides) {
      if (profile != null) {
        overrides.put(ExtractConfig.PROFILE, profile);
      }
    }
  }

  static final class Mine {
    @Option(
        names = "--support",
        description = "Support measure: traces, questions or occurrences (mine.support).")
    String support;

    @Option(
        names = "--min-support",
        description =
            "Minimum support: a count (2) or a fraction of a library's instances (0.001)"
                + " (mine.min-support).")
    String minSupport;

    @Option(
        names = "--max-length",
        description = "Longest pattern to report; default no limit (mine.max-length).")
    Integer maxLength;

    void addTo(Map<String, String> overrides) {
      if (support != null) {
        overrides.put(MineConfig.SUPPORT, support);
      }
      if (minSupport != null) {
        overrides.put(MineConfig.MIN_SUPPORT, minSupport);
      }
      if (maxLength != null) {
        overrides.put(MineConfig.MAX_LENGTH, maxLength.toString());
      }
    }
  }

  static final class Stats {
    @Option(names = "--sample-size", description = "RQ3 round-2 sample size n (stats.sample-size).")
    Integer sampleSize;

    @Option(names = "--seed", description = "Seed of the RQ3 samples (stats.seed).")
    Long seed;

    @Option(
        names = "--labels",
        arity = "1..*",
        paramLabel = "SHEET",
        description =
            "Filled-in RQ3 labelling sheets (CSV, any number of coders): adds agreement and Tables"
                + " 8-9.")
    List<Path> labels = new ArrayList<>();

    void addTo(Map<String, String> overrides) {
      if (sampleSize != null) {
        overrides.put(StatsConfig.SAMPLE_SIZE, sampleSize.toString());
      }
      if (seed != null) {
        overrides.put(StatsConfig.SEED, seed.toString());
      }
    }
  }
}
