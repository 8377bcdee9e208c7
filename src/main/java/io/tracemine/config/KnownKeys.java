package io.tracemine.config;

import io.tracemine.extract.ExtractConfig;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.PostLinksConfig;
import io.tracemine.mine.MineConfig;
import io.tracemine.report.ReportConfig;
import io.tracemine.stats.PeriodConfig;
import io.tracemine.stats.StatsConfig;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every configuration key TraceMine accepts, gathered from the owners: each stage's config record
 * declares its keys ({@code KEYS}) and parses them in its one factory {@code from(Settings)}; the
 * run-wide keys are {@link RunKeys}. Defaults live only in {@code conf/tracemine.properties}. A key
 * that no owner lists and that matches none of the {@link #KEY_PATTERNS} is rejected by {@link
 * Settings}.
 */
public final class KnownKeys {
  private KnownKeys() {}

  public static final Set<String> KNOWN =
      Set.copyOf(
          Stream.of(
                  IngestConfig.KEYS,
                  PostLinksConfig.KEYS,
                  ExtractConfig.KEYS,
                  MineConfig.KEYS,
                  StatsConfig.KEYS,
                  PeriodConfig.KEYS,
                  ReportConfig.KEYS,
                  RunKeys.KEYS)
              .flatMap(List::stream)
              .toList());

  /** Families of keys: one library's tag stems, and Spark settings passed through unchanged. */
  public static final List<Pattern> KEY_PATTERNS =
      List.of(
          Pattern.compile("library\\.[a-z0-9][a-z0-9_-]*\\.stems"),
          Pattern.compile(Pattern.quote(RunKeys.SPARK_CONF_PREFIX) + "spark\\..+"));

  public static boolean isKnown(String key) {
    return KNOWN.contains(key) || KEY_PATTERNS.stream().anyMatch(p -> p.matcher(key).matches());
  }

  /** The known keys that share {@code key}'s first component, sorted, for error messages. */
  static Set<String> withPrefixOf(String key) {
    String prefix = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : key;
    Set<String> similar = new TreeSet<>();
    KNOWN.stream().filter(k -> k.startsWith(prefix)).forEach(similar::add);
    return similar;
  }
}
