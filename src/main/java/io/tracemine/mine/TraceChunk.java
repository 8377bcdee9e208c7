package io.tracemine.mine;

import io.tracemine.MalformedInputException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Up to {@link #MAX_TRACES} traces of one input partition, their frames as chunk-local item ids,
 * with the counts of those items and of the traces per library. The mine stage reads its input once
 * into chunks (cached on local disk): the census sums the chunks' counts, and the route maps a
 * chunk's distinct items to the dictionary's ids once each instead of looking up every frame.
 */
final class TraceChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Traces per chunk: bounds a chunk's heap (about 1 MiB per 10k traces of 20 frames). */
  static final int MAX_TRACES = 1 << 15;

  private static final UTF8String PYTHON = UTF8String.fromString("python");

  /** The chunk's distinct items (local id i = files[i], functions[i]) and their occurrences. */
  final String[] files;

  final String[] functions;
  final long[] itemCounts;

  /** The chunk's libraries, their traces, and their Python traces (language "python"). */
  final String[] libraries;

  final long[] libraryTraces;
  final long[] pythonTraces;

  /** Per trace: its library (local index), question, id (UTF-8, flat), items (local ids, flat). */
  final int[] library;

  final long[] questionIds;
  final byte[] traceIds;
  final int[] traceIdEnds;
  final int[] items;
  final int[] itemEnds;

  private TraceChunk(Builder b) {
    files = new String[b.itemTable.size()];
    functions = new String[files.length];
    for (int i = 0; i < files.length; i++) {
      files[i] = b.itemTable.file(i);
      functions[i] = b.itemTable.function(i);
    }
    itemCounts = Arrays.copyOf(b.itemCounts, files.length);
    libraries = b.libraryNames.stream().map(UTF8String::toString).toArray(String[]::new);
    libraryTraces = Arrays.copyOf(b.libraryTraces, libraries.length);
    pythonTraces = Arrays.copyOf(b.pythonTraces, libraries.length);
    library = Arrays.copyOf(b.library, b.traces);
    questionIds = Arrays.copyOf(b.questionIds, b.traces);
    traceIdEnds = Arrays.copyOf(b.traceIdEnds, b.traces);
    traceIds = Arrays.copyOf(b.traceIds, b.traces == 0 ? 0 : traceIdEnds[b.traces - 1]);
    itemEnds = Arrays.copyOf(b.itemEnds, b.traces);
    items = Arrays.copyOf(b.items, b.traces == 0 ? 0 : itemEnds[b.traces - 1]);
  }

  int size() {
    return library.length;
  }

  int idFrom(int t) {
    return t == 0 ? 0 : traceIdEnds[t - 1];
  }

  int itemsFrom(int t) {
    return t == 0 ? 0 : itemEnds[t - 1];
  }

  String traceId(int t) {
    return new String(traceIds, idFrom(t), traceIdEnds[t] - idFrom(t), StandardCharsets.UTF_8);
  }

  /**
   * The rows (trace_id, question_id, library, files, functions, language; language may be null) in
   * chunks of at most {@code max} traces, read lazily.
   */
  static Iterator<TraceChunk> chunks(Iterator<InternalRow> rows, int max) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public TraceChunk next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException("no more traces");
        }
        Builder b = new Builder();
        while (b.traces < max && rows.hasNext()) {
          b.add(rows.next());
        }
        return new TraceChunk(b);
      }
    };
  }

  /** Accumulates rows; rows may be reused by their iterator, so every kept value is copied. */
  private static final class Builder {
    private final ItemTable itemTable = new ItemTable();
    private long[] itemCounts = new long[256];
    private final Map<UTF8String, Integer> libraryIds = new HashMap<>();
    private final List<UTF8String> libraryNames = new ArrayList<>();
    private long[] libraryTraces = new long[4];
    private long[] pythonTraces = new long[4];
    private int traces;
    private int[] library = new int[1024];
    private long[] questionIds = new long[1024];
    private int[] traceIdEnds = new int[1024];
    private int[] itemEnds = new int[1024];
    private byte[] traceIds = new byte[16 * 1024];
    private int[] items = new int[16 * 1024];

    void add(InternalRow r) {
      if (traces == library.length) {
        int n = 2 * traces;
        library = Arrays.copyOf(library, n);
        questionIds = Arrays.copyOf(questionIds, n);
        traceIdEnds = Arrays.copyOf(traceIdEnds, n);
        itemEnds = Arrays.copyOf(itemEnds, n);
      }
      UTF8String lib = r.getUTF8String(2);
      Integer l = libraryIds.get(lib);
      if (l == null) {
        l = libraryNames.size();
        libraryIds.put(lib.clone(), l);
        libraryNames.add(lib.clone());
        if (l == libraryTraces.length) {
          libraryTraces = Arrays.copyOf(libraryTraces, 2 * l);
          pythonTraces = Arrays.copyOf(pythonTraces, 2 * l);
        }
      }
      libraryTraces[l]++;
      if (!r.isNullAt(5) && PYTHON.equals(r.getUTF8String(5))) {
        pythonTraces[l]++;
      }
      library[traces] = l;
      questionIds[traces] = r.getLong(1);
      byte[] id = r.getUTF8String(0).getBytes();
      int idFrom = traces == 0 ? 0 : traceIdEnds[traces - 1];
      if (idFrom + id.length > traceIds.length) {
        traceIds = Arrays.copyOf(traceIds, Math.max(2 * traceIds.length, idFrom + id.length));
      }
      System.arraycopy(id, 0, traceIds, idFrom, id.length);
      traceIdEnds[traces] = idFrom + id.length;
      ArrayData fileArray = r.getArray(3);
      ArrayData functionArray = r.getArray(4);
      int n = fileArray.numElements();
      int from = traces == 0 ? 0 : itemEnds[traces - 1];
      if (from + n > items.length) {
        items = Arrays.copyOf(items, Math.max(2 * items.length, from + n));
      }
      if (fileArray instanceof UnsafeArrayData f && functionArray instanceof UnsafeArrayData g) {
        // the strings' bytes are looked up where they lie, without a UTF8String per frame
        for (int i = 0; i < n; i++) {
          if (f.isNullAt(i) || g.isNullAt(i)) {
            throw nullFrame(r, i);
          }
          long fileAt = f.getLong(i);
          long functionAt = g.getLong(i);
          count(
              from + i,
              itemTable.idOf(
                  f.getBaseObject(),
                  f.getBaseOffset() + (fileAt >>> 32),
                  (int) fileAt,
                  g.getBaseObject(),
                  g.getBaseOffset() + (functionAt >>> 32),
                  (int) functionAt));
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (fileArray.isNullAt(i) || functionArray.isNullAt(i)) {
            throw nullFrame(r, i);
          }
          UTF8String file = fileArray.getUTF8String(i);
          UTF8String function = functionArray.getUTF8String(i);
          count(
              from + i,
              itemTable.idOf(
                  file.getBaseObject(),
                  file.getBaseOffset(),
                  file.numBytes(),
                  function.getBaseObject(),
                  function.getBaseOffset(),
                  function.numBytes()));
        }
      }
      itemEnds[traces] = from + n;
      traces++;
    }

    private void count(int at, int item) {
      if (item == itemCounts.length) {
        itemCounts = Arrays.copyOf(itemCounts, 2 * item);
      }
      itemCounts[item]++;
      items[at] = item;
    }

    private static MalformedInputException nullFrame(InternalRow r, int frame) {
      return new MalformedInputException(
          "Cannot mine trace '"
              + r.getUTF8String(0)
              + "': frame "
              + frame
              + " has no file or no function (re-run extract)");
    }
  }
}
