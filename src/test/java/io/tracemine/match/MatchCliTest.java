package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.cli.TraceMine;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.Traceback;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tracemine match} end to end on a small knowledge base, without Spark. */
public class MatchCliTest {
  public static final String FIT =
      """
      Traceback (most recent call last):
        File "/home/ann/train.py", line 12, in <module>
          model.fit(x, y)
        File "/usr/lib/python3/site-packages/keras/engine/training.py", line 1100, in fit
          tmp_logs = self.train_function(iterator)
        File "/usr/lib/python3/site-packages/keras/engine/training.py", line 800, in train_function
          return step_function(self, iterator)
        File "/usr/lib/python3/site-packages/keras/engine/compile_utils.py", line 201, in __call__
          loss_value = loss_obj(y_t, y_p, sample_weight=sw)
      ValueError: Shapes (None, 1) and (None, 10) are incompatible
      """;

  static final String READ =
      """
      Traceback (most recent call last):
        File "C:\\\\work\\\\load.py", line 3, in <module>
          df = pd.read_csv(path)
        File "C:\\\\Python39\\\\lib\\\\site-packages\\\\pandas\\\\io\\\\parsers.py", line 610, in read_csv
          return _read(filepath_or_buffer, kwds)
        File "C:\\\\Python39\\\\lib\\\\site-packages\\\\pandas\\\\io\\\\common.py", line 70, in get_handle
          handle = open(handle, ioargs.mode)
      FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'
      """;

  @TempDir static Path knowledge;

  /** Question 11 and 12 hold the FIT trace (12 with another message), 21 the READ trace. */
  @BeforeAll
  static void buildKnowledge() {
    writeKnowledge(knowledge);
  }

  /** Writes the small knowledge base's index into {@code dir}. */
  public static void writeKnowledge(Path dir) {
    List<Traceback> fit = TraceQuery.tracebacks(FIT, "default");
    List<Traceback> read = TraceQuery.tracebacks(READ, "default");
    assertThat(fit).hasSize(1);
    assertThat(read).hasSize(1);
    try (IndexBuilder b = new IndexBuilder("default")) {
      b.addQuestion(11, "Keras fit: Shapes are incompatible", 4, 111L);
      b.addQuestion(12, "Shape mismatch in my loss", 9, null);
      b.addQuestion(21, "pandas cannot find my CSV", 1, 211L);
      IndexFixtures.addTrace(b, "11-0-0", 11, "keras", fit.get(0), fit.get(0).message());
      IndexFixtures.addTrace(
          b, "12-0-0", 12, "keras", fit.get(0), "Shapes (None, 3) and (None, 5, 2) differ");
      IndexFixtures.addTrace(b, "21-0-0", 21, "scikit-learn", read.get(0), read.get(0).message());
      List<Frame> f = fit.get(0).frames();
      b.addPattern(
          "keras",
          IndexFixtures.files(f.subList(1, 4)),
          IndexFixtures.functions(f.subList(1, 4)),
          2,
          2,
          List.of("11-0-0", "12-0-0"));
      List<Frame> r = read.get(0).frames();
      b.addPattern(
          "scikit-learn",
          IndexFixtures.files(r.subList(1, 3)),
          IndexFixtures.functions(r.subList(1, 3)),
          1,
          1,
          List.of("21-0-0"));
      b.write(KnowledgeIndex.fileOf(dir));
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int match(String... args) {
    CommandLine cl = TraceMine.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 3];
    all[0] = "match";
    all[1] = "--knowledge";
    all[2] = knowledge.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return cl.execute(all);
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aPastedTraceListsItsQuestionsWithTheReason(@TempDir Path dir) throws IOException {
    Path log =
        write(
            dir,
            "ci.log",
            "2024-01-01 step 3 failed\n"
                + FIT
                + "\n##[error]Process completed with exit code 1.\n");
    assertThat(match("--trace", log.toString())).isZero();
    assertThat(out.toString())
        .contains("Traceback 1 of 1: ValueError: Shapes (None, 1) and (None, 10) are incompatible")
        .contains("4 frames (4 in the knowledge base), 1 mined patterns contained in it")
        .contains("https://stackoverflow.com/q/11")
        .contains("why: 3 shared frames")
        .contains("training:fit > training:train_function > compile_utils:__call__")
        .contains("exception type agrees, message template agrees")
        .contains("exception type agrees, message template differs");
    assertThat(out.toString().indexOf("/q/11")).isLessThan(out.toString().indexOf("/q/12"));
    assertThat(out.toString()).doesNotContain("/q/21");
  }

  @Test
  void jsonCarriesTheSameAnswerForTools(@TempDir Path dir) throws IOException {
    Path paste = write(dir, "paste.txt", READ + "\n" + FIT);
    assertThat(match("--trace", paste.toString(), "--json", "-k", "1")).isZero();
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertThat(doc.get("tracebacks").asInt()).isEqualTo(2);
    JsonNode first = doc.get("answers").get(0);
    assertThat(first.get("exceptionType").asText()).isEqualTo("FileNotFoundError");
    assertThat(first.get("hits")).hasSize(1);
    JsonNode hit = first.get("hits").get(0);
    assertThat(hit.get("questionId").asLong()).isEqualTo(21);
    assertThat(hit.get("acceptedAnswerId").asLong()).isEqualTo(211);
    assertThat(hit.get("library").asText()).isEqualTo("scikit-learn");
    assertThat(hit.get("shared").get("frames").get(0).asText()).isEqualTo("parsers:read_csv");
    assertThat(hit.get("typeAgrees").asBoolean()).isTrue();
    assertThat(doc.get("answers").get(1).get("hits").get(0).get("questionId").asLong())
        .isEqualTo(11);
  }

  @Test
  void aTraceOfUnknownFramesIsAnsweredNoKnownPattern(@TempDir Path dir) throws IOException {
    Path paste =
        write(
            dir,
            "other.txt",
            """
            Traceback (most recent call last):
              File "main.py", line 1, in <module>
                go()
              File "main.py", line 5, in go
                raise KeyError('x')
            KeyError: 'x'
            """);
    assertThat(match("--trace", paste.toString())).isZero();
    assertThat(out.toString())
        .contains(
            "no known pattern: none of its 2 frames' runs is a mined"
                + " pattern of this knowledge base (0 of the frames occur in it)");
  }

  @Test
  void textWithoutATracebackSaysSo(@TempDir Path dir) throws IOException {
    Path garbage = write(dir, "garbage.txt", "}{ <<<\u0007 lorem ipsum\nFile nowhere, line x\n");
    assertThat(match("--trace", garbage.toString())).isZero();
    assertThat(out.toString())
        .isEqualTo("No Python traceback found in the input (nothing to" + " match).\n");
  }

  @Test
  void standardInputIsRead() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(FIT.getBytes(StandardCharsets.UTF_8)));
      assertThat(match("--trace", "-", "-k", "1")).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(out.toString()).contains("https://stackoverflow.com/q/11").doesNotContain("/q/12");
  }

