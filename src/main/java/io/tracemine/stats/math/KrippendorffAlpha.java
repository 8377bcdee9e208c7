package io.tracemine.stats.math;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011).
 *
 * <p>Each unit contributes its m_u >= 2 pairable values to the coincidence matrix: every ordered
 * pair of values from different coders adds 1/(m_u - 1) to o[c][k]; units with fewer than two
 * values are not pairable and are ignored. With n_c = sum_k o[c][k] and n = sum_c n_c: {@code alpha
 * = 1 - (n - 1) * sum_{c != k} o[c][k] / sum_{c != k} n_c n_k}. When only one value occurs (no
 * expected disagreement) or fewer than two values are pairable, alpha is undefined: NaN. Cost:
 * O(sum_u m_u^2).
 */
public final class KrippendorffAlpha {
  private KrippendorffAlpha() {}

  /** Alpha with its inputs: pairable units and values. */
  public record Result(double alpha, int pairableUnits, double pairableValues) {}

  /**
   * Alpha for {@code valuesByUnit[u][c]}: the value coder c gave unit u, null (or blank) when
   * missing. Rows may have different lengths.
   */
  public static Result nominal(String[][] valuesByUnit) {
    Map<String, Map<String, Double>> o = new TreeMap<>();
    int units = 0;
    for (String[] unit : valuesByUnit) {
      Map<String, Integer> counts = new HashMap<>();
      int m = 0;
      for (String v : unit) {
        if (v != null && !v.isBlank()) {
          counts.merge(v.strip(), 1, Integer::sum);
          m++;
        }
      }
      if (m < 2) {
        continue;
      }
      units++;
      for (var c : counts.entrySet()) {
        for (var k : counts.entrySet()) {
          double pairs =
              c.getKey().equals(k.getKey())
                  ? c.getValue() * (c.getValue() - 1.0)
                  : c.getValue() * (double) k.getValue();
          o.computeIfAbsent(c.getKey(), x -> new TreeMap<>())
              .merge(k.getKey(), pairs / (m - 1), Double::sum);
        }
      }
    }
    Map<String, Double> nc = new TreeMap<>();
    double observed = 0;
    for (var row : o.entrySet()) {
      for (var cell : row.getValue().entrySet()) {
        nc.merge(row.getKey(), cell.getValue(), Double::sum);
        if (!row.getKey().equals(cell.getKey())) {
          observed += cell.getValue();
        }
      }
    }
    double n = nc.values().stream().mapToDouble(Double::doubleValue).sum();
    double sumSquares = nc.values().stream().mapToDouble(v -> v * v).sum();
    double expected = n * n - sumSquares; // sum over c != k of n_c n_k
    double alpha = expected == 0 || n < 2 ? Double.NaN : 1.0 - (n - 1) * observed / expected;
    return new Result(alpha, units, n);
  }

  /** The same for lists: {@code valuesByUnit.get(u).get(c)}, null when missing. */
  public static Result nominal(List<List<String>> valuesByUnit) {
    return nominal(
        valuesByUnit.stream().map(u -> u.toArray(String[]::new)).toArray(String[][]::new));
  }
}
