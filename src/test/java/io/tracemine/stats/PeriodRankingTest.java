package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The driver's rankings of the per-period tables: Spark's string order, and ties broken as the
 * Spark windows broke them. The tables themselves are checked against a brute-force oracle in
 * {@code PeriodTablesTest}.
 */
class PeriodRankingTest {
  @Property(tries = 500)
  void ordersStringsAsSparkComparesTheirUtf8Bytes(@ForAll String a, @ForAll String b) {
    int bytes =
        Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(PeriodRanking.compareCodePoints(a, b)))
        .isEqualTo(Integer.signum(bytes));
  }

  @Test
  void breaksCountTiesByCodePointNotByUtf16Unit() {
    // U+FFFD sorts before U+1F600 by code point (and UTF-8 bytes), after it by UTF-16 units
    String replacement = "\uFFFD";
    String emoji = "\uD83D\uDE00";
    assertThat(replacement.compareTo(emoji)).isPositive();
    List<PeriodRanking.Ranked> top =
        PeriodRanking.top(
            List.of(
                new PeriodRanking.Count("2020", "a", emoji, 3, 1),
                new PeriodRanking.Count("2020", "a", replacement, 3, 2),
                new PeriodRanking.Count("2020", "a", "x", 4, 4),
                new PeriodRanking.Count("2019", "a", "y", 1, 1)),
            2);
    assertThat(top)
        .extracting(r -> r.count().period() + " " + r.rank() + " " + r.count().value())
        .containsExactly("2019 1 y", "2020 1 x", "2020 2 " + replacement);
  }

  @Test
  void risesOnlyAfterTheFirstPeriodWithEnoughSupportAndGrowth() {
    List<PeriodRanking.Support> support =
        List.of(
            new PeriodRanking.Support("2019", "a", "k1", 5),
            new PeriodRanking.Support("2020", "a", "k1", 7),
            new PeriodRanking.Support("2020", "a", "k2", 2),
            new PeriodRanking.Support("2020", "a", "k3", 1),
            new PeriodRanking.Support("2021", "a", "k1", 3));
    List<PeriodRanking.Rise> rising =
        PeriodRanking.rising(support, "2019", 10, 2, p -> "" + (Integer.parseInt(p) - 1));
    assertThat(rising)
        .extracting(
            r ->
                r.period()
                    + " "
                    + r.rank()
                    + " "
                    + r.key()
                    + " "
                    + r.previousSupport()
                    + " "
                    + r.growth()
                    + " "
                    + r.growthPct())
        .containsExactly("2020 1 k1 5 2 40.0", "2020 2 k2 0 2 null");
    assertThat(PeriodRanking.rising(support, null, 10, 2, p -> p)).isEmpty();
  }
}
