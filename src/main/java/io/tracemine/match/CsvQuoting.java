package io.tracemine.match;

import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Checks the quoting of a CSV file as RFC 4180 writes it ({@code ,} between fields, {@code "}
 * around a field that holds a comma, a quote or a line end, {@code ""} for a quote inside it),
 * before Spark's reader sees it: that reader is lenient, and a quoted field holding an undoubled
 * quote ({@code "he said "hi" then …"}, as hand-made or naive exports write it) makes it cut the
 * rest of the field, line ends included, into rows of their own without a word. A quote inside a
 * field that does not start with one is read as written, by Spark too, so it passes. One pass,
 * constant memory.
 */
public final class CsvQuoting {
  private CsvQuoting() {}

  /** Why {@code csv} cannot be read as its writer meant it ({@code line N: …}), or empty. */
  public static Optional<String> problem(Reader csv) throws IOException {
    long line = 1;
    long opened = 0;
    boolean quoted = false;
    boolean fieldStart = true;
    int c = csv.read();
    if (c == '\uFEFF') {
      c = csv.read(); // a byte-order mark
    }
    while (c >= 0) {
      if (quoted) {
        if (c == '"') {
          int next = csv.read();
          if (next == '"') {
            c = csv.read();
            continue;
          }
          quoted = false;
          if (next >= 0 && next != ',' && next != '\n' && next != '\r') {
            return Optional.of(
                "line "
                    + line
                    + ": a quote inside the quoted field that starts on line "
                    + opened
                    + " is not doubled (write \"\" for a quote inside a quoted field)");
          }
          c = next;
          continue;
        }
        if (c == '\n') {
          line++;
        }
      } else if (c == '"' && fieldStart) {
        quoted = true;
        opened = line;
      } else if (c == '\n') {
        line++;
      }
      fieldStart = c == ',' || c == '\n' || c == '\r';
      c = csv.read();
    }
    if (quoted) {
      return Optional.of(MalformedInputException.unclosedCsvQuote(opened));
    }
    return Optional.empty();
  }
}
