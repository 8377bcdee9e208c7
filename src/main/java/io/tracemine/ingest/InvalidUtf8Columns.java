package io.tracemine.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Finds invalid UTF-8 in a post's {@code Title}, {@code Tags} and {@code Body} read from Parquet,
 * as bytes: Spark's Parquet reader keeps a string's bytes as stored, and Java decodes them
 * leniently later (U+FFFD where a byte was), so an invalid post would be altered without a trace.
 * Spark calls {@link #firstInvalid} with its own strings ({@link RawPosts#rejectInvalidUtf8}),
 * whose bytes are checked where they are: a copy of every body for a UDF cost about a tenth of
 * ingest's first pass (docs/PERFORMANCE.md, "Ingest, session 27").
 */
public final class InvalidUtf8Columns {
  /** Bytes of context each side of the malformed byte in the detail. */
  static final int CONTEXT = 60;

  private InvalidUtf8Columns() {}

  /**
   * Null when every column is valid (or null), else the reject detail of the first invalid one:
   * {@code column 'Body': malformed byte sequence at byte N (c3 28 3c 2f) of: …<text around it>…}
   * (the excerpt decoded leniently, only for reading).
   */
  public static UTF8String firstInvalid(UTF8String title, UTF8String tags, UTF8String body) {
    String detail = detail("Title", title);
    if (detail == null) {
      detail = detail("Tags", tags);
    }
    if (detail == null) {
      detail = detail("Body", body);
    }
    return detail == null ? null : UTF8String.fromString(detail);
  }

  /** The reject detail of {@code value} as column {@code name}, or null when it is valid. */
  static String detail(String name, UTF8String value) {
    if (value == null) {
      return null;
    }
    // a string held in a byte array (the Parquet reader's vectors, a row's buffer) is wrapped, not
    // copied
    ByteBuffer stored = value.getByteBuffer();
    int at = Utf8.firstInvalidByte(stored.array(), stored.position(), stored.remaining());
    if (at < 0) {
      return null;
    }
    byte[] bytes = value.getBytes();
    return "column '"
        + name
        + "': malformed byte sequence at byte "
        + at
        + " ("
        + Utf8.hex(bytes, at, 4)
        + ") of: "
        + around(bytes, at);
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
