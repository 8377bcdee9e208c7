package io.tracemine.ingest;

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
    return new Decoded(text, firstInvalidByte(bytes));
  }

  /**
   * The offset of the first byte that starts no well-formed UTF-8 sequence (Unicode Table 3-7: no
   * overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut off at the end), or -1;
   * the offset where the JDK's strict decoder would stop, found without decoding into characters or
   * allocating (an ASCII byte costs one comparison).
   */
  public static int firstInvalidByte(byte[] bytes) {
    return firstInvalidByte(bytes, 0, bytes.length);
  }

  /**
   * {@link #firstInvalidByte(byte[])} of the {@code length} bytes of {@code bytes} from {@code
   * offset}, counted from {@code offset}.
   */
  public static int firstInvalidByte(byte[] bytes, int offset, int length) {
    int n = offset + length;
    int i = offset;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xff;
      int sequence;
      int low = 0x80;
      int high = 0xbf;
      if (b < 0xc2) {
        return i - offset; // a continuation byte without its lead, or an overlong 2-byte form
      } else if (b < 0xe0) {
        sequence = 2;
      } else if (b < 0xf0) {
        sequence = 3;
        if (b == 0xe0) {
          low = 0xa0; // overlong
        } else if (b == 0xed) {
          high = 0x9f; // UTF-16 surrogates
        }
      } else if (b < 0xf5) {
        sequence = 4;
        if (b == 0xf0) {
          low = 0x90; // overlong
        } else if (b == 0xf4) {
          high = 0x8f; // above U+10FFFF
        }
      } else {
        return i - offset;
      }
      if (i + sequence > n) {
        return i - offset;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < low || second > high) {
        return i - offset;
      }
      for (int k = 2; k < sequence; k++) {
        if ((bytes[i + k] & 0xc0) != 0x80) {
          return i - offset;
        }
      }
      i += sequence;
    }
    return -1;
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
