package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SmallMathTest {

  @Test
  void medianOfOddEvenAndEmpty() {
    assertThat(Medians.of(new double[] {3, 1, 2})).isEqualTo(2.0);
    assertThat(Medians.of(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Medians.of(new double[] {7})).isEqualTo(7.0);
    assertThat(Medians.of(new double[0])).isNull();
  }

  @Test
  void medianDoesNotModifyItsInput() {
    double[] v = {3, 1, 2};
    Medians.of(v);
    assertThat(v).containsExactly(3, 1, 2);
  }

  /** Oracle: a value is a median when at most half the values lie strictly on either side. */
  @Property(tries = 200)
  void medianSplitsTheSampleInHalves(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = -5, max = 5) Integer> values) {
    double[] v = values.stream().mapToDouble(Integer::doubleValue).toArray();
    double m = Medians.of(v);
    assertThat(Arrays.stream(v).filter(x -> x < m).count()).isLessThanOrEqualTo(v.length / 2);
    assertThat(Arrays.stream(v).filter(x -> x > m).count()).isLessThanOrEqualTo(v.length / 2);
  }

  @Test
  void marksFollowThePaper() {
    assertThat(Significance.mark(0.05)).isEqualTo("o");
    assertThat(Significance.mark(0.0499)).isEqualTo("*");
    assertThat(Significance.mark(0.01)).isEqualTo("*");
    assertThat(Significance.mark(0.0099)).isEqualTo("**");
    assertThat(Significance.mark(0.001)).isEqualTo("**");
    assertThat(Significance.mark(0.000999)).isEqualTo("***");
    assertThat(Significance.mark(1.0)).isEqualTo("o");
    assertThat(Significance.mark(Double.NaN)).isEqualTo("n/a");
    assertThat(Significance.mark(null)).isEqualTo("n/a");
  }

  /** z and p computed with SciPy 1.10.1: z by the pooled formula, p = 2 * norm.sf(|z|). */
  @Test
  void proportionZTestMatchesHandComputedValues() {
    ProportionZTest.Result r = ProportionZTest.twoSided(33, 100, 39, 100);
    // pooled 0.36; se = sqrt(0.36 * 0.64 * 0.02) = 0.0678823; z = -0.06 / se
    assertThat(r.p1()).isEqualTo(0.33);
    assertThat(r.p2()).isEqualTo(0.39);
    assertThat(r.z()).isCloseTo(-0.8838834764831844, within(1e-12));
    assertThat(r.p()).isCloseTo(0.376759117811582, within(1e-12));
    assertThat(ProportionZTest.twoSided(1793, 5436, 13000, 34254).z())
        .isCloseTo(-7.037402806705712, within(1e-10));
    assertThat(ProportionZTest.twoSided(1793, 5436, 13000, 34254).p())
        .isCloseTo(1.9585605829056022e-12, within(1e-20));
    assertThat(ProportionZTest.twoSided(1, 2, 1, 3).p())
        .isCloseTo(0.7093881150142263, within(1e-12));
    assertThat(ProportionZTest.twoSided(45, 60, 20, 60).z())
        .isCloseTo(4.580286124143444, within(1e-12));
    assertThat(ProportionZTest.twoSided(45, 60, 20, 60).p())
        .isCloseTo(4.64340243986981e-06, within(1e-15));
  }

  @Test
  void proportionZTestEdgeCases() {
    assertThat(ProportionZTest.twoSided(0, 10, 0, 12))
        .isEqualTo(new ProportionZTest.Result(0, 0, 0, 1));
    assertThat(ProportionZTest.twoSided(0, 0, 3, 12).p()).isNaN();
    assertThatThrownBy(() -> ProportionZTest.twoSided(5, 4, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot run the proportion z-test: group 1 has 5 successes of 4 trials; need 0 <="
                + " successes <= trials");
  }

  @Property(tries = 200)
  void proportionZTestIsAntisymmetric(
      @ForAll @IntRange(min = 0, max = 50) int x1,
      @ForAll @IntRange(min = 1, max = 50) int extra1,
      @ForAll @IntRange(min = 0, max = 50) int x2,
      @ForAll @IntRange(min = 1, max = 50) int extra2) {
    ProportionZTest.Result a = ProportionZTest.twoSided(x1, x1 + extra1, x2, x2 + extra2);
    ProportionZTest.Result b = ProportionZTest.twoSided(x2, x2 + extra2, x1, x1 + extra1);
    assertThat(a.z()).isCloseTo(-b.z(), within(1e-12));
    assertThat(a.p()).isCloseTo(b.p(), within(1e-12)).isBetween(0.0, 1.0);
  }
}
