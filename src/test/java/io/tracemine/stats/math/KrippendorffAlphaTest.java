package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

  /**
   * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: nominal data, 4
   * observers, 12 units, missing values; published alpha = 0.743.
   */
  @Test
  void publishedFourCoderExampleWithMissingValues() {
    String[] a = {"1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null};
    String[] b = {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"};
    String[] c = {null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null};
    String[] d = {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null};
    String[][] units = new String[12][];
    for (int u = 0; u < 12; u++) {
      units[u] = new String[] {a[u], b[u], c[u], d[u]};
    }
    KrippendorffAlpha.Result r = KrippendorffAlpha.nominal(units);
    assertThat(r.alpha()).isCloseTo(0.743, within(0.0005));
    assertThat(r.pairableUnits()).isEqualTo(11); // unit 12 has one value only
    assertThat(r.pairableValues()).isEqualTo(40.0);
  }

  /** Krippendorff (2011), example A: binary data, 2 observers, 10 units; alpha = 0.095. */
  @Test
  void publishedTwoCoderBinaryExample() {
    String[] a = {"0", "1", "0", "0", "0", "0", "0", "0", "1", "0"};
    String[] b = {"1", "1", "1", "0", "0", "1", "0", "0", "0", "0"};
    List<List<String>> units = new ArrayList<>();
    for (int u = 0; u < a.length; u++) {
      units.add(List.of(a[u], b[u]));
    }
    // 1 - 19 * 8 / (2 * 14 * 6) = 0.0952...
    assertThat(KrippendorffAlpha.nominal(units).alpha())
        .isCloseTo(1 - 19.0 * 8 / 168, within(1e-12));
    assertThat(KrippendorffAlpha.nominal(units).alpha()).isCloseTo(0.095, within(0.0005));
  }

  @Test
  void perfectAgreementIsOneAndSingleValueIsUndefined() {
    assertThat(KrippendorffAlpha.nominal(new String[][] {{"x", "x"}, {"y", "y", null}}).alpha())
        .isEqualTo(1.0);
    assertThat(KrippendorffAlpha.nominal(new String[][] {{"x", "x"}, {"x", "x"}}).alpha()).isNaN();
    assertThat(KrippendorffAlpha.nominal(new String[][] {{"x"}, {null, "y"}}).alpha()).isNaN();
  }

  /**
   * Oracle: the pairwise definition alpha = 1 - D_o / D_e with D_o the share of disagreeing ordered
   * pairs within units (each unit weighted by 1/(m_u - 1)) and D_e that over all pairable values,
   * written with explicit loops over value pairs.
   */
  @Property(tries = 200)
  void matchesPairwiseDefinition(@ForAll @IntRange(min = 0, max = 100_000) int seed) {
    java.util.Random random = new java.util.Random(seed);
    int unitCount = 2 + random.nextInt(8);
    int coders = 2 + random.nextInt(3);
    String[][] units = new String[unitCount][coders];
    for (int u = 0; u < unitCount; u++) {
      for (int c = 0; c < coders; c++) {
        units[u][c] = random.nextInt(5) == 0 ? null : "v" + random.nextInt(3);
      }
    }
    List<String> pooled = new ArrayList<>();
    double within = 0;
    for (String[] unit : units) {
      List<String> values = new ArrayList<>();
      for (String v : unit) {
        if (v != null) {
          values.add(v);
        }
      }
      if (values.size() < 2) {
        continue;
      }
      pooled.addAll(values);
      for (int i = 0; i < values.size(); i++) {
        for (int j = 0; j < values.size(); j++) {
          if (i != j && !values.get(i).equals(values.get(j))) {
            within += 1.0 / (values.size() - 1);
          }
        }
      }
    }
    double n = pooled.size();
    double between = 0;
    for (int i = 0; i < pooled.size(); i++) {
      for (int j = 0; j < pooled.size(); j++) {
        if (i != j && !pooled.get(i).equals(pooled.get(j))) {
          between++;
        }
      }
    }
    double expected = n < 2 || between == 0 ? Double.NaN : 1 - (n - 1) * within / between;
    double actual = KrippendorffAlpha.nominal(units).alpha();
    if (Double.isNaN(expected)) {
      assertThat(actual).isNaN();
    } else {
      assertThat(actual).isCloseTo(expected, within(1e-9));
    }
  }
}
