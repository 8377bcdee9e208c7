package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole pytest reports as pytest 9.0 prints them (src/test/resources/extract/pytest, made by
 * running the test files under {@code source/} with {@code --tb=auto}, the default, {@code long},
 * {@code short} and {@code native}): several failed tests, a fixture's error, a chained exception,
 * a test's captured output, an {@code assert} with and without a message. Each mode prints the same
 * failures, so each must give the same tracebacks.
 */
class PytestReportsTest {
  private final TracebackParser parser = new TracebackParser();

  @ParameterizedTest
  @ValueSource(strings = {"auto", "long", "short"})
  void twoFailedTestsAreTwoTracebacksInCallOrder(String mode) throws IOException {
    List<Traceback> found = parser.parse(report("two-failures-" + mode));
    assertThat(found).hasSize(2);
    assertThat(found.get(0).frames())
        .extracting(Frame::rawPath, Frame::line, Frame::function)
        .containsExactly(
            tuple("test_model.py", 5, "test_fit"),
            tuple("mylib/validation.py", 17, "fit"),
            tuple("mylib/validation.py", 11, "validate"),
            tuple("mylib/validation.py", 5, "check_consistent_length"));
    assertThat(found.get(0).exceptionType()).isEqualTo("ValueError");
    assertThat(found.get(0).message())
        .isEqualTo("Found input variables with inconsistent numbers of samples: [3, 2]");
    assertThat(found.get(1).frames())
        .extracting(Frame::rawPath, Frame::line, Frame::function)
        .containsExactly(tuple("test_model.py", 8, "test_assert"));
    assertThat(found.get(1).exceptionType()).isEqualTo("AssertionError");
    assertThat(found.get(1).message()).isEqualTo("assert 3 == 4\n+  where 3 = sum([1, 2])");
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "long", "short"})
  void aReportWithAnErrorAChainAndCapturedOutputGivesEachFailure(String mode) throws IOException {
    List<Traceback> found = parser.parse(report("report-" + mode));
    assertThat(found)
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(
            tuple("RuntimeError", "fixture failed"),
            tuple(
                "ValueError", "Found input variables with inconsistent numbers of samples: [3, 2]"),
            tuple("FileNotFoundError", "[Errno 2] No such file or directory: '/nonexistent/x.csv'"),
            tuple("ValueError", "cannot load /nonexistent/x.csv"),
            tuple("AssertionError", "numbers differ\nassert 1 == 2"));
    assertThat(found.get(0).frames()).extracting(Frame::function).containsExactly("broken");
    assertThat(found.get(1).frames())
        .extracting(Frame::function)
        .containsExactly("test_param", "fit", "validate", "check_consistent_length");
    assertThat(found.get(2).frames())
        .extracting(Frame::rawPath, Frame::line, Frame::function)
        .containsExactly(tuple("test_more.py", 18, "load"));
    assertThat(found.get(3).frames())
        .extracting(Frame::rawPath, Frame::line, Frame::function)
        .containsExactly(
            tuple("test_more.py", 24, "test_chained"), tuple("test_more.py", 20, "load"));
    assertThat(found.get(3).chainedFrom()).isEqualTo(2);
    assertThat(found.get(3).chainKind()).isEqualTo(ChainKind.DIRECT_CAUSE);
    assertThat(found.get(4).frames()).extracting(Frame::function).containsExactly("test_msg");
  }

  /**
   * {@code --tb=native} prints CPython's tracebacks (pytest's own frames first) between pytest's
   * banners: the same exceptions, each ending in the same frames as {@code --tb=auto}'s, and no
   * banner run into a message (before: {@code …[3, 2]\n_____________}, {@code fixture failed\n====
   * FAILURES ====}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"two-failures", "report"})
  void nativeModeGivesTheSameExceptionsEndingInTheSameFrames(String run) throws IOException {
    List<Traceback> auto = parser.parse(report(run + "-auto"));
    List<Traceback> nativeMode = parser.parse(report(run + "-native"));
    assertThat(nativeMode)
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactlyElementsOf(
            auto.stream().map(t -> tuple(t.exceptionType(), t.message())).toList());
    for (int i = 0; i < auto.size(); i++) {
      List<Frame> frames = nativeMode.get(i).frames();
      List<Frame> tail = frames.subList(frames.size() - auto.get(i).frames().size(), frames.size());
      assertThat(tail)
          .extracting(Frame::file, Frame::line, Frame::function)
          .containsExactlyElementsOf(
              auto.get(i).frames().stream()
                  .map(f -> tuple(f.file(), f.line(), f.function()))
                  .toList());
    }
  }

  /**
   * A report pasted with every line indented alike (one blank more than a code block needs, or
   * under a list item) gives the same tracebacks as the report itself; before, its frames at column
   * 0 were not seen, and {@code short} mode gave no traceback at all.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"two-failures-auto", "two-failures-long", "two-failures-short", "report-short"})
  void aReportIndentedAsAWholeGivesTheSameTracebacks(String name) throws IOException {
    String report = report(name);
    List<Traceback> expected = parser.parse(report);
    assertThat(expected).isNotEmpty();
    for (String indent : List.of(" ", "    ")) {
      String indented = report.lines().map(l -> indent + l).reduce("", (a, l) -> a + l + "\n");
      assertThat(parser.parse(indented))
          .extracting(Traceback::exceptionType, Traceback::message, t -> functions(t))
          .containsExactlyElementsOf(
              expected.stream()
                  .map(t -> tuple(t.exceptionType(), t.message(), functions(t)))
                  .toList());
    }
  }

  /** An indented text without pytest's frames keeps its indent (CPython reads it as it is). */
  @Test
  void anIndentedTextWithoutPytestFramesKeepsItsIndent() {
    List<String> lines = List.of("  def f(x):", "      return x.py", "  f(1): in a loop");
    assertThat(PasteRepair.withoutPytestIndent(lines)).isSameAs(lines);
    assertThat(PasteRepair.withoutPytestIndent(List.of(" a.py:3: in f", "     g()")))
        .containsExactly("a.py:3: in f", "    g()");
  }

  private static List<String> functions(Traceback t) {
    return t.frames().stream().map(Frame::function).toList();
  }

  /** Rules without a title, and titles without a closing rule, are left as they are. */
  @Test
  void bannersOutsideAReportLeaveTheTextAsItWas() {
    String text =
        "Traceback (most recent call last):\n  File \"a.py\", line 3, in f\n"
            + "    g()\nValueError: bad\n_________________\n===== x\n--- Logging\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).frames()).extracting(Frame::function).containsExactly("f");
    assertThat(PasteRepair.repair(text)).isEqualTo(text);
    assertThat(PasteRepair.pytestLongFrames(List.of("____ x ____", "y = 1")))
        .containsExactly("____ x ____", "y = 1");
  }

  private static String report(String name) throws IOException {
    String path = "/extract/pytest/" + name + ".txt";
    try (InputStream in = PytestReportsTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot read test fixture " + path + ": missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
