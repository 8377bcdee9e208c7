package io.tracemine.extract.traceback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A real paste of two worker processes' tracebacks printed interleaved line by line, shared by the
 * parser's test and search.js's parity test (Stack Overflow question 57277214, CC BY-SA 4.0; see
 * {@code src/test/resources/extract/ATTRIBUTION.md}).
 */
public final class InterleavedPaste {
  private InterleavedPaste() {}

  public static String workers() {
    try (InputStream in =
        InterleavedPaste.class.getResourceAsStream("/extract/so-posts/57277214-interleaved.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
