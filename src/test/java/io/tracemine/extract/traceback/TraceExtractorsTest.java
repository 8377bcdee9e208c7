package io.tracemine.extract.traceback;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tracemine.InvalidConfigException;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TraceExtractorsTest {
  /**
   * A question: a Unix trace in code, a Windows chained trace in code, one pasted in a {@code <p>}.
   */
  private static final String BODY =
      """
      <p>My training fails:</p>
      <pre><code>Traceback (most recent call last):
        File "train.py", line 3, in &lt;module&gt;
          main()
        File "/home/u/.local/lib/python3.8/site-packages/keras/engine/training.py", line 1100, in fit
          tmp_logs = self.train_function(iterator)
      tensorflow.python.framework.errors_impl.InvalidArgumentError: Incompatible shapes: [32,10] vs. [32,1]
      </code></pre>
      <p>On Windows I get instead:</p>
      <pre><code>Traceback (most recent call last):
        File "C:\\Users\\me\\run.py", line 9, in &lt;listcomp&gt;
          x = load()
      KeyError: 'x'

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "C:/Users/me/run.py", line 12, in &lt;module&gt;
          go()
        File "C:\\Python38\\lib\\site-packages\\numpy\\core\\fromnumeric.py", line 58, in _wrapfunc
          return bound(*args, **kwds)
      RuntimeWarning: invalid value
      </code></pre>
      <p>Traceback (most recent call last):<br>  File "&lt;stdin&gt;", line 1, in &lt;module&gt;<br>NameError: name 'tf' is not defined</p>
      """;

  private static List<Block> blocks() {
    return HtmlBlocks.parse(BODY);
  }

  @Test
  void defaultProfileFindsEveryTracebackInCodeAndText() {
    QuestionTraces q = TraceExtractors.forProfile("default").extract(blocks());
    assertThat(q.traces())
        .extracting(
            FoundTrace::blockIndex,
            FoundTrace::blockKind,
            FoundTrace::position,
            t -> t.traceback().exceptionType(),
            t -> t.traceback().chainedFrom())
        .containsExactly(
            tuple(
                1,
                BlockKind.CODE,
                0,
                "tensorflow.python.framework.errors_impl.InvalidArgumentError",
                null),
            tuple(3, BlockKind.CODE, 0, "KeyError", null),
            tuple(3, BlockKind.CODE, 1, "RuntimeWarning", 0),
            tuple(4, BlockKind.TEXT, 0, "NameError", null));
    assertThat(q.traces().get(0).traceback().frames())
        .extracting(Frame::file, Frame::function)
        .containsExactly(tuple("train", "<module>"), tuple("training", "fit"));
    assertThat(q.os()).isEqualTo("mixed");
  }

  @Test
  void paperProfileReproducesTheStudysBlindSpots() {
    QuestionTraces q = TraceExtractors.forProfile("paper").extract(blocks());
    // code blocks only; "train.py" and <stdin> have no path; the OS is the first styled frame's
    // (Unix), so the Windows block is dropped except its C:/ frame, which the study took as Unix
    assertThat(q.traces()).hasSize(2);
    Traceback first = q.traces().get(0).traceback();
    assertThat(first.frames())
        .extracting(Frame::file, Frame::function, Frame::pathStyle)
        .containsExactly(tuple("training", "fit", PathStyle.UNIX));
    assertThat(first.exceptionType()).isEqualTo("InvalidArgumentError");
    Traceback second = q.traces().get(1).traceback();
    assertThat(q.traces().get(1).blockIndex()).isEqualTo(3);
    assertThat(second.frames())
        .extracting(Frame::file, Frame::function)
        .containsExactly(tuple("run", "module"));
    assertThat(second.exceptionType())
        .isEqualTo("KeyError"); // RuntimeWarning: missed by [A-Z]\w+Error
    assertThat(second.message()).isEqualTo("'x'");
    assertThat(q.os()).isEqualTo("unix");
  }

  @Test
  void paperProfileConcatenatesAllTracebacksOfABlock() {
    String one =
        "Traceback (most recent call last):\n"
            + "  File \"/a/b.py\", line 1, in <listcomp>\n"
            + "ValueError: v\n";
    List<Block> blocks = List.of(new Block(0, BlockKind.CODE, one + one));
    QuestionTraces q = TraceExtractors.forProfile("paper").extract(blocks);
    assertThat(q.traces())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.traceback().frames())
                  .extracting(Frame::function)
                  .containsExactly("listcomp", "listcomp");
              assertThat(t.traceback().exceptionType()).isEqualTo("ValueError");
              assertThat(t.traceback().message()).isEqualTo("v");
            });
    assertThat(TraceExtractors.forProfile("default").extract(blocks).traces()).hasSize(2);
  }

  /**
   * TF 2.0–2.3's {@code /x/y.py:12 f} listing lines are nested frames for the default profile but
   * text for the paper profile: the study's regex needs {@code File "…", line N}. TF 2.4+'s listing
   * of {@code File} lines is read by both.
   */
  @Test
  void paperProfileReadsOnlyFileFormListings() {
    String outer =
        "Traceback (most recent call last):\n"
            + "  File \"/u/train.py\", line 9, in <module>\n"
            + "    model.fit(x)\n"
            + "ValueError: in user code:\n\n";
    String tf23 = "    /u/keras/training.py:806 train_function  *\n        return step(x)\n";
    String tf24 =
        "    File \"/u/keras/training.py\", line 806, in train_function  *\n"
            + "        return step(x)\n";
    String tail = "\n    ValueError: Shapes (None, 1) and (None, 3) are incompatible\n";
    for (String listing : List.of(tf23, tf24)) {
      List<Block> blocks = List.of(new Block(0, BlockKind.CODE, outer + listing + tail));
      Traceback paper =
          TraceExtractors.forProfile("paper").extract(blocks).traces().get(0).traceback();
      Traceback dflt =
          TraceExtractors.forProfile("default").extract(blocks).traces().get(0).traceback();
      assertThat(dflt.nestedFrames()).extracting(Frame::function).containsExactly("train_function");
      assertThat(paper.frames())
          .extracting(Frame::function)
          .as(listing)
          .containsExactlyElementsOf(
              listing == tf23 ? List.of("module") : List.of("module", "train_function"));
    }
  }

  @Test
  void paperProfileDecidesWindowsFromTheFirstFrame() {
    List<Block> blocks =
        List.of(
            new Block(
                0,
                BlockKind.CODE,
                "File \"C:\\x\\a.py\", line 1, in f\nFile \"/u/b.py\", line 2, in g\n"),
            new Block(1, BlockKind.CODE, "File \"/u/c.py\", line 3, in h\n"));
    QuestionTraces q = TraceExtractors.forProfile("paper").extract(blocks);
    assertThat(q.traces())
        .singleElement()
        .satisfies(
            t -> assertThat(t.traceback().frames()).extracting(Frame::file).containsExactly("a"));
    assertThat(q.os()).isEqualTo("windows");
  }

  @Test
  void osIsNoneWithoutStyledFramesAndEmptyWithoutBlocks() {
    List<Block> blocks =
        List.of(
            new Block(
                0,
                BlockKind.CODE,
                "Traceback (most recent call last):\n"
                    + "  File \"<stdin>\", line 1, in <module>\n"
                    + "KeyError: 1\n"));
    assertThat(TraceExtractors.forProfile("default").extract(blocks).os()).isEqualTo("none");
    assertThat(TraceExtractors.forProfile("paper").extract(blocks).traces()).isEmpty();
    assertThat(TraceExtractors.forProfile("default").extract(List.of()))
        .isEqualTo(new QuestionTraces(List.of(), "none"));
  }

  @Test
  void unknownProfileIsRejectedWithTheValidNames() {
    assertThatThrownBy(() -> TraceExtractors.forProfile("study"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot create a trace extractor: unknown profile 'study' (valid: default, paper)");
    assertThatThrownBy(() -> TraceExtractors.forProfile(null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot create a trace extractor: unknown profile 'null' (valid: default, paper)");
  }

  @Test
  void extractorsAndResultsSurviveJavaSerialization() throws Exception {
    for (String profile : TraceExtractors.PROFILES) {
      TraceExtractor copy = roundTrip(TraceExtractors.forProfile(profile));
      QuestionTraces expected = TraceExtractors.forProfile(profile).extract(blocks());
      assertThat(copy.extract(blocks())).isEqualTo(expected);
      assertThat(roundTrip(expected)).isEqualTo(expected);
    }
  }

  @Test
  void extractPackagesImportNothingFromSpark() throws IOException {
    Path root = Path.of("src/main/java/io/tracemine/extract");
    for (String pkg : List.of("html", "traceback", "template")) {
      try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          assertThat(Files.readString(f)).as(f.toString()).doesNotContain("org.apache.spark");
        }
      }
    }
  }
}
