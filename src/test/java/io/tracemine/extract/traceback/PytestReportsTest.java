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
 * Whole pytest reports as pytest 7.2 prints them (src/test/resources/extract/pytest, made by
 * running the test files under {@code source/} with {@code --tb=auto}, the default, {@code long}
 * and {@code short}): several failed tests, a fixture's error, a chained exception, a test's
 * captured output, an {@code assert} with and without a message. Each mode prints the same
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

  /** Outside a report, the banners and chain sentences change nothing. */
  @Test
  void bannersOutsideAReportLeaveTheTextAsItWas() {
    String text =
        "____ notes ____\nTraceback (most recent call last):\n  File \"a.py\", line 3, in f\n"
            + "    g()\nValueError: bad\n==== next ====\n";
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
