package io.tracemine.mine.ccspan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Exact miner of closed contiguous sequential patterns, after CC-Span (Zhang et al., "CC-Span:
 * Mining closed contiguous sequential patterns", Knowledge-Based Systems 89 (2015) 1-13,
 * doi:10.1016/j.knosys.2015.06.014).
 *
 * <p><b>Definitions.</b> A pattern is a non-empty run of items {@code p1..pk}; it occurs in a
 * sequence at start {@code s} if the sequence's items {@code s..s+k-1} equal it. Its support is one
 * of {@link SupportMeasure}: sequences containing it, distinct questions of those sequences, or
 * occurrences (overlapping ones included). A frequent pattern (support {@code >= minSupport}) is
 * <em>closed</em> if neither one-item extension {@code aP} nor {@code Pa} has the same support.
 * With {@code maxLength}, the output is the closed patterns (in that full sense) no longer than
 * {@code maxLength}; the length limit does not change which patterns are closed.
 *
 * <p><b>Algorithm.</b> Pattern growth by contiguous right extension. A node is a pattern with its
 * occurrence list {@code (sequence, start)}, sorted by sequence (and sequences sorted by question),
 * so all three supports are counted in one pass. Children are found by grouping the occurrences by
 * the next item (a stable counting sort); a node is right-closed iff no child has its support and
 * left-closed iff no item {@code a} preceding its occurrences gives {@code aP} its support.
 * Infrequent nodes are pruned (anti-monotone). A node whose occurrences are all preceded by one
 * same item is pruned with its whole subtree: {@code aQ} then has exactly the occurrences of {@code
 * Q} for every descendant {@code Q}, so none is closed. The DFS is iterative (no recursion depth
 * limit for long traces) and a frame is dropped before its last child is visited, so memory is the
 * occurrences of the unvisited siblings on the current path.
 *
 * <p><b>Cost.</b> Each visited node costs O(its occurrences + distinct neighbour items); the total
 * is O(sum over visited patterns of their occurrences), at most O(sum of L^2) for sequences of
 * length L, and in practice close to the size of the output thanks to the left-pruning.
 *
 * <p><b>Partition independence.</b> Every occurrence of a pattern starts with its first item, and
 * all closure decisions look only at that pattern's occurrences and the items next to them. Mining
 * with a first-item filter {@code F} therefore yields exactly the closed patterns whose first item
 * is in {@code F}, provided every sequence containing an item of {@code F} is present; the union
 * over a partition of the items is the full result, for any partition.
 *
 * <p>Instances are immutable and thread-safe; each call works on its own scratch space.
 */
public final class CcSpan {
  private final SupportMeasure measure;
  private final long minSupport;
  private final int maxLength;

  /**
   * @param measure the support that drives the threshold and closedness
   * @param minSupport absolute threshold, {@code >= 1}
   * @param maxLength longest pattern reported, or {@code null} for no limit
   */
  public CcSpan(SupportMeasure measure, long minSupport, Integer maxLength) {
    if (measure == null) {
      throw new IllegalArgumentException("Cannot mine: the support measure is null");
    }
    if (minSupport < 1) {
      throw new IllegalArgumentException(
          "Cannot mine with min support " + minSupport + ": it must be >= 1");
    }
    if (maxLength != null && maxLength < 1) {
      throw new IllegalArgumentException(
          "Cannot mine with max length " + maxLength + ": it must be >= 1 (or null for no limit)");
    }
    this.measure = measure;
    this.minSupport = minSupport;
    this.maxLength = maxLength == null ? Integer.MAX_VALUE : maxLength;
  }

  /** All closed patterns of {@code db}. */
  public List<ClosedPattern> mine(List<Sequence> db) {
    return mine(db, item -> true);
  }

  /** The closed patterns of {@code db} whose first item satisfies {@code firstItem}. */
  public List<ClosedPattern> mine(List<Sequence> db, IntPredicate firstItem) {
    List<ClosedPattern> out = new ArrayList<>();
    mine(db, firstItem, out::add);
    return out;
  }

