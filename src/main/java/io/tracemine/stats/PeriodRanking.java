package io.tracemine.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The top-k and "rising" rankings of the per-period tables ({@link PeriodTables}, definitions in
 * docs/TABLES-stats.md) over grouped counts the driver holds: a few values per (period, library,
 * key), never a row per question or trace. Strings order as Spark orders them (by Unicode code
 * point, i.e. UTF-8 bytes), so the rows equal those of the Spark window queries they replace.
 */
final class PeriodRanking {
  /** Spark's string order: unsigned UTF-8 bytes, which is Unicode code point order. */
  static final Comparator<String> SPARK_STRING_ORDER = PeriodRanking::compareCodePoints;

  private PeriodRanking() {}

  /** Instances and distinct questions of one value of a column in one period and library. */
  record Count(String period, String library, String value, long instances, long questions) {}

  /** A {@link Count} at its 1-based rank within its period and library. */
  record Ranked(Count count, int rank) {}

  /** The support of one key (pattern or template) in one period and library. */
  record Support(String period, String library, String key, long support) {}

  /** One row of {@code rising} before its label. */
  record Rise(
      String library,
      String period,
      String previousPeriod,
      int rank,
      String key,
      long support,
      long previousSupport,
      long growth,
      Double growthPct) {}

  /**
   * The {@code top} most frequent values per period and library (instances descending, then value),
   * ordered by period, library and rank.
   */
  static List<Ranked> top(List<Count> counts, int top) {
    Map<List<String>, List<Count>> groups = new HashMap<>();
    for (Count c : counts) {
      groups.computeIfAbsent(List.of(c.period(), c.library()), k -> new ArrayList<>()).add(c);
    }
    Comparator<Count> byCount =
        Comparator.comparingLong(Count::instances)
            .reversed()
            .thenComparing(Count::value, SPARK_STRING_ORDER);
    List<Ranked> out = new ArrayList<>();
    for (List<Count> group : groups.values()) {
      group.sort(byCount);
      for (int i = 0; i < Math.min(top, group.size()); i++) {
        out.add(new Ranked(group.get(i), i + 1));
      }
    }
    out.sort(
        Comparator.comparing((Ranked r) -> r.count().period(), SPARK_STRING_ORDER)
            .thenComparing(r -> r.count().library(), SPARK_STRING_ORDER)
            .thenComparingInt(Ranked::rank));
    return out;
  }

  /**
   * Keys whose support grew most against the previous period: in each period after {@code first}
   * (none when it is null), a key with {@code support >= minSupport} and {@code growth = support -
   * previous_support > 0} (previous support 0 when absent), ranked by growth, then support
   * descending, then key; the {@code top} per library and period, ordered by library, period and
   * rank.
   */
  static List<Rise> rising(
      List<Support> support,
      String first,
      int top,
      int minSupport,
      UnaryOperator<String> previous) {
    List<Rise> out = new ArrayList<>();
    if (first == null) {
      return out;
    }
    // (period, library, key) is unique: the rows are a grouped count
    Map<List<String>, Long> supportOf = new HashMap<>();
    for (Support s : support) {
      supportOf.put(List.of(s.period(), s.library(), s.key()), s.support());
    }
    Map<List<String>, List<Rise>> groups = new HashMap<>();
    for (Support s : support) {
      if (compareCodePoints(s.period(), first) <= 0 || s.support() < minSupport) {
        continue;
      }
      String before = previous.apply(s.period());
      long previousSupport =
          before == null ? 0 : supportOf.getOrDefault(List.of(before, s.library(), s.key()), 0L);
      long growth = s.support() - previousSupport;
      if (growth > 0) {
        Double pct = previousSupport > 0 ? growth * 100.0 / previousSupport : null;
        groups
            .computeIfAbsent(List.of(s.library(), s.period()), k -> new ArrayList<>())
            .add(
                new Rise(
                    s.library(),
                    s.period(),
                    before,
                    0,
                    s.key(),
                    s.support(),
                    previousSupport,
                    growth,
                    pct));
      }
    }
    for (List<Rise> group : groups.values()) {
      group.sort(
          Comparator.comparingLong(Rise::growth)
              .reversed()
              .thenComparing(Comparator.comparingLong(Rise::support).reversed())
              .thenComparing(Rise::key, SPARK_STRING_ORDER));
      for (int i = 0; i < Math.min(top, group.size()); i++) {
        Rise r = group.get(i);
        out.add(
            new Rise(
                r.library(),
                r.period(),
                r.previousPeriod(),
                i + 1,
                r.key(),
                r.support(),
                r.previousSupport(),
                r.growth(),
                r.growthPct()));
      }
    }
    out.sort(
        Comparator.comparing(Rise::library, SPARK_STRING_ORDER)
            .thenComparing(Rise::period, SPARK_STRING_ORDER)
            .thenComparingInt(Rise::rank));
    return out;
  }

  /** Compares by Unicode code point, as Spark compares UTF-8 strings byte by byte. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
