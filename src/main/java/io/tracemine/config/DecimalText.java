package io.tracemine.config;

import java.util.regex.Pattern;

/**
 * A number as people write one in a settings file: digits, an optional decimal point and an
 * optional exponent. {@link Double#parseDouble} also takes hexadecimal ({@code 0x1p-3}), type
 * suffixes ({@code 0.5d}), {@code NaN} and {@code Infinity}; none of them is a setting anyone
 * means, so they are refused rather than read as some other value.
 */
public final class DecimalText {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private DecimalText() {}

  /** The value of {@code text}; a {@link NumberFormatException} when it is no plain decimal. */
  public static double parse(String text) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException("not a decimal number: '" + text + "'");
    }
    return Double.parseDouble(text);
  }
}
