package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.testing.BundledCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The pre-filter ({@link TraceLexer#mayHoldFrames}) never rejects a block the full parser finds a
 * traceback in: {@code mayHoldFrames(b) == false ⇒ parseUnfiltered(b)} is empty, on generated
 * marker soup and on every real block the tests hold (bundled corpus, real pages, the blind set,
 * pinterest traces, flattened Simba-brother rows), also after the edits pasting makes (frames cut
 * before their function, no-break spaces, escaped angle brackets).
 */
class PreFilterTest {
  private final TracebackParser parser = new TracebackParser();

  /** Each holds one frame only the full parser used to see: the pre-filter rejected them all. */
  @Example
  void blocksWhoseOnlyFrameTheOldPreFilterMissedAreParsed() {
    // an old IPython cell frame cut before its function: PasteRepair joins the two lines
    assertOneFrame("<ipython-input-5-ab12> in\n<module>()\n----> 3 model.fit(x)\n", 3, "<module>");
    assertOneFrame("/x/ops.py in\nconvert(value, ctx)\n", null, "convert");
    // escaped once more than the block's HTML: PasteRepair decodes &lt; &gt;
    assertOneFrame("&lt;ipython-input-1-ab&gt; in &lt;module&gt;()\n----> 1 f()\n", 1, "<module>");
    // no-break spaces, made spaces by TextNormalizer
    assertOneFrame("/a/b.py\u00a0in\u00a0fit(self, x)\n", null, "fit");
    // IPython colour codes around " in "
    assertOneFrame("/a/b.py\u001b[0m in\u001b[0;36m fit\u001b[0;34m(self)\n", null, "fit");
    // the same codes after their ESC byte was lost in the paste
    assertOneFrame("/a/b.py[0m in[0;36m fit[0;34m(self)\n", null, "fit");
    // names eaten as HTML tags: "in <cell line: 16>()" and "in ()" alone on their line
    assertOneFrame("in <cell line: 16>()\n", null, "<cell line: 16>");
    assertOneFrame(" in ()\n", null, TraceLexer.SWALLOWED);
  }

  private void assertOneFrame(String text, Integer line, String function) {
    assertThat(TraceLexer.mayHoldFrames(text)).as(text).isTrue();
    List<Traceback> found = parser.parse(text);
    assertThat(found).as(text).hasSize(1);
    assertThat(found.get(0).frames()).as(text).hasSize(1);
    assertThat(found.get(0).frames().get(0).line()).isEqualTo(line);
    assertThat(found.get(0).frames().get(0).function()).isEqualTo(function);
    assertThat(found).isEqualTo(parser.parseUnfiltered(text));
  }

  /** Prose still skips lexing: the word "in" alone, or "in" beside brackets that are not code. */
  @Example
  void proseIsStillRejected() {
    assertThat(TraceLexer.mayHoldFrames("I got an error in my model when training it.")).isFalse();
    assertThat(TraceLexer.mayHoldFrames("for x in items(): print(x)")).isFalse();
    assertThat(TraceLexer.mayHoldFrames("a<b and b<c, min(a, b)")).isFalse();
    assertThat(TraceLexer.mayHoldFrames("the index (in bytes) is wrong")).isFalse();
  }

  @Property(tries = 2000, seed = "20261201")
  void neverRejectsWhatTheParserReadsInMarkerSoup(@ForAll("soup") String text) {
    assertFilterSound(text);
    assertThat(parser.parse(text)).isEqualTo(parser.parseUnfiltered(text));
  }

  @Example
  void neverRejectsWhatTheParserReadsInRealBlocks() throws Exception {
    List<String> real = realBlocks();
    assertThat(real).hasSizeGreaterThan(3000);
    List<UnaryOperator<String>> edits =
        List.of(
            t -> t,
            t -> t.replace(" in ", " in\n").replace("File ", "").replace("Traceback", ""),
            t -> t.replace(' ', '\u00a0').replace("<", "&lt;").replace(">", "&gt;"),
            // markdown fences glued to the word "in" (PasteRepair removes other fences)
            t -> t.replace(" in ", " in```\n```in ").replace("File ", "").replace("Traceback", ""));
    int rejected = 0;
    for (String block : real) {
      for (UnaryOperator<String> edit : edits) {
        rejected += assertFilterSound(edit.apply(block)) ? 1 : 0;
      }
    }
    // the filter still skips most blocks (prose), so the property is not vacuous
    assertThat(rejected).isGreaterThan(real.size() * edits.size() / 2);
  }

  @Example
  void theRealBlocksHoldTracebacksTheFilterPasses() throws Exception {
    int found = 0;
    for (String block : realBlocks()) {
      found += parser.parse(block).isEmpty() ? 0 : 1;
    }
    assertThat(found).isGreaterThan(500);
  }

  /**
   * Asserts the property on {@code text} (the full parser is run only where the filter rejects);
   * returns whether the filter rejected it.
   */
  private boolean assertFilterSound(String text) {
    if (TraceLexer.mayHoldFrames(text)) {
      return false;
    }
    assertThat(parser.parseUnfiltered(text))
        .as("pre-filter rejected a block the parser reads:\n" + text)
        .isEmpty();
    return true;
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(
            "<ipython-input-5-ab12>",
            "/x/ops.py",
            "C:\\a b\\x.py",
            " in",
            " in ",
            "in ",
            "in",
            "\n",
            "\n",
            "  ",
            "\u00a0",
            "\t",
            "\r\n",
            "<module>()",
            "<cell line: 16>",
            "convert(value, ctx)",
            "f",
            "(",
            ")",
            "()",
            "<",
            ">",
            "&lt;",
            "&gt;",
            "&amp;",
            "\u001b[0;32m",
            "[0m",
            "\\n",
            "----> 3 model.fit(x)",
            // session 23: py-spy dumps, ESC stand-ins
            "Thread 12 (idle): \"M\"",
            "    get (queue.py:171)",
            " (x.py:3)",
            "\u2190[0m",
            "ValueError",
            ": msg",
            "```",
            "x.pyc",
            ".so",
            "min",
            "Traceback (most recent call last):",
            "File \"/a.py\", line 3")
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  private static List<String> realBlocks() throws Exception {
    List<String> blocks = new ArrayList<>();
    List<String> bodies = new ArrayList<>(BundledCorpus.bodies());
    JsonNode labels = new ObjectMapper().readTree(resource("/realbench/blind/labels.json"));
    for (JsonNode p : labels.get("posts")) {
      bodies.add(resource("/realbench/" + p.get("post").asText()));
    }
    try (var pages = Files.list(Path.of("src/test/resources/realbench/html"))) {
      for (Path page : pages.sorted().toList()) {
        bodies.add(Files.readString(page));
      }
    }
    for (String body : bodies) {
      for (Block b : HtmlBlocks.parse(body)) {
        blocks.add(b.text());
      }
    }
    for (int i = 1; i <= 8; i++) {
      blocks.add(Fixtures.resource("pinterest/python" + i + ".trace"));
    }
    List<List<String>> rows = Fixtures.csv(Fixtures.resource("so-flattened/traceback-rows.csv"));
    for (List<String> r : rows.subList(1, rows.size())) {
      blocks.add(r.get(1));
    }
    return blocks;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = PreFilterTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
