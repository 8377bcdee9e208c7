package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MannWhitneyTest {

  record Case(String name, double[] x, double[] y, double u, double p) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Inputs and outputs of SciPy 1.10.1 (see the header of the resource file). */
  static List<Case> scipyCases() throws IOException {
    try (InputStream in =
        MannWhitneyTest.class.getResourceAsStream("/stats/mannwhitney-scipy.csv")) {
      List<Case> cases = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(";");
        cases.add(
            new Case(
                f[0],
                parse(f[1]),
                parse(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4])));
      }
      return cases;
    }
  }

  private static double[] parse(String s) {
    return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scipyCases")
  void matchesScipy(Case c) {
    MannWhitney.Result r = MannWhitney.test(c.x(), c.y());
    assertThat(r.n1()).isEqualTo(c.x().length);
    assertThat(r.n2()).isEqualTo(c.y().length);
    assertThat(r.u()).isEqualTo(c.u());
    assertThat(r.p()).isCloseTo(c.p(), within(1e-12 + 1e-9 * c.p()));
  }

  @Test
  void methodFollowsScipyAutoRule() throws IOException {
    for (Case c : scipyCases()) {
      MannWhitney.Method expected =
          c.name().startsWith("exact") ? MannWhitney.Method.EXACT : MannWhitney.Method.ASYMPTOTIC;
      assertThat(MannWhitney.test(c.x(), c.y()).method()).as(c.name()).isEqualTo(expected);
    }
  }

  @Test
  void allTiedGivesPOneLikeScipy() {
    MannWhitney.Result r = MannWhitney.test(new double[] {4, 4, 4}, new double[] {4, 4});
    assertThat(r.p()).isEqualTo(1.0);
    assertThat(r.z()).isEqualTo(0.0);
    assertThat(r.u()).isEqualTo(3.0);
  }

  @Test
  void emptyGroupGivesNanNotAnException() {
    MannWhitney.Result r = MannWhitney.test(new double[0], new double[] {1, 2});
    assertThat(r.n1()).isZero();
    assertThat(r.n2()).isEqualTo(2);
    assertThat(r.p()).isNaN();
    assertThat(r.u()).isNaN();
    assertThat(r.method()).isEqualTo(MannWhitney.Method.NONE);
  }

  @Test
  void zIsSignedAndContinuityCorrected() {
    // x = 1..9, y = 10..18: U1 = 0, mu = 40.5, s = sqrt(81/12 * 19) = 11.3248..., z = -40/s
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] y = {10, 11, 12, 13, 14, 15, 16, 17, 18};
    assertThat(MannWhitney.test(x, y).z())
        .isCloseTo(-40 / Math.sqrt(81.0 / 12 * 19), within(1e-12));
    assertThat(MannWhitney.test(y, x).z()).isCloseTo(40 / Math.sqrt(81.0 / 12 * 19), within(1e-12));
  }

  @Test
  void nanIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {2, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot run Mann-Whitney U: y[1] is NaN; drop missing values before testing");
  }

  /** Oracle: the exact null distribution by enumerating every split of ranks 1..m+n. */
  @Property(tries = 60)
  void exactDistributionMatchesEnumeration(
      @ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll @IntRange(min = 1, max = 7) int n,
      @ForAll @IntRange(min = 0, max = 42) int u) {
    int total = m + n;
    long hits = 0;
    long all = 0;
    for (int mask = 0; mask < (1 << total); mask++) {
      if (Integer.bitCount(mask) != m) {
        continue;
      }
      int rankSum = 0;
      for (int i = 0; i < total; i++) {
        if ((mask & (1 << i)) != 0) {
          rankSum += i + 1;
        }
      }
      all++;
      if (rankSum - m * (m + 1) / 2 >= u) {
        hits++;
      }
    }
    assertThat(MannWhitney.exactSf(u, m, n)).isCloseTo(hits / (double) all, within(1e-12));
  }

  @Property(tries = 100)
  void swappingGroupsMirrorsUAndKeepsP(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 9) Integer> a,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 9) Integer> b) {
    double[] x = a.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] y = b.stream().mapToDouble(Integer::doubleValue).toArray();
    MannWhitney.Result xy = MannWhitney.test(x, y);
    MannWhitney.Result yx = MannWhitney.test(y, x);
    assertThat(xy.u() + yx.u()).isEqualTo((double) x.length * y.length);
    assertThat(xy.p()).isCloseTo(yx.p(), within(1e-12));
    assertThat(xy.z()).isCloseTo(-yx.z(), within(1e-12));
    assertThat(xy.p()).isBetween(0.0, 1.0);
  }

  @Property(tries = 50)
  void invariantToInputOrderAndMonotoneShift(@ForAll @IntRange(min = 0, max = 10_000) int seed) {
    Random random = new Random(seed);
    double[] x = random.doubles(5 + random.nextInt(20)).map(v -> Math.floor(v * 6)).toArray();
    double[] y = random.doubles(5 + random.nextInt(20)).map(v -> Math.floor(v * 6)).toArray();
    double[] shuffled = x.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    double[] x3 = Arrays.stream(x).map(v -> 3 * v + 1).toArray();
    double[] y3 = Arrays.stream(y).map(v -> 3 * v + 1).toArray();
    MannWhitney.Result r = MannWhitney.test(x, y);
    assertThat(MannWhitney.test(shuffled, y)).isEqualTo(r);
    assertThat(MannWhitney.test(x3, y3)).isEqualTo(r);
  }
}
