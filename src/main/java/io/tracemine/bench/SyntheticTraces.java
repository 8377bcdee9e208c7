package io.tracemine.bench;

import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Deterministic synthetic trace database for the benchmark: lengths uniform 1..40 (long-tail
 * variant: 1% of 500..5,000) over 3,000 items with Zipf(1.1) popularity, 5 entry-point prefixes,
 * 300 planted motifs of length 2..12 in 60% of the sequences. Sequence i depends only on (seed, i),
 * so Spark can generate it in any partitioning.
 */
public final class SyntheticTraces {
  static final int ITEMS = 3000;
  static final String[] LIBRARIES = {
    "tensorflow", "tensorflow", "tensorflow", "tensorflow", "tensorflow",
    "keras", "keras", "scikit-learn", "pytorch", "nltk"
  };
  private final long seed;
  private final boolean longTail;
  private final double[] cdf = new double[ITEMS];
  private final int[][] prefixes = new int[5][];
  private final int[][] motifs = new int[300][];

  public SyntheticTraces(long seed, boolean longTail) {
    this.seed = seed;
    this.longTail = longTail;
    double sum = 0;
    for (int k = 0; k < ITEMS; k++) {
      sum += 1 / Math.pow(k + 1, 1.1);
      cdf[k] = sum;
    }
    for (int k = 0; k < ITEMS; k++) {
      cdf[k] /= sum;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int p = 0; p < prefixes.length; p++) {
      prefixes[p] = fill(r, 2 + r.nextInt(3));
    }
    for (int m = 0; m < motifs.length; m++) {
      motifs[m] = fill(r, 2 + r.nextInt(11));
    }
  }

  private int zipf(SplittableRandom r) {
    int k = Arrays.binarySearch(cdf, r.nextDouble());
    return k >= 0 ? k : Math.min(ITEMS - 1, -k - 1);
  }

  private int[] fill(SplittableRandom r, int n) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = zipf(r);
    }
    return s;
  }

  public int[] sequence(long i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    int len = longTail && r.nextInt(100) == 0 ? 500 + r.nextInt(4501) : 1 + r.nextInt(40);
    int[] s = fill(r, len);
    if (r.nextInt(10) < 8) {
      int[] p = prefixes[r.nextInt(prefixes.length)];
      System.arraycopy(p, 0, s, 0, Math.min(p.length, len));
    }
    if (r.nextInt(10) < 6) {
      int[] m = motifs[r.nextInt(motifs.length)];
      if (m.length > s.length) {
        s = Arrays.copyOf(s, m.length);
      }
      System.arraycopy(m, 0, s, r.nextInt(s.length - m.length + 1), m.length);
    }
    return s;
  }

  public static long question(long i) {
    return i / 2;
  }

  public static String library(long i) {
    return LIBRARIES[(int) (question(i) % LIBRARIES.length)];
  }

  /** The in-JVM database of {@code n} sequences, split by library like the Spark stage does. */
  public List<List<Sequence>> byLibrary(int n) {
    List<String> libs = Arrays.asList("keras", "nltk", "pytorch", "scikit-learn", "tensorflow");
    List<List<Sequence>> out = new ArrayList<>();
    for (int l = 0; l < libs.size(); l++) {
      out.add(new ArrayList<>());
    }
    for (long i = 0; i < n; i++) {
      out.get(libs.indexOf(library(i))).add(new Sequence(sequence(i), question(i)));
    }
    return out;
  }

  private static void set(Object[] row, String column, Object value) {
    if (Arrays.asList(Schemas.TRACES.fieldNames()).contains(column)) {
      row[Schemas.TRACES.fieldIndex(column)] = value;
    }
  }

  /** Generates TRACES rows for ids from {@code spark.range(n)}. */
  public static final class Generate implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final boolean longTail;

    public Generate(long seed, boolean longTail) {
      this.seed = seed;
      this.longTail = longTail;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) {
      SyntheticTraces g = new SyntheticTraces(seed, longTail);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return ids.hasNext();
        }

        @Override
        public Row next() {
          long i = ids.next();
          int[] s = g.sequence(i);
          Row[] frames = new Row[s.length];
          for (int k = 0; k < s.length; k++) {
            frames[k] = RowFactory.create(null, "mod" + s[k] % 97, null, "fn" + s[k], "unix", 0);
          }
          Object[] row = new Object[Schemas.TRACES.size()];
          // two traces per question, ids as extract writes them: <question>-<block>-<position>
          set(row, "trace_id", question(i) + "-0-" + i % 2);
          set(row, "question_id", question(i));
          set(row, "library", library(i));
          set(row, "block_index", 0);
          set(row, "block_kind", "pre");
          set(row, "position", (int) (i % 2));
          set(row, "os", "unix");
          set(row, "frame_count", s.length);
          set(row, "frames", frames);
          set(row, "profile", "default");
          set(row, "language", "python");
          set(row, "nested_frames", new Row[0]);
          return RowFactory.create(row);
        }
      };
    }
  }
}
