package io.tracemine.mine;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.ClosedPattern;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.codec.TraceList;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The closed patterns of one (library, bucket) in a compact form (flat int arrays, binary ids), so
 * that Spark can keep it between the two writes of the mine stage at a fraction of the size of
 * rows. Traces are indexed in ascending trace-id order (UTF-8 bytes, as Spark orders strings), so
 * every list derived from it is sorted and does not depend on the order in which the traces
 * arrived.
 */
public final class MinedGroup implements Serializable {
  private static final long serialVersionUID = 1L;

  final String library;
  final long minSupport;

  /** Trace ids (UTF-8, flat: id t ends at traceIdEnds[t]) ascending, and the question of each. */
  final byte[] traceIds;

  final int[] traceIdEnds;
  final long[] questionIds;

  /** {@link TraceList#canonicalKey} of each trace (-1: its id is not canonical). */
  final long[] traceKeys;

  /** Pattern p's items are items[itemEnds[p-1] .. itemEnds[p]). */
  final int[] items;

  final int[] itemEnds;

  /** Pattern p's supporting traces (indexes into traceIds, ascending): traces[traceEnds...]. */
  final int[] traces;

  final int[] traceEnds;
  final long[] traceSupport;
  final long[] questionSupport;
  final long[] occurrenceSupport;

  /** SHA-1 of each pattern (see PatternIds), 20 bytes per pattern. */
  final byte[] ids;

  private MinedGroup(
      String library,
      long minSupport,
      byte[][] traceIds,
      long[] questionIds,
      List<ClosedPattern> found,
      ItemDictionary dict) {
    this.library = library;
    this.minSupport = minSupport;
    this.traceIdEnds = new int[traceIds.length];
    int idBytes = 0;
    for (int t = 0; t < traceIds.length; t++) {
      idBytes = Math.addExact(idBytes, traceIds[t].length);
      traceIdEnds[t] = idBytes;
    }
    this.traceIds = new byte[idBytes];
    for (int t = 0; t < traceIds.length; t++) {
      System.arraycopy(traceIds[t], 0, this.traceIds, idFrom(t), traceIds[t].length);
    }
    this.questionIds = questionIds;
    this.traceKeys = TraceList.keys(this.traceIds, traceIdEnds, questionIds);
    int n = found.size();
    itemEnds = new int[n];
    traceEnds = new int[n];
    traceSupport = new long[n];
    questionSupport = new long[n];
    occurrenceSupport = new long[n];
    ids = new byte[20 * n];
    long itemCount = 0;
    long traceCount = 0;
    for (ClosedPattern p : found) {
      itemCount += p.items().length;
      traceCount += p.sequences().length;
    }
    items = new int[Math.toIntExact(itemCount)];
    traces = new int[Math.toIntExact(traceCount)];
    int ii = 0;
    int ti = 0;
    for (int p = 0; p < n; p++) {
      ClosedPattern c = found.get(p);
      System.arraycopy(c.items(), 0, items, ii, c.items().length);
      ii += c.items().length;
      itemEnds[p] = ii;
      System.arraycopy(c.sequences(), 0, traces, ti, c.sequences().length);
      ti += c.sequences().length;
      traceEnds[p] = ti;
      traceSupport[p] = c.traceSupport();
      questionSupport[p] = c.questionSupport();
      occurrenceSupport[p] = c.occurrenceSupport();
      System.arraycopy(PatternIds.sha1(library, c.items(), dict), 0, ids, 20 * p, 20);
    }
  }

  /**
   * Mines {@code db} (traces of one library, in any order) for the closed patterns whose first item
   * passes {@code firstItem}.
   *
   * @param traceIds the id of each sequence of {@code db}
   * @throws MalformedInputException if a trace id appears twice
   */
  public static MinedGroup mine(
      String library,
      List<Sequence> db,
      List<String> traceIds,
      CcSpan miner,
      long minSupport,
      IntPredicate firstItem,
      ItemDictionary dict) {
    List<byte[]> utf8 = new ArrayList<>(traceIds.size());
    for (String id : traceIds) {
      utf8.add(id.getBytes(StandardCharsets.UTF_8));
    }
    return mineUtf8(library, db, utf8, miner, minSupport, firstItem, dict);
  }

