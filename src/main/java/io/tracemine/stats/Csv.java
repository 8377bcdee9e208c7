package io.tracemine.stats;

import io.tracemine.MalformedInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader: comma separated, {@code "} quotes, {@code ""} inside quotes, quoted
 * fields may span lines; CRLF or LF. Enough for the sheets TraceMine writes and spreadsheets save.
 * A quoted field that is never closed is an error (it would swallow every record after it).
 */
public final class Csv {
  private Csv() {}

  /** A parsed record with the 1-based line it starts on. */
  public record Record(long line, List<String> fields) {}

  /**
   * Parses {@code text}.
   *
   * @throws MalformedInputException "line N: ..." when a quoted field opened on line N never closes
   */
  public static List<Record> parse(String text) {
    List<Record> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    long line = 1;
    long start = 1;
    long quoteOpened = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        quoteOpened = line;
        any = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          fields.add(field.toString());
          out.add(new Record(start, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
        any = false;
        line++;
        start = line;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new MalformedInputException(MalformedInputException.unclosedCsvQuote(quoteOpened));
    }
    if (any || field.length() > 0) {
      fields.add(field.toString());
      out.add(new Record(start, List.copyOf(fields)));
    }
    return out;
  }
}