  /**
   * An empty paste is an error, not "no traceback": submit.sh gives a closed standard input (cron,
   * a daemon) /dev/null, which before was taken by the first file the JVM opened and read as the
   * paste (hostile sweep 6, F11).
   */
  @Test
  void anEmptyPasteOrAClosedStandardInputIsNamed(@TempDir Path dir) throws IOException {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(new byte[0]));
      assertThat(match("--trace", "-")).isEqualTo(3);
    } finally {
      System.setIn(saved);
    }
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot read --trace standard input: it is empty (nothing was piped in, or"
                + " standard input is closed)");
    Path empty = write(dir, "empty.txt", "");
    assertThat(match("--trace", empty.toString())).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot read --trace " + empty + ": it is empty; give the file that holds");
  }

  @Test
  void htmlIsParsedLikeAPost(@TempDir Path dir) throws IOException {
    String html =
        "<html><body><p>It fails:</p><pre><code>"
            + FIT.replace("<", "&lt;").replace(">", "&gt;")
            + "</code></pre></body></html>";
    assertThat(match("--trace", write(dir, "page.html", html).toString())).isZero();
    assertThat(out.toString()).contains("https://stackoverflow.com/q/11");
  }

  @Test
  void aTraceSavedAsUtf16OrWithAByteOrderMarkOrReadFromAPipeIsAnswered(@TempDir Path dir)
      throws Exception {
    Path utf16 = dir.resolve("powershell.txt");
    Files.write(utf16, ("\uFEFF" + FIT).getBytes(StandardCharsets.UTF_16LE));
    Path utf16be = dir.resolve("be.txt");
    Files.write(utf16be, ("\uFEFF" + FIT).getBytes(StandardCharsets.UTF_16BE));
    Path utf8Bom = dir.resolve("notepad.txt");
    Files.write(utf8Bom, ("\uFEFF" + FIT).getBytes(StandardCharsets.UTF_8));
    for (Path p : List.of(utf16, utf16be, utf8Bom)) {
      out.getBuffer().setLength(0);
      assertThat(match("--trace", p.toString())).as(p.toString()).isZero();
      assertThat(out.toString())
          .as(p.toString())
          .contains("Traceback 1 of 1: ValueError: Shapes (None, 1) and (None, 10)")
          .contains("https://stackoverflow.com/q/11");
    }
    Path fifo = dir.resolve("trace.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Thread writer =
        new Thread(
            () -> {
              try {
                Files.writeString(fifo, FIT);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    writer.start();
    out.getBuffer().setLength(0);
    assertThat(match("--trace", fifo.toString())).isZero();
    writer.join();
    assertThat(out.toString()).contains("https://stackoverflow.com/q/11");
  }

  @Test
  void binaryMissingAndBadOptionsGetClearErrorsAndExitCodes(@TempDir Path dir) throws IOException {
    Path binary = dir.resolve("core.bin");
    Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
    assertThat(match("--trace", binary.toString())).isEqualTo(3);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot read --trace "
                + binary
                + ": it is binary, not text (a NUL byte at offset 4)");
    assertThat(match("--trace", dir.resolve("none.log").toString())).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot read --trace " + dir.resolve("none.log") + ": no such file");
    assertThat(match("--trace", dir.toString())).isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot read --trace " + dir + ": it is a directory; give one text file");
    assertThat(match("--trace", binary.toString(), "-k", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("tracemine: Cannot match: -k is 0 but must be >= 1");
    assertThat(match()).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "tracemine: Cannot match: give --trace FILE (or --trace"
                + " - for standard input), or --input TABLE for batch mode, not both");
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    assertThat(
            cl.execute(
                "match",
                "--knowledge",
                dir.toString(),
                "--trace",
                write(dir, "t.txt", FIT).toString()))
        .isEqualTo(3);
    assertThat(err.toString())
        .contains("Cannot read the match index " + dir + "/match_index/index.tmm: no such file");
  }

  @Test
  void aHugeTracebackIsCutToItsInnermostFrames(@TempDir Path dir) throws IOException {
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (int i = 0; i < 3000; i++) {
      b.append(
          "  File \"/usr/lib/python3/site-packages/keras/engine/training.py\", line 1100,"
              + " in fit\n    x()\n");
    }
    b.append(FIT.substring(FIT.indexOf("  File \"/usr")));
    assertThat(match("--trace", write(dir, "huge.txt", b.toString()).toString())).isZero();
    assertThat(out.toString()).contains("https://stackoverflow.com/q/11");
  }
}
