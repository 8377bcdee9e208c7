package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LazyIteratorsTest {
  /** Oracle: the eager expansion of each input into {@code input % 4} copies of itself. */
  private static List<Integer> expandEagerly(List<Integer> in) {
    List<Integer> out = new ArrayList<>();
    for (int x : in) {
      for (int k = 0; k < Math.floorMod(x, 4); k++) {
        out.add(x * 10 + k);
      }
    }
    return out;
  }

  private static <T> List<T> drain(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Property
  void mapEqualsTheEagerMap(
      @ForAll @Size(max = 30) List<@IntRange(min = -50, max = 50) Integer> in) {
    assertThat(drain(LazyIterators.map(in.iterator(), x -> x * 3 + 1)))
        .isEqualTo(in.stream().map(x -> x * 3 + 1).toList());
  }

  @Property
  void flatMapEqualsTheEagerExpansion(
      @ForAll @Size(max = 30) List<@IntRange(min = -50, max = 50) Integer> in) {
    Iterator<Integer> it =
        LazyIterators.flatMap(
            in.iterator(),
            (Integer x, java.util.function.Consumer<Integer> emit) -> {
              for (int k = 0; k < Math.floorMod(x, 4); k++) {
                emit.accept(x * 10 + k);
              }
            });
    assertThat(drain(it)).isEqualTo(expandEagerly(in));
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void inputsAreTakenOnlyWhenTheOutputNeedsThem() {
    AtomicInteger taken = new AtomicInteger();
    Iterator<Integer> source =
        new Iterator<>() {
          int next;

          @Override
          public boolean hasNext() {
            return next < 5;
          }

          @Override
          public Integer next() {
            taken.incrementAndGet();
            return next++;
          }
        };
    // 0 emits nothing, 1 emits twice, the rest once
    Iterator<Integer> out =
        LazyIterators.flatMap(
            source,
            (Integer x, java.util.function.Consumer<Integer> emit) -> {
              for (int k = 0; k < (x == 0 ? 0 : x == 1 ? 2 : 1); k++) {
                emit.accept(x);
              }
            });
    assertThat(taken).hasValue(0);
    assertThat(out.next()).isEqualTo(1);
    assertThat(taken).hasValue(2);
    assertThat(out.next()).isEqualTo(1);
    assertThat(taken).hasValue(2);
    assertThat(drain(out)).containsExactly(2, 3, 4);
    assertThatThrownBy(out::next)
        .isInstanceOf(NoSuchElementException.class)
        .extracting(Throwable::getMessage)
        .isNull();
  }
}
