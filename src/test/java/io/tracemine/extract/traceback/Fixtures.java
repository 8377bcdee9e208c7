package io.tracemine.extract.traceback;

import io.tracemine.stats.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads test fixtures from {@code src/test/resources/extract}, and a minimal RFC-4180 CSV. */
final class Fixtures {
  private Fixtures() {}

  static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/extract/" + path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot read test fixture /extract/" + path + ": missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses RFC-4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
  static List<List<String>> csv(String text) {
    return Csv.parse(text).stream().map(Csv.Record::fields).toList();
  }
}
