package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hang detectors: 10 MB of adversarial text must parse in far less than the 20 s bound (a quadratic
 * scan or a backtracking regex would take hours). Also reports parser throughput.
 */
class LinearTimeTest {
  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static String fill(String unit) {
    return unit.repeat(TEN_MB / unit.length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "File \"",
        "File \"/a",
        "File ",
        "File ~/",
        " in ",
        "x.py in f(",
        "<ipython-input-1-a> in <",
        "Traceback (most recent call last)",
        "Cell In[",
        "Input In [1",
        "\u001b[0;",
        "[0;31",
        "ValueError: ",
        "\", line 1, in ",
        "<<<<",
        "((((",
        "During handling of the above exception",
        "a",
        "\n",
        "\\n",
        "File \"x.py\", line 1",
        // issue 10 tolerance: quotes, prefixes, entities, wraps, listings, groups, swallowed names
        "File \u201c",
        "File\n",
        "File \"/a\",\n",
        "line 1,\nin ",
        "> ",
        "12 | ",
        "| ",
        "+-+---- 1 ----\n",
        "&quot;&lt;",
        "in user code:\n\n",
        "defined at:\n    File \"",
        "\nin <",
        " in ()",
        "Exception Group Traceback (most recent call last):\n",
        // session 19: quote margins, fences, wrapped headers and argument lists, announcements
        "> File \"/a\n",
        "```File ```\n",
        "Traceback (most recent call\nlast) ",
        "/a/x.py\nin f(a,\n",
        "/a/x.py in\nf((((\n",
        "  File \"x\", line 1, in <modu\nle>\n",
        "Exception has occurred: E\nFile m\n",
        // session 34: pytest's long format, reticulate, TF 2.0-2.3 listings, Keras intros
        "    def f():\na/b.py:1: \n",
        "a/b.py:1: X\n",
        "    def f(\n",
        "Detailed traceback:\n",
        "ValueError: in user code: /a/b.py:1 f * ",
        "in user code:\n    /a/b.py:1 f\n",
        "ValueError: Exception encountered when calling x.\n\n",
        // session 35: JSON arrays of strings (a notebook's "traceback": [ ... ])
        "\"traceback\": [\n",
        "  \"Traceback (most recent call last):\\n\",\n",
        "[\n\"File \\\"a\\\", line 1, in f\\n\"\n]\n"
      })
  void tenMegabytesOfOneRepeatedFragment(String unit) {
    String text = fill(unit);
    List<Traceback> result =
        assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text));
    assertThat(result).isNotNull();
  }

  /** A frame's source line of 10 MB that is searched for a glued exception and holds none. */
  @ParameterizedTest
  @ValueSource(strings = {"g(x) NotAnError ", "a) ValueError 'b: ' ", "KeyError(\\\" "})
  void aTenMegabyteSourceLineAfterAFrame(String unit) {
    String text =
        "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
            + fill(unit)
            + "\n";
    List<Traceback> result =
        assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text));
    assertThat(result).hasSize(1);
    assertThat(result.get(0).exceptionType()).isNull();
  }

  /**
   * 10 MB of blanks on a line inside a traceback, after a frame's first words or none (session 46:
   * a pattern whose parts could split a run of blanks between them took 11 s at 2,000 blanks).
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "File", "  File \"a.py\"", "line", "line 5", ","})
  void aTenMegabyteRunOfBlanksInATraceback(String before) {
    String text =
        "Traceback (most recent call last):\n" + before + fill(" \t") + "x\nValueError: bad\n";
    List<Traceback> result =
        assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text));
    assertThat(result).isNotNull();
  }

  @Test
  void unclosedQuoteOverTenMegabytes() {
    String text = "Traceback (most recent call last):\n  File \"" + fill("abc/def ");
    assertThat(assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text))).isEmpty();
  }

  @Test
  void tenMegabytesOfRealFramesAndThroughput() {
    String frame =
        "  File \"/usr/lib/python3/site-packages/keras/engine/training.py\", line 952, in fit\n"
            + "    x, y = self._standardize(x, y)\n";
    String text = "Traceback (most recent call last):\n" + fill(frame) + "ValueError: bad\n";
    long start = System.nanoTime();
    List<Traceback> result =
        assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(result).hasSize(1);
    assertThat(result.get(0).frames()).hasSize(TEN_MB / frame.length());
    assertThat(result.get(0).exceptionType()).isEqualTo("ValueError");
    System.out.printf(
        "parser throughput: %.1f MB/s (%d frames in %.2f s)%n",
        text.length() / 1e6 / seconds, result.get(0).frames().size(), seconds);
  }

  @Test
  void tenMegabytesFlattenedOnOneLine() {
    String frame = "File \"C:\\Users\\me\\train.py\", line 3, in <module> model.fit(x) ";
    String text = fill(frame) + "ValueError: bad";
    List<Traceback> result =
        assertTimeoutPreemptively(BOUND, () -> new TracebackParser().parse(text));
    assertThat(result).hasSize(1);
    assertThat(result.get(0).frames()).hasSize(TEN_MB / frame.length());
  }

  @Test
  void manyParagraphsEachOneFrameAreJoinedInLinearTime() {
    String html =
        "<p>Traceback (most recent call last):</p>"
            + "<p>File \"/a/x.py\", line 1, in f</p>".repeat(2 * 1024 * 1024 / 36)
            + "<p>ValueError: bad</p>";
    List<Block> blocks = HtmlBlocks.parse(html);
    var found =
        assertTimeoutPreemptively(
            BOUND, () -> TraceExtractors.forProfile("default").extract(blocks).traces());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).traceback().exceptionType()).isEqualTo("ValueError");
  }

  @Test
  void htmlWithUnclosedPreAndDeepNesting() {
    String unclosed = "<p>see</p><pre><code>" + fill("x < y & \"z\" <b>\n");
    List<Block> blocks = assertTimeoutPreemptively(BOUND, () -> HtmlBlocks.parse(unclosed));
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(1).kind()).isEqualTo(BlockKind.CODE);
    // 2 MB of nesting (~1.5 s): jsoup's own cost grows fast with depth, 10 MB takes 5-7 s
    String nested = "<ul><li>".repeat(2 * 1024 * 1024 / 8);
    assertThat(assertTimeoutPreemptively(BOUND, () -> HtmlBlocks.parse(nested))).hasSize(1);
    // not covered: 10 MB of "<p<p<p…" (one giant tag name) is quadratic inside jsoup 1.21.2
    // itself (4 MB: ~6 s); Stack Overflow caps a body at 30,000 characters
  }
}
