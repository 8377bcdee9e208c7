package io.tracemine.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Attributes of a dump row named as the dump names one it reads but in other letter case ({@code
 * tags=}, {@code ID=}): XML names are case-sensitive, so such a row would be read without that
 * value (a question without its tags, not selected; a post without its Id), silently. The row is
 * rejected instead, naming the attribute and the name the dump uses.
 */
final class AttributeCase {
  private final Map<String, String> byLowerCase;

  /** A check for rows whose attributes are read by the names {@code read}. */
  AttributeCase(List<String> read) {
    byLowerCase =
        read.stream()
            .collect(
                Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));
  }

  /**
   * Adds a problem to {@code problems} for each attribute of {@code attributes} that is a read name
   * in other letter case while the row lacks that name: {@code attribute 'tags' where the dump
   * writes 'Tags' (XML names are case-sensitive)}.
   */
  void check(Map<String, String> attributes, List<String> problems) {
    for (String name : attributes.keySet()) {
      String expected = byLowerCase.get(name.toLowerCase(Locale.ROOT));
      if (expected != null && !expected.equals(name) && !attributes.containsKey(expected)) {
        problems.add(
            "attribute '"
                + name
                + "' where the dump writes '"
                + expected
                + "' (XML names are case-sensitive)");
      }
    }
  }
}
