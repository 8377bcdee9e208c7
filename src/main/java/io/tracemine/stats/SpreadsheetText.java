package io.tracemine.stats;

/**
 * Text cells of the CSV copies are opened in spreadsheets, which run a cell starting with {@code
 * =}, {@code +}, {@code -} or {@code @} (or a tab or carriage return before one) as a formula. Such
 * a cell is written with a leading {@code '}, which spreadsheets read as "text" (the OWASP "CSV
 * injection" advice); {@link #restore} removes it again when a sheet is read back. Numeric columns
 * are never changed: a negative number stays a number.
 */
public final class SpreadsheetText {
  /** The characters that make a spreadsheet treat a cell as a formula (Java regex class). */
  public static final String FORMULA_START = "[=+\\-@\\t\\r]";

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
    return text != null && !text.isEmpty() && text.substring(0, 1).matches(FORMULA_START);
  }
}
