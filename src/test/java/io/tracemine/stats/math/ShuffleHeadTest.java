package io.tracemine.stats.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShuffleHeadTest {

  /** The oracle: shuffle the indices 0..n-1 as the driver code does and take the first k. */
  private static int[] shuffled(int n, int k, long seed) {
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    Collections.shuffle(ids, new Random(seed));
    return ids.stream().limit(k).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 300)
  void equalsCollectionsShuffleOnSmallLists(
      @ForAll @IntRange(min = 0, max = 70) int n,
      @ForAll @IntRange(min = 0, max = 12) int k,
      @ForAll long seed) {
    assertThat(ShuffleHead.head(n, k, seed)).containsExactly(shuffled(n, k, seed));
  }

  @Property(tries = 40)
  void equalsCollectionsShuffleAcrossReplayBlocks(
      @ForAll @IntRange(min = 1000, max = 9000) int n,
      @ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll long seed) {
    assertThat(ShuffleHead.head(n, k, seed)).containsExactly(shuffled(n, k, seed));
  }

  @Test
  void equalsCollectionsShuffleOnLargeListsAndPowersOfTwo() {
    for (int n : new int[] {1024, 1025, 4096, 65_536, 1_048_577, 3_000_000}) {
      long seed = 42L * 31 + n;
      assertThat(ShuffleHead.head(n, 5, seed))
          .as("n = %d", n)
          .containsExactly(shuffled(n, 5, seed));
    }
  }

  @Test
  void headIsDistinctIndicesInRange() {
    int[] head = ShuffleHead.head(100_000, 50, 7);
    assertThat(head).hasSize(50);
    assertThat(Arrays.stream(head).distinct().count()).isEqualTo(50);
    assertThat(Arrays.stream(head).allMatch(i -> i >= 0 && i < 100_000)).isTrue();
    assertThat(ShuffleHead.head(3, 10, 7)).hasSize(3);
    assertThat(ShuffleHead.head(1, 10, 7)).containsExactly(0);
    assertThat(ShuffleHead.head(0, 10, 7)).isEmpty();
  }

  @Test
  void negativeSizesAreRejected() {
    assertThatThrownBy(() -> ShuffleHead.head(-1, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot take the head of a shuffle: n = -1 and k = 2 must be >= 0");
  }
}