  /**
   * Streams to {@code sink} the closed patterns of {@code db} whose first item satisfies {@code
   * firstItem}, in no particular order. {@code db} must hold every sequence that contains such an
   * item (others are harmless).
   *
   * @throws IllegalArgumentException if an item is negative
   */
  public void mine(List<Sequence> db, IntPredicate firstItem, Consumer<ClosedPattern> sink) {
    new Run(db, sink).mine(firstItem);
  }

  /** One DFS frame: the children of a node, each a slice of the shared occurrence arrays. */
  private static final class Frame {
    final int[] seqs;
    final int[] starts;
    final int length;
    final int[] item;
    final int[] from;
    final int[] to;
    final int[] traces;
    final int[] questions;
    int next;

    Frame(int[] seqs, int[] starts, int length, int children) {
      this.seqs = seqs;
      this.starts = starts;
      this.length = length;
      this.item = new int[children];
      this.from = new int[children];
      this.to = new int[children];
      this.traces = new int[children];
      this.questions = new int[children];
    }
  }

  private final class Run {
    private final List<Sequence> db;
    private final Consumer<ClosedPattern> sink;
    private final int[][] items;
    private final long[] question;
    private final int[] original;
    private final int[] cntOcc;
    private final int[] cntSeq;
    private final int[] cntQ;
    private final int[] lastSeq;
    private final long[] lastQ;
    private final int[] writePos;
    private int[] touched = new int[16];
    private int nTouched;
    private int[] path = new int[16];

    Run(List<Sequence> db, Consumer<ClosedPattern> sink) {
      this.db = db;
      this.sink = sink;
      int n = db.size();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      // sequences of one question must be adjacent so that questions are counted in one pass
      Arrays.sort(order, Comparator.comparingLong((Integer i) -> db.get(i).questionId()));
      items = new int[n][];
      question = new long[n];
      original = new int[n];
      int alphabet = 0;
      for (int k = 0; k < n; k++) {
        Sequence s = db.get(order[k]);
        items[k] = s.items();
        question[k] = s.questionId();
        original[k] = order[k];
        for (int it : s.items()) {
          if (it < 0) {
            throw new IllegalArgumentException(
                "Cannot mine sequence " + order[k] + ": item " + it + " is negative");
          }
          alphabet = Math.max(alphabet, it + 1);
        }
      }
      cntOcc = new int[alphabet];
      cntSeq = new int[alphabet];
      cntQ = new int[alphabet];
      lastSeq = new int[alphabet];
      lastQ = new long[alphabet];
      writePos = new int[alphabet];
      Arrays.fill(lastSeq, -1);
    }

    void mine(IntPredicate firstItem) {
      int total = 0;
      for (int[] s : items) {
        for (int it : s) {
          if (firstItem.test(it)) {
            total++;
          }
        }
      }
      int[] seqs = new int[total];
      int[] starts = new int[total];
      int k = 0;
      for (int q = 0; q < items.length; q++) {
        int[] s = items[q];
        for (int p = 0; p < s.length; p++) {
          if (firstItem.test(s[p])) {
            seqs[k] = q;
            starts[k++] = p;
          }
        }
      }
      // the virtual root: the empty pattern, occurring at every start allowed by the filter
      ArrayDeque<Frame> stack = new ArrayDeque<>();
      Frame root = expand(seqs, starts, 0, total, 0);
      if (root != null) {
        stack.push(root);
      }
      while (!stack.isEmpty()) {
        Frame f = stack.peek();
        int c = f.next++;
        if (f.next == f.item.length) {
          stack.pop();
        }
        int len = f.length;
        if (path.length < len) {
          path = Arrays.copyOf(path, Math.max(len, path.length * 2));
        }
        path[len - 1] = f.item[c];
        Frame child = visit(f, c);
        if (child != null) {
          stack.push(child);
        }
      }
    }

    /** Decides closedness of child {@code c} of {@code f}, emits it, returns its children. */
    private Frame visit(Frame f, int c) {
      int[] seqs = f.seqs;
      int[] starts = f.starts;
      int from = f.from[c];
      int to = f.to[c];
      int len = f.length;
      long occ = to - from;
      long sup = measure.pick(f.traces[c], f.questions[c], occ);

      count(seqs, starts, from, to, -1);
      if (nTouched == 1 && cntOcc[touched[0]] == occ) {
        reset();
        return null;
      }
      boolean closed = noneEqual(sup);
      reset();

      count(seqs, starts, from, to, len);
      closed &= noneEqual(sup);
      Frame children = len < maxLength ? scatter(seqs, starts, from, to, len) : null;
      reset();

      if (closed) {
        sink.accept(
            new ClosedPattern(
                Arrays.copyOf(path, len),
                f.traces[c],
                f.questions[c],
                occ,
                supporting(seqs, from, to)));
      }
      return children;
    }

