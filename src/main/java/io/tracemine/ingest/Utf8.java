package io.tracemine.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding. Java's {@code new String(bytes, UTF_8)} silently replaces malformed
 * sequences with U+FFFD; a dump line decoded that way would be altered without a trace. {@link
 * #decode} is as fast as that constructor on valid input (it only re-checks lines that contain
 * U+FFFD) and tells where the first malformed byte is otherwise.
 */
public final class Utf8 {
  private Utf8() {}

  /** A decoded line, or the offset of its first malformed byte (and a lenient decoding). */
  public record Decoded(String text, int malformedAt) {
    public boolean valid() {
      return malformedAt < 0;
    }
  }

  public static Decoded decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return new Decoded(text, -1);
    }
    return new Decoded(text, firstMalformedByte(bytes));
  }

  /** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
  public static int firstMalformedByte(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.max(16, Math.min(bytes.length, 8192)));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1; // all input consumed (endOfInput: a cut-off sequence at the end is an error)
      }
      out.clear();
    }
  }

  /** Up to {@code count} bytes from {@code offset} in hex, e.g. {@code "c3 28"}. */
  public static String hex(byte[] bytes, int offset, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = offset; i < Math.min(bytes.length, offset + count); i++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", bytes[i] & 0xff));
    }
    return sb.toString();
  }
}
