package io.tracemine.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text files people edit by hand (configuration, label sheets), read as UTF-8 strictly. */
public final class Utf8Text {
  private Utf8Text() {}

  /**
   * Decodes strictly: a byte that is not UTF-8 (a file saved as Latin-1 or UTF-16) is named with
   * its line, not replaced. A leading byte-order mark is dropped.
   *
   * @throws IOException whose message says which byte, on which line, and what to do
   */
  public static String decode(byte[] bytes) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    var result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      long line = 1;
      for (int i = 0; i < at; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new IOException(
          String.format(
              "it is not UTF-8 text (line %d, byte %d is 0x%02x); save it as UTF-8",
              line, at, bytes[at] & 0xff));
    }
    decoder.flush(out);
    String text = out.flip().toString();
    // Windows editors (Notepad) start a UTF-8 file with a byte-order mark
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
