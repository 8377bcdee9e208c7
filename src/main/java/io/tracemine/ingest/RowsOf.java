package io.tracemine.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * The rows {@link #rowOf} gives for each item of a partition, in order, leaving out items that give
 * none (structure); {@link #ended} runs once after the last item.
 */
abstract class RowsOf<T> implements Iterator<Row> {
  private final Iterator<T> items;
  private Row next;
  private boolean started;

  RowsOf(Iterator<T> items) {
    this.items = items;
  }

  /** The row of {@code item}, or null when it holds none. */
  abstract Row rowOf(T item);

  void ended() {}

  private Row advance() {
    while (items.hasNext()) {
      Row row = rowOf(items.next());
      if (row != null) {
        return row;
      }
    }
    ended();
    return null;
  }

  @Override
  public boolean hasNext() {
    if (!started) {
      next = advance();
      started = true;
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row current = next;
    next = advance();
    return current;
  }
}
