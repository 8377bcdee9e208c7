package io.tracemine.mine;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Exact item dictionary: item {@code i} is the i-th distinct (file, function) pair in (file,
 * function) order, so ids never collide. Also assigns each item a bucket so that buckets receive
 * about the same number of item occurrences (greedy longest-processing-time), which balances the
 * mining work; the assignment never changes the mined result.
 */
public final class ItemDictionary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] files;
  private final String[] functions;
  private final int[] bucketOf;
  private final int buckets;
  private transient Map<String, Integer> ids;

  /**
   * @param files distinct items' files, sorted with {@code functions} by (file, function)
   * @param counts occurrences of each item, used for balancing only
   */
  public ItemDictionary(String[] files, String[] functions, long[] counts, int buckets) {
    this.files = files;
    this.functions = functions;
    this.buckets = buckets;
    this.bucketOf = new int[files.length];
    Integer[] order = new Integer[files.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counts[i]).thenComparing(i -> i));
    PriorityQueue<long[]> load =
        new PriorityQueue<>(
            Comparator.comparingLong((long[] b) -> b[0]).thenComparingLong(b -> b[1]));
    for (int b = 0; b < buckets; b++) {
      load.add(new long[] {0, b});
    }
    for (int i : order) {
      long[] b = load.poll();
      bucketOf[i] = (int) b[1];
      b[0] += Math.max(1, counts[i]);
      load.add(b);
    }
  }

  public int size() {
    return files.length;
  }

  public int buckets() {
    return buckets;
  }

  public String file(int id) {
    return files[id];
  }

  public String function(int id) {
    return functions[id];
  }

  public int bucketOf(int id) {
    return bucketOf[id];
  }

  /** The id of (file, function), or -1 if unknown. */
  public int idOf(String file, String function) {
    if (ids == null) {
      Map<String, Integer> m = new HashMap<>(files.length * 2);
      for (int i = 0; i < files.length; i++) {
        m.put(key(files[i], functions[i]), i);
      }
      ids = m;
    }
    return ids.getOrDefault(key(file, function), -1);
  }

  private static String key(String file, String function) {
    return file + '\u0000' + function;
  }
}
