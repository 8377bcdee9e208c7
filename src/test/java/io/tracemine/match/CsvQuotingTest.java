package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CsvQuotingTest {
  private static Optional<String> problem(String csv) throws IOException {
    return CsvQuoting.problem(new StringReader(csv));
  }

  /** The hostile sweep's input: a quoted traceback with an undoubled quote on its first line. */
  @Example
  void anUndoubledQuoteInsideAQuotedFieldIsNamedWithItsLine() throws IOException {
    String csv =
        "id,text\n"
            + "r1,\"Traceback (most recent call last):\n"
            + "  File \"\"/a/util.py\"\", line 664, in load\n"
            + "LookupError: x\"\n"
            + "r2,\"he said \"hi\" then Traceback (most recent call last):\n"
            + "  File 'predict.py', line 146, in <module>\n"
            + "ValueError: y\"\n";
    assertThat(problem(csv))
        .contains(
            "line 5: a quote inside the quoted field that starts on line 5 is not doubled (write"
                + " \"\" for a quote inside a quoted field)");
    assertThat(problem("id,text\nr1,\"never closed\nr2,x\n"))
        .contains("line 2: a quoted field starts here and is never closed (a missing '\"')");
  }

  @Example
  void wellQuotedFilesAndQuotesInsideUnquotedFieldsPass() throws IOException {
    assertThat(problem("id,text\r\nr1,\"a, \"\"b\"\"\r\nc\"\r\nr2,he said \"hi\"\r\n")).isEmpty();
    assertThat(problem("\uFEFF\"id\",\"text\"\n1,\"\"\n2,")).isEmpty();
    assertThat(problem("")).isEmpty();
  }

  /** Oracle: any records written as RFC 4180 writes them pass. */
  @Property
  void everyFileWrittenByTheRfcPasses(@ForAll("records") List<List<String>> records)
      throws IOException {
    assertThat(problem(write(records))).isEmpty();
  }

  /**
   * A quoted field given an undoubled quote followed by a character that is not a delimiter is
   * found, on the line the quote is on.
   */
  @Property
  void anUndoubledQuoteIsFoundOnItsLine(
      @ForAll("records") List<List<String>> records, @ForAll("fields") String tail)
      throws IOException {
    String before = write(records);
    String csv = before + "\"x\"y" + tail.replace("\"", "\"\"") + "\"\n";
    long line = before.chars().filter(c -> c == '\n').count() + 1;
    assertThat(problem(csv))
        .hasValueSatisfying(p -> assertThat(p).startsWith("line " + line + ":"));
  }

  private static String write(List<List<String>> records) {
    StringBuilder out = new StringBuilder();
    for (List<String> record : records) {
      out.append(
          record.stream()
              .map(f -> "\"" + f.replace("\"", "\"\"") + "\"")
              .collect(Collectors.joining(",")));
      out.append('\n');
    }
    return out.toString();
  }

  @Provide
  Arbitrary<List<List<String>>> records() {
    return fields().list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.strings().withChars("ab,\"\n\r ").ofMaxLength(12);
  }
}