  /** {@link #mine} with the trace ids as UTF-8 bytes. */
  public static MinedGroup mineUtf8(
      String library,
      List<Sequence> db,
      List<byte[]> traceIds,
      CcSpan miner,
      long minSupport,
      IntPredicate firstItem,
      ItemDictionary dict) {
    byte[][] utf8 = traceIds.toArray(byte[][]::new);
    int[] order = byUtf8(utf8);
    List<Sequence> sorted = new ArrayList<>(db.size());
    byte[][] ids = new byte[order.length][];
    long[] questions = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted.add(db.get(order[i]));
      ids[i] = utf8[order[i]];
      questions[i] = db.get(order[i]).questionId();
      if (i > 0 && Arrays.equals(ids[i - 1], ids[i])) {
        throw new MalformedInputException(
            "Cannot mine library '"
                + library
                + "': trace_id '"
                + new String(ids[i], StandardCharsets.UTF_8)
                + "' appears in two rows (trace ids must be unique per library; re-run extract)");
      }
    }
    List<ClosedPattern> found = new ArrayList<>();
    miner.mine(sorted, firstItem, found::add);
    return new MinedGroup(library, minSupport, ids, questions, found, dict);
  }

  /**
   * The indexes of {@code ids} in ascending unsigned-byte order (a stable merge sort, no boxing):
   * ids are compared by their first 8 bytes as one unsigned number, and in full only when those are
   * equal.
   */
  static int[] byUtf8(byte[][] ids) {
    int[] order = new int[ids.length];
    long[] prefix = new long[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      prefix[i] = prefix8(ids[i]);
    }
    int[] buffer = new int[order.length];
    for (int width = 1; width < order.length; width *= 2) {
      for (int lo = 0; lo < order.length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, order.length);
        int a = lo;
        int b = mid;
        int k = lo;
        while (a < mid && b < hi) {
          int c = Long.compareUnsigned(prefix[order[b]], prefix[order[a]]);
          if (c == 0) {
            c = Arrays.compareUnsigned(ids[order[b]], ids[order[a]]);
          }
          buffer[k++] = c < 0 ? order[b++] : order[a++];
        }
        while (a < mid) {
          buffer[k++] = order[a++];
        }
        while (b < hi) {
          buffer[k++] = order[b++];
        }
        System.arraycopy(buffer, lo, order, lo, hi - lo);
      }
    }
    return order;
  }

  /**
   * The first 8 bytes of {@code id} as an unsigned big-endian number, zero-padded: unequal prefixes
   * order as the ids do; equal ones say nothing (a shorter id pads with zero bytes).
   */
  private static long prefix8(byte[] id) {
    long p = 0;
    for (int i = 0; i < 8; i++) {
      p = p << 8 | (i < id.length ? id[i] & 0xFF : 0);
    }
    return p;
  }

  public String library() {
    return library;
  }

  public long minSupport() {
    return minSupport;
  }

  public int size() {
    return itemEnds.length;
  }

  public int[] items(int p) {
    return Arrays.copyOfRange(items, p == 0 ? 0 : itemEnds[p - 1], itemEnds[p]);
  }

  /** Indexes of pattern p's supporting traces, ascending (so their ids are ascending). */
  public int[] traces(int p) {
    return Arrays.copyOfRange(traces, p == 0 ? 0 : traceEnds[p - 1], traceEnds[p]);
  }

  public String traceId(int t) {
    return new String(traceIds, idFrom(t), traceIdEnds[t] - idFrom(t), StandardCharsets.UTF_8);
  }

  private int idFrom(int t) {
    return t == 0 ? 0 : traceIdEnds[t - 1];
  }

  /** Pattern p's supporting traces as a {@link TraceList}'s bytes. */
  public byte[] packedTraces(int p, TraceList.Encoder encoder) {
    return encoder.encode(
        traces,
        p == 0 ? 0 : traceEnds[p - 1],
        traceEnds[p],
        traceIds,
        traceIdEnds,
        questionIds,
        traceKeys);
  }

  public long questionId(int t) {
    return questionIds[t];
  }

  /** The {@code k} smallest distinct question ids of pattern p's traces, ascending. */
  public long[] examples(int p, int k) {
    return smallestDistinct(questionIds, traces, p == 0 ? 0 : traceEnds[p - 1], traceEnds[p], k);
  }

  /**
   * The {@code k} smallest distinct values of {@code values[indexes[i]]} for i in [from, to),
   * ascending: one pass keeping a sorted array of at most k, instead of sorting all of them.
   */
  static long[] smallestDistinct(long[] values, int[] indexes, int from, int to, int k) {
    long[] best = new long[Math.min(k, to - from)];
    int n = 0;
    for (int i = from; i < to && best.length > 0; i++) {
      long v = values[indexes[i]];
      if (n == best.length && v >= best[n - 1]) {
        continue;
      }
      int at = Arrays.binarySearch(best, 0, n, v);
      if (at >= 0) {
        continue;
      }
      at = -at - 1;
      int keep = Math.min(n, best.length - 1);
      System.arraycopy(best, at, best, at + 1, keep - at);
      best[at] = v;
      n = keep + 1;
    }
    return n == best.length ? best : Arrays.copyOf(best, n);
  }

  public long traceSupport(int p) {
    return traceSupport[p];
  }

  public long questionSupport(int p) {
    return questionSupport[p];
  }

  public long occurrenceSupport(int p) {
    return occurrenceSupport[p];
  }

  /** Pattern p's id: lower-case hex SHA-1, as {@link PatternIds#of}. */
  public String patternId(int p) {
    return PatternIds.hex(ids, 20 * p);
  }

  /** The patterns in ascending id order (as {@link #compareIds}), without boxing. */
  public int[] byId() {
    int n = size();
    long[] keys = new long[n];
    for (int p = 0; p < n; p++) {
      keys[p] = (long) idPrefix(p) << 32 | p;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) keys[i];
    }
    // equal 4-byte prefixes (rare among SHA-1s): order the run by the whole id
    for (int i = 1; i < n; i++) {
      int p = order[i];
      int j = i;
      while (j > 0 && idPrefix(order[j - 1]) == idPrefix(p) && compareIds(order[j - 1], p) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = p;
    }
    return order;
  }

  /**
   * The patterns by {@code support} descending, then id ascending ({@code byId} as from {@link
   * #byId}), without boxing.
   */
  public static int[] bySupportThenId(long[] support, int[] byId) {
    int n = byId.length;
    long max = 0;
    for (long s : support) {
      max = Math.max(max, s);
    }
    int[] order = new int[n];
    if (max > Integer.MAX_VALUE || Arrays.stream(support).anyMatch(s -> s < 0)) {
      int[] rank = new int[n];
      for (int i = 0; i < n; i++) {
        rank[byId[i]] = i;
      }
      Integer[] boxed = new Integer[n];
      for (int p = 0; p < n; p++) {
        boxed[p] = p;
      }
      Arrays.sort(
          boxed,
          (a, b) ->
              support[a] != support[b]
                  ? Long.compare(support[b], support[a])
                  : Integer.compare(rank[a], rank[b]));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
      return order;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (max - support[byId[i]]) << 32 | i;
    }
    Arrays.sort(keys);
    for (int i = 0; i < n; i++) {
      order[i] = byId[(int) keys[i]];
    }
    return order;
  }

  private int idPrefix(int p) {
    int at = 20 * p;
    return ((ids[at] & 0xFF) << 24
            | (ids[at + 1] & 0xFF) << 16
            | (ids[at + 2] & 0xFF) << 8
            | (ids[at + 3] & 0xFF))
        ^ Integer.MIN_VALUE;
  }

  /** The 20 SHA-1 bytes whose lower-case hex is {@link #patternId}, as stored. */
  public byte[] patternIdBytes(int p) {
    return Arrays.copyOfRange(ids, 20 * p, 20 * p + 20);
  }

  /** Compares the ids of patterns a and b (as their hex strings compare). */
  public int compareIds(int a, int b) {
    return Arrays.compareUnsigned(ids, 20 * a, 20 * a + 20, ids, 20 * b, 20 * b + 20);
  }
}
