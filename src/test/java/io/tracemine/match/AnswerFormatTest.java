package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFormatTest {
  /**
   * A post's title reaches the terminal as text: before, a title holding an OSC sequence, an
   * erase-line sequence and a line break set the terminal's title and printed a forged rank-1 row
   * (hostile sweep 7, F6). Control characters now show as U+FFFD, a tab as a blank.
   */
  @Test
  void aTitleCannotControlTheTerminalOrForgeALine() {
    String hostile =
        "Why does fit fail\u001b]0;OWNED\u0007\u001b[2K\n   1  999.00  31337  keras  yes 31338"
            + "\u2028\u202Eevil\tend\u0085";
    SharedPattern pattern =
        new SharedPattern("p1", "keras", List.of("training:fit", "x\u001b[31m:y"), 3, 2, 1.5);
    Hit hit =
        new Hit(
            1,
            200,
            hostile,
            "https://stackoverflow.com/q/200",
            "keras",
            2.0,
            5,
            null,
            pattern,
            true,
            false);
    String text =
        AnswerFormat.text(
            List.of(
                new TraceAnswer(
                    1, "ValueError", "bad\u001b[2J", null, 2, 2, 1, null, List.of(hit))));
    assertThat(text)
        .doesNotContain("\u001b", "\u0007", "\u2028", "\u202E", "\u0085")
        .contains(
            "Why does fit fail\uFFFD]0;OWNED\uFFFD\uFFFD[2K\uFFFD   1  999.00  31337  keras  yes"
                + " 31338\uFFFD\uFFFDevil end\uFFFD")
        .contains("training:fit > x\uFFFD[31m:y")
        .contains("Traceback 1 of 1: ValueError: bad\uFFFD[2J");
    assertThat(text.lines().filter(l -> l.contains("31337"))).hasSize(1);
    assertThat(AnswerFormat.printable("plain text")).isSameAs("plain text");
  }
}
