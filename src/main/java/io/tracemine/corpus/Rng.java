package io.tracemine.corpus;

import java.util.List;

/**
 * SplitMix64 random numbers with an explicitly specified algorithm (unlike {@link
 * java.util.SplittableRandom}, whose algorithm the JDK does not promise), so a corpus is
 * byte-identical on every JVM. Floating-point helpers use {@link StrictMath} for the same reason.
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** A generator for one question: a pure function of (seed, index), independent of order. */
  static Rng forQuestion(long seed, long index) {
    return new Rng(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return mix(state);
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  /** Uniform in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  double gaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
  }

  /** exp(N(log(median), sigma)). */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  String pick(String... items) {
    return items[nextInt(items.length)];
  }

  /** Index drawn with probability proportional to {@code weights[i]}. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  String hex(int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(nextInt(16), 16));
    }
    return sb.toString();
  }
}
