package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SignTestTest {
  /** Brute force: every one of the 2^n coin sequences, counting those as extreme as observed. */
  private static double oracle(int wins, int losses) {
    int n = wins + losses;
    int observed = Math.min(wins, losses);
    long extreme = 0;
    for (long s = 0; s < (1L << n); s++) {
      int heads = Long.bitCount(s);
      if (Math.min(heads, n - heads) <= observed) {
        extreme++;
      }
    }
    return n == 0 ? 1 : (double) extreme / (1L << n);
  }

  @Property
  void equalsEnumeratingEveryOutcome(
      @ForAll @IntRange(max = 9) int wins, @ForAll @IntRange(max = 9) int losses) {
    assertThat(SignTest.pValue(wins, losses)).isCloseTo(oracle(wins, losses), within(1e-12));
  }

  @Property
  void isSymmetricAndAProbability(
      @ForAll @IntRange(max = 3000) int wins, @ForAll @IntRange(max = 3000) int losses) {
    double p = SignTest.pValue(wins, losses);
    assertThat(p).isEqualTo(SignTest.pValue(losses, wins)).isBetween(0.0, 1.0);
  }

  @Property
  void aMoreLopsidedSplitIsLessLikely(
      @ForAll @IntRange(max = 500) int wins, @ForAll @IntRange(max = 500) int extra) {
    int losses = wins + extra;
    assertThat(SignTest.pValue(wins, losses + 1))
        .isLessThanOrEqualTo(SignTest.pValue(wins, losses));
  }

  @Test
  void knownValues() {
    assertThat(SignTest.pValue(0, 0)).isEqualTo(1);
    assertThat(SignTest.pValue(0, 6)).isCloseTo(2 / 64.0, within(1e-15));
    assertThat(SignTest.pValue(34, 41)).isCloseTo(0.4887, within(1e-3));
    assertThat(SignTest.pValue(0, 1000)).isLessThan(1e-290);
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> SignTest.pValue(-1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot test: wins -1 and losses 3 must be >= 0");
  }
}
