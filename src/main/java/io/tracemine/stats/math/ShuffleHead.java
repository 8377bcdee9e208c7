package io.tracemine.stats.math;

/**
 * The first {@code k} positions of {@code Collections.shuffle(list, new Random(seed))} for a list
 * of {@code n} elements, as indices into the unshuffled list, without the list.
 *
 * <p>{@code Collections.shuffle} on a random-access list runs {@code for (i = n; i > 1; i--) swap(i
 * - 1, rnd.nextInt(i))}. The element that ends at position {@code p} is found by undoing the swaps
 * from the last to the first, following {@code p}. {@code java.util.Random}'s generator and {@code
 * nextInt(bound)} are specified exactly by its javadoc (a 48-bit linear congruential generator,
 * rejection for bounds that are not powers of two); this class replays that sequence. To walk it
 * backwards without storing {@code n} draws, the generator's state is kept at the start of every
 * block of about {@code sqrt(n)} steps and each block is replayed once, last block first.
 *
 * <p>Cost: {@code 2 (n - 1)} draws and {@code O(k)} work per step; memory {@code O(sqrt(n) + k)},
 * independent of the list's contents. So {@code sorted.get(head(n, k, seed)[0])} ... equals the
 * first {@code k} elements of the shuffled list, for any list of {@code n} elements.
 */
public final class ShuffleHead {
  private static final long MULTIPLIER = 0x5DEECE66DL;
  private static final long ADDEND = 0xBL;
  private static final long MASK = (1L << 48) - 1;
  private static final int MIN_BLOCK = 1024;

  private ShuffleHead() {}

  /**
   * Indices (into the unshuffled list) of the first {@code min(k, n)} elements after {@code
   * Collections.shuffle(list, new Random(seed))} of a list of {@code n} elements, in shuffled
   * order.
   *
   * @throws IllegalArgumentException if {@code n} or {@code k} is negative
   */
  public static int[] head(int n, int k, long seed) {
    if (n < 0 || k < 0) {
      throw new IllegalArgumentException(
          "Cannot take the head of a shuffle: n = " + n + " and k = " + k + " must be >= 0");
    }
    int size = Math.min(n, k);
    int[] position = new int[size];
    for (int p = 0; p < size; p++) {
      position[p] = p;
    }
    int steps = Math.max(0, n - 1); // step t swaps (n - t - 1, nextInt(n - t))
    if (size == 0 || steps == 0) {
      return position;
    }
    int block = Math.max(MIN_BLOCK, (int) Math.ceil(Math.sqrt(steps)));
    int blocks = (steps + block - 1) / block;
    long[] stateAtBlock = new long[blocks];
    long[] state = {(seed ^ MULTIPLIER) & MASK};
    for (int t = 0; t < steps; t++) {
      if (t % block == 0) {
        stateAtBlock[t / block] = state[0];
      }
      nextInt(state, n - t);
    }
    int[] draws = new int[block];
    for (int b = blocks - 1; b >= 0; b--) {
      int first = b * block;
      int end = Math.min(steps, first + block);
      state[0] = stateAtBlock[b];
      for (int t = first; t < end; t++) {
        draws[t - first] = nextInt(state, n - t);
      }
      for (int t = end - 1; t >= first; t--) {
        int a = n - t - 1;
        int j = draws[t - first];
        if (a == j) {
          continue;
        }
        for (int p = 0; p < size; p++) {
          if (position[p] == a) {
            position[p] = j;
          } else if (position[p] == j) {
            position[p] = a;
          }
        }
      }
    }
    return position;
  }

  /** {@code java.util.Random.nextInt(bound)} on the generator state {@code state[0]}. */
  private static int nextInt(long[] state, int bound) {
    int r = next31(state);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = next31(state)) {
      // rejected: u lies in the last, incomplete run of bound values
    }
    return r;
  }

  private static int next31(long[] state) {
    state[0] = (state[0] * MULTIPLIER + ADDEND) & MASK;
    return (int) (state[0] >>> (48 - 31));
  }
}
