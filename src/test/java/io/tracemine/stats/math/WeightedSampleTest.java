package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WeightedSampleTest {

  @Test
  void sameSeedSameSampleWhateverTheInputOrder() {
    Map<String, Double> forward = new LinkedHashMap<>();
    Map<String, Double> backward = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      forward.put("p" + i, 1.0 + i % 7);
    }
    for (int i = 49; i >= 0; i--) {
      backward.put("p" + i, 1.0 + i % 7);
    }
    List<WeightedSample.Draw> a = WeightedSample.draw(forward, 10, 42);
    assertThat(a).hasSize(10).isEqualTo(WeightedSample.draw(backward, 10, 42));
    assertThat(a.stream().map(WeightedSample.Draw::id).distinct()).hasSize(10);
    assertThat(WeightedSample.draw(forward, 10, 43)).isNotEqualTo(a);
  }

  @Test
  void zeroWeightsAreNeverDrawnAndSizeIsCapped() {
    Map<String, Double> w = Map.of("a", 0.0, "b", 2.0, "c", 1.0);
    assertThat(WeightedSample.draw(w, 5, 1))
        .extracting(WeightedSample.Draw::id)
        .containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void negativeSizeIsRejected() {
    assertThatThrownBy(() -> WeightedSample.draw(Map.of("a", 1.0), -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot draw a sample of -1 items: size must be >= 0");
  }

  /**
   * Proportionality: the first draw picks an item with probability w_i / sum w. Over 20,000 seeds
   * the frequencies of weights 1, 2, 3, 4 must be near 0.1, 0.2, 0.3, 0.4 (4 standard errors).
   */
  @Test
  void firstDrawIsProportionalToWeight() {
    Map<String, Double> w = Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0);
    Map<String, Integer> counts = new HashMap<>();
    int runs = 20_000;
    for (int seed = 0; seed < runs; seed++) {
      counts.merge(WeightedSample.draw(w, 1, seed).get(0).id(), 1, Integer::sum);
    }
    for (var e : w.entrySet()) {
      double expected = e.getValue() / 10.0;
      double se = Math.sqrt(expected * (1 - expected) / runs);
      assertThat(counts.get(e.getKey()) / (double) runs)
          .as(e.getKey())
          .isCloseTo(expected, within(4 * se));
    }
  }

  /** Oracle for two draws out of three items: P(first = i, second = j) = w_i/W * w_j/(W - w_i). */
  @Test
  void orderedPairsFollowSuccessiveDrawProbabilities() {
    Map<String, Double> w = new TreeMap<>(Map.of("a", 1.0, "b", 3.0, "c", 6.0));
    Map<String, Integer> counts = new HashMap<>();
    int runs = 30_000;
    for (int seed = 0; seed < runs; seed++) {
      List<WeightedSample.Draw> d = WeightedSample.draw(w, 2, seed);
      counts.merge(d.get(0).id() + d.get(1).id(), 1, Integer::sum);
    }
    for (String i : w.keySet()) {
      for (String j : w.keySet()) {
        if (!i.equals(j)) {
          double expected = w.get(i) / 10.0 * w.get(j) / (10.0 - w.get(i));
          double se = Math.sqrt(expected * (1 - expected) / runs);
          assertThat(counts.getOrDefault(i + j, 0) / (double) runs)
              .as(i + j)
              .isCloseTo(expected, within(4 * se + 1e-9));
        }
      }
    }
  }

  @Test
  void allocationRoundsProportionalShares() {
    // 780 * 5927 / 11449 = 403.78 -> 404 etc. (the study's occurrence-support pattern counts)
    Map<String, Double> totals = Map.of("a", 5927.0, "b", 2824.0, "c", 22.0);
    Map<String, Integer> n = WeightedSample.allocate(totals, 780);
    assertThat(n)
        .containsEntry("a", (int) Math.round(780 * 5927.0 / 8773))
        .containsEntry("b", (int) Math.round(780 * 2824.0 / 8773))
        .containsEntry("c", (int) Math.round(780 * 22.0 / 8773));
    assertThat(WeightedSample.allocate(Map.of("x", 0.0), 10)).containsEntry("x", 0);
  }

  @Property(tries = 100)
  void drawsAreDistinctAndRanked(
      @ForAll @IntRange(min = 1, max = 40) int items,
      @ForAll @IntRange(min = 0, max = 50) int k,
      @ForAll long seed) {
    Map<String, Double> w = new HashMap<>();
    for (int i = 0; i < items; i++) {
      w.put("id" + i, 1.0 + (i * 7919L % 13));
    }
    List<WeightedSample.Draw> d = WeightedSample.draw(w, k, seed);
    assertThat(d).hasSize(Math.min(k, items));
    assertThat(d.stream().map(WeightedSample.Draw::id).distinct()).hasSize(d.size());
    for (int i = 0; i < d.size(); i++) {
      assertThat(d.get(i).rank()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(d.get(i).key()).isLessThanOrEqualTo(d.get(i - 1).key());
      }
    }
  }
}
