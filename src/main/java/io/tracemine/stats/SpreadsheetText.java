package io.tracemine.stats;

/**
 * Text cells of the CSV copies are opened in spreadsheets, which run a cell starting with {@code
 * =}, {@code +}, {@code -} or {@code @} (also after blanks, a tab or a carriage return) as a
 * formula. Such a cell is written with a leading {@code '}, which spreadsheets read as "text" (the
 * OWASP "CSV injection" advice); {@link #restore} removes it again when a sheet is read back.
 * Numeric columns are never changed: a negative number stays a number.
 */
public final class SpreadsheetText {
  /**
   * The start that makes a spreadsheet treat a cell as a formula (Java regex, matched at the cell's
   * start): {@code = + - @}, a tab or a carriage return, also after blanks or control characters,
   * which a spreadsheet (or a CSV reader's trimming) may drop before it reads the cell.
   */
  public static final String FORMULA_START = "[\\x00-\\x20]*[=+\\-@\\t\\r]";

  private static final java.util.regex.Pattern FORMULA =
      java.util.regex.Pattern.compile(FORMULA_START);

  private SpreadsheetText() {}

  /** {@code text} with a leading {@code '} when it starts like a formula; null stays null. */
  public static String neutralise(String text) {
    return isFormulaLike(text) ? "'" + text : text;
  }

  /** Inverse of {@link #neutralise}: drops the {@code '} only where neutralise added one. */
  public static String restore(String cell) {
    return cell != null
            && cell.length() > 1
            && cell.charAt(0) == '\''
            && isFormulaLike(cell.substring(1))
        ? cell.substring(1)
        : cell;
  }

  private static boolean isFormulaLike(String text) {
    return text != null && FORMULA.matcher(text).lookingAt();
  }
}