    private Frame expand(int[] seqs, int[] starts, int from, int to, int len) {
      count(seqs, starts, from, to, len);
      Frame f = scatter(seqs, starts, from, to, len);
      reset();
      return f;
    }

    /** Counts, per item at {@code start + delta}, occurrences, sequences and questions. */
    private void count(int[] seqs, int[] starts, int from, int to, int delta) {
      for (int i = from; i < to; i++) {
        int q = seqs[i];
        int[] s = items[q];
        int p = starts[i] + delta;
        if (p < 0 || p >= s.length) {
          continue;
        }
        int a = s[p];
        if (cntOcc[a]++ == 0) {
          if (nTouched == touched.length) {
            touched = Arrays.copyOf(touched, nTouched * 2);
          }
          touched[nTouched++] = a;
        }
        if (lastSeq[a] != q) {
          if (cntSeq[a] == 0 || lastQ[a] != question[q]) {
            cntQ[a]++;
            lastQ[a] = question[q];
          }
          lastSeq[a] = q;
          cntSeq[a]++;
        }
      }
    }

    private boolean noneEqual(long sup) {
      for (int i = 0; i < nTouched; i++) {
        int a = touched[i];
        if (measure.pick(cntSeq[a], cntQ[a], cntOcc[a]) == sup) {
          return false;
        }
      }
      return true;
    }

    /** Groups the counted occurrences by item into a frame of the frequent ones, or null. */
    private Frame scatter(int[] seqs, int[] starts, int from, int to, int delta) {
      int kept = 0;
      int size = 0;
      for (int i = 0; i < nTouched; i++) {
        int a = touched[i];
        if (measure.pick(cntSeq[a], cntQ[a], cntOcc[a]) >= minSupport) {
          kept++;
          size += cntOcc[a];
        }
      }
      if (kept == 0) {
        return null;
      }
      int[] keys = new int[kept];
      int k = 0;
      for (int i = 0; i < nTouched; i++) {
        int a = touched[i];
        if (measure.pick(cntSeq[a], cntQ[a], cntOcc[a]) >= minSupport) {
          keys[k++] = a;
        }
      }
      Arrays.sort(keys);
      Frame f = new Frame(new int[size], new int[size], delta + 1, kept);
      int pos = 0;
      for (int j = 0; j < kept; j++) {
        int a = keys[j];
        f.item[j] = a;
        f.from[j] = pos;
        f.traces[j] = cntSeq[a];
        f.questions[j] = cntQ[a];
        writePos[a] = pos + 1; // 0 marks "not kept"
        pos += cntOcc[a];
        f.to[j] = pos;
      }
      for (int i = from; i < to; i++) {
        int[] s = items[seqs[i]];
        int p = starts[i] + delta;
        if (p >= s.length) {
          continue;
        }
        int w = writePos[s[p]];
        if (w > 0) {
          f.seqs[w - 1] = seqs[i];
          f.starts[w - 1] = starts[i];
          writePos[s[p]] = w + 1;
        }
      }
      for (int a : keys) {
        writePos[a] = 0;
      }
      return f;
    }

    private void reset() {
      for (int i = 0; i < nTouched; i++) {
        int a = touched[i];
        cntOcc[a] = 0;
        cntSeq[a] = 0;
        cntQ[a] = 0;
        lastSeq[a] = -1;
      }
      nTouched = 0;
    }

    private int[] supporting(int[] seqs, int from, int to) {
      int[] out = new int[to - from];
      int n = 0;
      int last = -1;
      for (int i = from; i < to; i++) {
        if (seqs[i] != last) {
          last = seqs[i];
          out[n++] = original[last];
        }
      }
      int[] r = Arrays.copyOf(out, n);
      Arrays.sort(r);
      return r;
    }
  }
}
