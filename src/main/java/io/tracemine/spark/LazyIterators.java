package io.tracemine.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lazy iterators a per-partition function returns: each input is taken only when the output
 * needs it, so a partition is never held in memory whole.
 */
public final class LazyIterators {
  private LazyIterators() {}

  /** {@code f} of each input, in order. */
  public static <A, B> Iterator<B> map(Iterator<A> in, Function<? super A, ? extends B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }

  /** What {@code expand} emits for each input (none, one or more), in order. */
  public static <A, B> Iterator<B> flatMap(
      Iterator<A> in, BiConsumer<? super A, Consumer<B>> expand) {
    return new Iterator<>() {
      private final List<B> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == pending.size() && in.hasNext()) {
          pending.clear();
          next = 0;
          expand.accept(in.next(), pending::add);
        }
        return next < pending.size();
      }

      @Override
      public B next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }
    };
  }
}
