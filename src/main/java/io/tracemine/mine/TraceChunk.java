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
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.Platform;
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

  /**
   * The traces of a scan's column batches ({@link ColumnarInput}) in chunks of at most {@code max}
   * traces, read lazily; the same chunks as {@link #chunks} gives for the same rows.
   */
  static Iterator<TraceChunk> chunksOfBatches(
      Iterator<ColumnarBatch> batches, ColumnarInput.Columns columns, int max) {
    return new Iterator<>() {
      private final PairIds pairs = new PairIds();
      private ColumnarBatch batch;
      private int row;
      private int rows;
      private boolean ended;

      @Override
      public boolean hasNext() {
        // a batch is reused by the reader for the next one (and emptied at the end): finish it
        // before asking for more, and count its rows when it arrives
        while (!ended && row == rows) {
          if (!batches.hasNext()) {
            ended = true;
            batch = null;
            return false;
          }
          batch = batches.next();
          row = 0;
          rows = batch.numRows();
          pairs.clear();
        }
        return !ended;
      }

      @Override
      public TraceChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more traces");
        }
        Builder b = new Builder();
        // the cached ids are the previous chunk's items
        pairs.clear();
        while (b.traces < max && hasNext()) {
          b.add(batch, row++, columns, pairs);
        }
        return new TraceChunk(b);
      }
    };
  }

  /**
   * Item ids by (file, function) Parquet dictionary ids, valid for one batch: open addressing over
   * {@code long} keys, emptied in O(1) by a new generation.
   */
  private static final class PairIds {
    private long[] keys = new long[4096];
    private int[] values = new int[4096];
    private int[] generations = new int[4096];
    private int generation = 1;
    private int size;

    void clear() {
      generation++;
      size = 0;
    }

    /** The item of {@code key}, or -1. */
    int get(long key) {
      int mask = keys.length - 1;
      for (int s = slot(key, mask); generations[s] == generation; s = (s + 1) & mask) {
        if (keys[s] == key) {
          return values[s];
        }
      }
      return -1;
    }

    void put(long key, int item) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int s = slot(key, mask);
      while (generations[s] == generation) {
        s = (s + 1) & mask;
      }
      keys[s] = key;
      values[s] = item;
      generations[s] = generation;
      size++;
    }

    private static int slot(long key, int mask) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      int[] oldGenerations = generations;
      int current = generation;
      keys = new long[2 * oldKeys.length];
      values = new int[keys.length];
      generations = new int[keys.length];
      generation = 1;
      size = 0;
      for (int s = 0; s < oldKeys.length; s++) {
        if (oldGenerations[s] == current) {
          put(oldKeys[s], oldValues[s]);
        }
      }
    }
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
      requireKeys(r.isNullAt(0), r.isNullAt(1), r.isNullAt(2), r.getUTF8String(0));
      int from =
          begin(
              r.getUTF8String(0),
              r.getLong(1),
              r.getUTF8String(2),
              r.isNullAt(5) ? null : r.getUTF8String(5));
      ArrayData fileArray = r.getArray(3);
      ArrayData functionArray = r.getArray(4);
      if (fileArray == null || functionArray == null) {
        throw nullFrames(r.getUTF8String(0));
      }
      int n = fileArray.numElements();
      reserveItems(from + n);
      if (fileArray instanceof UnsafeArrayData f && functionArray instanceof UnsafeArrayData g) {
        // the strings' bytes are looked up where they lie, without a UTF8String per frame
        for (int i = 0; i < n; i++) {
          if (f.isNullAt(i) || g.isNullAt(i)) {
            throw nullFrame(r.getUTF8String(0), i);
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
            throw nullFrame(r.getUTF8String(0), i);
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

    /** Adds row {@code r} of a column batch. */
    void add(ColumnarBatch batch, int r, ColumnarInput.Columns c, PairIds pairs) {
      requireKeys(
          batch.column(c.traceId()).isNullAt(r),
          batch.column(c.questionId()).isNullAt(r),
          batch.column(c.library()).isNullAt(r),
          batch.column(c.traceId()).isNullAt(r)
              ? null
              : batch.column(c.traceId()).getUTF8String(r));
      UTF8String traceId = batch.column(c.traceId()).getUTF8String(r);
      UTF8String languageValue =
          c.language() < 0 || batch.column(c.language()).isNullAt(r)
              ? null
              : batch.column(c.language()).getUTF8String(r);
      int from =
          begin(
              traceId,
              batch.column(c.questionId()).getLong(r),
              batch.column(c.library()).getUTF8String(r),
              languageValue);
      WritableColumnVector frames = (WritableColumnVector) batch.column(c.frames());
      if (frames.isNullAt(r)) {
        throw nullFrames(traceId);
      }
      int offset = frames.getArrayOffset(r);
      int n = frames.getArrayLength(r);
      reserveItems(from + n);
      WritableColumnVector file = frames.arrayData().getChild(c.file());
      WritableColumnVector function = frames.arrayData().getChild(c.function());
      boolean dictionaries = file.hasDictionary() && function.hasDictionary();
      for (int i = 0; i < n; i++) {
        int k = offset + i;
        if (file.isNullAt(k) || function.isNullAt(k)) {
          throw nullFrame(traceId, i);
        }
        long pair =
            dictionaries
                ? (long) file.getDictionaryIds().getInt(k) << 32
                    | (function.getDictionaryIds().getInt(k) & 0xFFFF_FFFFL)
                : -1;
        int item = dictionaries ? pairs.get(pair) : -1;
        if (item < 0) {
          UTF8String f = file.getUTF8String(k);
          UTF8String g = function.getUTF8String(k);
          item =
              itemTable.idOf(
                  f.getBaseObject(),
                  f.getBaseOffset(),
                  f.numBytes(),
                  g.getBaseObject(),
                  g.getBaseOffset(),
                  g.numBytes());
          if (dictionaries) {
            pairs.put(pair, item);
          }
        }
        count(from + i, item);
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

    /**
     * Records a trace's id, question, library and language; returns where its items start. Every
     * kept value is copied.
     */
    private int begin(UTF8String traceId, long question, UTF8String lib, UTF8String language) {
      if (traces == library.length) {
        int n = 2 * traces;
        library = Arrays.copyOf(library, n);
        questionIds = Arrays.copyOf(questionIds, n);
        traceIdEnds = Arrays.copyOf(traceIdEnds, n);
        itemEnds = Arrays.copyOf(itemEnds, n);
      }
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
      if (language != null && PYTHON.equals(language)) {
        pythonTraces[l]++;
      }
      library[traces] = l;
      questionIds[traces] = question;
      int idFrom = traces == 0 ? 0 : traceIdEnds[traces - 1];
      int idLength = traceId.numBytes();
      if (idFrom + idLength > traceIds.length) {
        traceIds = Arrays.copyOf(traceIds, Math.max(2 * traceIds.length, idFrom + idLength));
      }
      traceId.writeToMemory(traceIds, Platform.BYTE_ARRAY_OFFSET + idFrom);
      traceIdEnds[traces] = idFrom + idLength;
      return traces == 0 ? 0 : itemEnds[traces - 1];
    }

    private void reserveItems(int end) {
      if (end > items.length) {
        items = Arrays.copyOf(items, Math.max(2 * items.length, end));
      }
    }

    /**
     * A null {@code trace_id}, {@code question_id} or {@code library} (not nullable in the traces
     * table: a table written by another program) would otherwise end the task with a
     * NullPointerException, or read a null question as question 0.
     */
    private static void requireKeys(
        boolean noTraceId, boolean noQuestion, boolean noLibrary, UTF8String traceId) {
      if (noTraceId || noQuestion || noLibrary) {
        String column = noTraceId ? "trace_id" : noQuestion ? "question_id" : "library";
        throw new MalformedInputException(
            "Cannot mine "
                + (noTraceId ? "a trace" : "trace '" + traceId + "'")
                + ": its column '"
                + column
                + "' is null, which the traces table does not allow (re-run extract)");
      }
    }

    private static MalformedInputException nullFrames(UTF8String traceId) {
      return new MalformedInputException(
          "Cannot mine trace '" + traceId + "': its frames are missing (re-run extract)");
    }

    private static MalformedInputException nullFrame(UTF8String traceId, int frame) {
      return new MalformedInputException(
          "Cannot mine trace '"
              + traceId
              + "': frame "
              + frame
              + " has no file or no function (re-run extract)");
    }
  }
}
