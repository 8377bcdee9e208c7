package io.tracemine.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Display rounding of table cells; the tables themselves keep full precision. Rules, by column
 * name:
 *
 * <ul>
 *   <li>null: an em dash;
 *   <li>integers: thousands separators ({@code 12,345});
 *   <li>{@code *_p} (p-values): {@code <0.001} below 0.001, else 3 decimals;
 *   <li>{@code *_pct} (percentages 0-100): 1 decimal;
 *   <li>{@code *_z}, {@code krippendorff_alpha}, {@code *_ratio*}, {@code ratio}, {@code
 *       accepted_rate}: 3 decimals;
 *   <li>any other decimal number: at most 2 decimals, trailing zeros dropped, thousands separators;
 *   <li>NaN and infinities as {@code NaN}, {@code ∞}, {@code -∞}; text as is.
 * </ul>
 *
 * Rounding is half-up on the decimal value.
 *
 * <p>{@link Digits#TRUNCATED} (the {@code paper} profile's report) prints decimals as the study
 * did: every decimal number except p-values with exactly two decimals, truncated toward zero
 * ({@code 3.9633 -> 3.96}, {@code 2.3983 -> 2.39}, {@code -2.3983 -> -2.39}, {@code -0.004 ->
 * 0.00}), thousands separators kept; p-values {@code <0.001} or three decimals, also truncated.
 */
public final class Format {
  public static final String NULL = "\u2014";

  /** How decimals are cut for display. */
  public enum Digits {
    /** TraceMine's rules, half-up. */
    ROUNDED,
    /** The study's printing: two decimals (p-values three), truncated toward zero. */
    TRUNCATED
  }

  private Format() {}

  /** The display text of {@code value} in column {@code column}, rounded. */
  public static String cell(String column, Object value) {
    return cell(column, value, Digits.ROUNDED);
  }

  /** The display text of {@code value} in column {@code column}, cut as {@code digits} says. */
  public static String cell(String column, Object value, Digits digits) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return integer(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return digits == Digits.TRUNCATED
          ? truncated(column, n.doubleValue())
          : decimal(column, n.doubleValue());
    }
    return value.toString();
  }

  /**
   * The study's printing of a decimal: p-values ({@code *_p}) {@code <0.001} or three decimals,
   * anything else exactly two decimals with thousands separators; both truncated toward zero.
   */
  public static String truncated(String column, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return decimal(column, v);
    }
    if (column.endsWith("_p")) {
      return v < 0.001 ? "<0.001" : cut(v, 3).toPlainString();
    }
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String s = f.format(cut(v, 2));
    return s.matches("-0\\.0*") ? s.substring(1) : s;
  }

  private static BigDecimal cut(double v, int decimals) {
    // Double.toString gives the shortest decimal that reads back as v, so 2.3 stays 2.30, not 2.29
    return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.DOWN);
  }

  public static String integer(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code value} and its noun, plural unless it is 1: "1 instance", "2,000 instances". */
  public static String count(long value, String singular, String plural) {
    return integer(value) + " " + (value == 1 ? singular : plural);
  }

  /** A decimal number rounded by the rules for {@code column}. */
  public static String decimal(String column, double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\u221e" : "-\u221e";
    }
    if (column.endsWith("_p")) {
      return pValue(v);
    }
    if (column.endsWith("_pct")) {
      return fixed(v, 1);
    }
    if (column.endsWith("_z")
        || column.equals("krippendorff_alpha")
        || column.equals("ratio")
        || column.contains("_ratio")
        || column.equals("accepted_rate")) {
      return fixed(v, 3);
    }
    DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_UP);
    String s = f.format(new BigDecimal(Double.toString(v)));
    return s.equals("-0") ? "0" : s;
  }

  /** A p-value: {@code <0.001} below 0.001, otherwise 3 decimals. */
  public static String pValue(double p) {
    if (p < 0.001) {
      return "<0.001";
    }
    return fixed(p, 3);
  }

  /** {@code v} with exactly {@code decimals} decimals (half-up), without thousands separators. */
  public static String fixed(double v, int decimals) {
    String s =
        new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    return s.matches("-0\\.?0*") ? s.substring(1) : s;
  }
}
