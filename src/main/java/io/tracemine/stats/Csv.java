package io.tracemine.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader: comma separated, {@code "} quotes, {@code ""} inside quotes, quoted
 * fields may span lines; CRLF or LF. Enough for the sheets TraceMine writes and spreadsheets save.
 */
public final class Csv {
  private Csv() {}

  /** A parsed record with the 1-based line it starts on. */
  public record Record(long line, List<String> fields) {}

  public static List<Record> parse(String text) {
    List<Record> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    long line = 1;
    long start = 1;
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
    if (any || field.length() > 0) {
      fields.add(field.toString());
      out.add(new Record(start, List.copyOf(fields)));
    }
    return out;
  }
}
