package io.tracemine.stats.math;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Weighted random sampling without replacement (Efraimidis and Spirakis, "Weighted random sampling
 * with a reservoir", IPL 2006): every item gets the key {@code ln(u)/w} with u uniform in (0, 1]
 * and w its weight, and the k largest keys win. This draws items one after another with probability
 * proportional to weight among those not yet drawn.
 *
 * <p>Determinism: u comes from a {@link SplittableRandom} seeded with the run seed mixed with the
 * item's id, so the sample depends only on (seed, ids, weights) - not on input order or
 * partitioning. Ties on the key (practically impossible) break on the id. Items with weight <= 0
 * are never drawn. Cost: O(N log N).
 */
public final class WeightedSample {
  private WeightedSample() {}

  /** One drawn item with its key; rank 1 is the first draw. */
  public record Draw(String id, double weight, double key, int rank) {}

  /** Draws min(k, #positive weights) ids from {@code weights} (id to weight). */
  public static List<Draw> draw(Map<String, Double> weights, int k, long seed) {
    if (k < 0) {
      throw new IllegalArgumentException(
          "Cannot draw a sample of " + k + " items: size must be >= 0");
    }
    record Keyed(String id, double weight, double key) {}
    List<Keyed> keyed = new ArrayList<>();
    for (var e : weights.entrySet()) {
      double w = e.getValue();
      if (w > 0) {
        double u = 1.0 - new SplittableRandom(mix(seed, e.getKey())).nextDouble(); // (0, 1]
        keyed.add(new Keyed(e.getKey(), w, Math.log(u) / w));
      }
    }
    keyed.sort(Comparator.comparingDouble(Keyed::key).reversed().thenComparing(Keyed::id));
    List<Draw> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, keyed.size()); i++) {
      Keyed e = keyed.get(i);
      out.add(new Draw(e.id(), e.weight(), e.key(), i + 1));
    }
    return out;
  }

  /** A 64-bit seed from the run seed and the id (FNV-1a over the UTF-16 chars, then mixed). */
  static long mix(long seed, String id) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Per-group sample sizes n_i = round(S_i * n / sum S) (round half up), as the study's Round 2
   * with S_i the total support of group i. Groups with no weight get 0.
   */
  public static Map<String, Integer> allocate(Map<String, Double> totals, int n) {
    double sum = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (var e : totals.entrySet()) {
      out.put(e.getKey(), sum <= 0 ? 0 : (int) Math.round(e.getValue() * n / sum));
    }
    return out;
  }
}
