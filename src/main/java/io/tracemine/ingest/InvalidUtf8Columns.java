package io.tracemine.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.api.java.UDF3;

/**
 * Finds invalid UTF-8 in a post's string columns read from Parquet, as bytes: Spark's Parquet
 * reader keeps a string's bytes as stored, and Java decodes them leniently later (U+FFFD where a
 * byte was), so an invalid post would be altered without a trace. Returns null when every column is
 * valid, else the reject detail of the first invalid one: {@code column 'Body': malformed byte
 * sequence at byte N (c3 28 3c 2f) of: …<text around it>…} (the excerpt decoded leniently, only for
 * reading). Spark hands each column over as {@code CAST(column AS BINARY)}, the stored bytes.
 */
final class InvalidUtf8Columns implements UDF3<byte[], byte[], byte[], String> {
  private static final long serialVersionUID = 1L;

  /** Bytes of context each side of the malformed byte in the detail. */
  static final int CONTEXT = 60;

  private final String[] names;

  /** A check of the three columns {@code names}, in the order Spark passes them. */
  InvalidUtf8Columns(String first, String second, String third) {
    this.names = new String[] {first, second, third};
  }

  @Override
  public String call(byte[] first, byte[] second, byte[] third) {
    byte[][] values = {first, second, third};
    for (int c = 0; c < values.length; c++) {
      byte[] bytes = values[c];
      int at = bytes == null ? -1 : Utf8.firstInvalidByte(bytes);
      if (at >= 0) {
        return "column '"
            + names[c]
            + "': malformed byte sequence at byte "
            + at
            + " ("
            + Utf8.hex(bytes, at, 4)
            + ") of: "
            + around(bytes, at);
      }
    }
    return null;
  }

  /** The text around byte {@code at}, whole characters, on one line. */
  static String around(byte[] bytes, int at) {
    int start = Math.max(0, at - CONTEXT);
    while (start > 0 && (bytes[start] & 0xc0) == 0x80) {
      start--;
    }
    int end = Math.min(bytes.length, at + CONTEXT);
    while (end < bytes.length && (bytes[end] & 0xc0) == 0x80) {
      end++;
    }
    String text =
        new String(bytes, start, end - start, StandardCharsets.UTF_8).replaceAll("[\r\n\t]+", " ");
    return (start > 0 ? "…" : "") + text + (end < bytes.length ? "…" : "");
  }
}
