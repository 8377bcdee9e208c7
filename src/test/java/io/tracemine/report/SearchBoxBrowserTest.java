package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.PathStyle;
import io.tracemine.match.BundledKnowledge;
import io.tracemine.match.Hit;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.match.KnowledgeSlice;
import io.tracemine.match.TraceAnswer;
import io.tracemine.match.TraceQuery;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.BundledCorpus;
import io.tracemine.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's "paste your traceback" box in headless Chromium, on the bundled corpus run (ingest,
 * extract, mine, index in-process): for every Python traceback of the run, pasted as CPython prints
 * it, the page's answer equals {@code match}'s ({@link TraceQuery#answer}): same questions in the
 * same order, same scores to 1e-9, same shared pattern; the page normalises every frame path of the
 * run as the profile did; and the box itself lists the expected questions, keeps hostile text as
 * text, and says so for garbage and for no known pattern.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class SearchBoxBrowserTest {
  private static final int K = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path run;
  private static KnowledgeIndex index;
  private static KnowledgeSlice.Slice slice;
  private static List<Row> pythonTraces;

  @TempDir Path temp;

  @BeforeAll
  static void bundledRun() throws IOException {
    if (!Files.isExecutable(ReportBrowserTest.CHROMIUM)) {
      if (System.getenv("CI") != null) {
        fail(
            "Cannot run the browser check: "
                + ReportBrowserTest.CHROMIUM
                + " is missing; install chromium (.ci/run does)");
      }
      Assumptions.abort(
          "No "
              + ReportBrowserTest.CHROMIUM
              + ": install chromium (.ci/run does) to run the browser check");
    }
    SparkSession spark = SharedSpark.session();
    run = Files.createTempDirectory("tracemine-search-run");
    BundledKnowledge knowledge = BundledKnowledge.build(spark, run);
    index = knowledge.index();
    var traces = knowledge.traces();
    slice = KnowledgeSlice.of(index);
    pythonTraces =
        traces
            .filter("language = 'python'")
            .select("trace_id", "library", "exception_type", "message", "frames")
            .orderBy("library", "trace_id")
            .collectAsList();
  }

  @Test
  void everyTracebackOfTheRunIsAnsweredAsMatchAnswersIt() throws Exception {
    assertThat(slice.complete()).isTrue();
    // one text per distinct traceback (a question tagged with two libraries has two rows)
    Map<String, String> texts = new LinkedHashMap<>();
    for (Row r : pythonTraces) {
      texts.putIfAbsent(r.getString(0), cpython(r));
    }
    List<String> cases = new ArrayList<>(texts.values());
    assertThat(cases).hasSizeGreaterThanOrEqualTo(50);

    int withHits = assertAnswersAsMatch(cases);

    System.out.printf(
        "search box = match on %d tracebacks of the bundled run, %d with questions%n",
        cases.size(), withHits);
    assertThat(withHits).as("tracebacks answered with questions").isGreaterThanOrEqualTo(50);
  }

  @Test
  void everyCodeBlockOfTheCorpusPastedAsWrittenIsAnsweredAsMatchAnswersIt() throws Exception {
    // the corpus prints tracebacks as CPython, IPython/Jupyter (ANSI colours included), Windows
    // consoles and chained exceptions do; each code block is pasted as it is in the post
    List<String> cases = new ArrayList<>();
    for (String body : BundledCorpus.bodies()) {
      for (Block b : HtmlBlocks.parse(body)) {
        if (b.kind() == BlockKind.CODE && !TraceQuery.tracebacks(b.text(), "default").isEmpty()) {
          cases.add(b.text());
        }
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);

    int withHits = assertAnswersAsMatch(cases);

    System.out.printf(
        "search box = match on %d code blocks of the bundled corpus pasted as written, %d"
            + " tracebacks with questions%n",
        cases.size(), withHits);
    assertThat(withHits).as("tracebacks answered with questions").isGreaterThanOrEqualTo(300);
  }

  @Test
  void htmlIsSplitIntoBlocksAsMatchSplitsIt() throws Exception {
    List<String> pages = new ArrayList<>(BundledCorpus.bodies());
    for (String page : SearchJsParityTest.REAL_PAGES) {
      pages.add(SearchJsParityTest.resource("/realbench/html/" + page + ".html"));
    }

    JsonNode fromPage = harness("blocks", pages);

    int blocks = 0;
    for (int p = 0; p < pages.size(); p++) {
      List<Block> expected = HtmlBlocks.parse(pages.get(p));
      JsonNode actual = fromPage.get(p);
      List<String> actualBlocks = new ArrayList<>();
      actual.forEach(
          b ->
              actualBlocks.add(
                  b.get("index").asInt()
                      + " "
                      + b.get("kind").asText()
                      + " "
                      + b.get("text").asText()));
      assertThat(actualBlocks)
          .as("blocks of page " + p + ":\n" + pages.get(p))
          .containsExactlyElementsOf(
              expected.stream().map(b -> b.index() + " " + b.kind() + " " + b.text()).toList());
      blocks += expected.size();
    }
    System.out.printf(
        "search box splits %d HTML pages into the same %d blocks as HtmlBlocks%n",
        pages.size(), blocks);
  }

  @Test
  void pastedHtmlPostsOfTheCorpusAreAnsweredAsMatchAnswersThem() throws Exception {
    List<String> cases = new ArrayList<>();
    for (String body : BundledCorpus.bodies()) {
      if (!TraceQuery.tracebacks(body, "default").isEmpty()) {
        cases.add(body);
      }
    }
    for (String page : SearchJsParityTest.REAL_PAGES) {
      cases.add(SearchJsParityTest.resource("/realbench/html/" + page + ".html"));
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);

    int withHits = assertAnswersAsMatch(cases);

    System.out.printf(
        "search box = match on %d HTML posts pasted whole, %d tracebacks with questions%n",
        cases.size(), withHits);
    assertThat(withHits).isGreaterThanOrEqualTo(300);
  }

  @Test
  void pastingAnIpythonAWindowsAndAChainedTraceOfTheCorpusListsMatchsQuestions() throws Exception {
    Map<String, Predicate<String>> formats = new LinkedHashMap<>();
    formats.put("IPython", t -> t.contains("<ipython-input-") && t.contains("---->"));
    formats.put(
        "Windows",
        t ->
            TraceQuery.tracebacks(t, "default").stream()
                .flatMap(tb -> tb.frames().stream())
                .anyMatch(f -> f.pathStyle() == PathStyle.WINDOWS));
    formats.put(
        "chained",
        t -> TraceQuery.tracebacks(t, "default").stream().anyMatch(tb -> tb.chainKind() != null));
    for (Map.Entry<String, Predicate<String>> format : formats.entrySet()) {
      String paste = firstCorpusBlock(format.getValue());
      List<TraceAnswer> expected = TraceQuery.answer(index, paste, 5);
      List<String> questions = new ArrayList<>();
      expected.forEach(a -> a.hits().forEach(h -> questions.add(String.valueOf(h.questionId()))));

      Element body = pasted(paste).body();

      String label = format.getKey() + " paste:\n" + paste;
      assertThat(body.select("#tm-answers .tm-answer")).as(label).hasSize(expected.size());
      assertThat(body.select("#tm-answers li.tm-hit").eachAttr("data-question"))
          .as(label)
          .isNotEmpty()
          .containsExactlyElementsOf(questions);
      assertThat(body.attr("data-errors")).isEmpty();
    }
  }

  /** The first code block of the bundled corpus that {@code format} accepts and match answers. */
  private static String firstCorpusBlock(Predicate<String> format) throws Exception {
    for (String body : BundledCorpus.bodies()) {
      for (Block b : HtmlBlocks.parse(body)) {
        if (b.kind() == BlockKind.CODE
            && format.test(b.text())
            && TraceQuery.answer(index, b.text(), 5).stream().anyMatch(a -> !a.hits().isEmpty())) {
          return b.text();
        }
      }
    }
    throw new IllegalStateException("The bundled corpus has no such code block with an answer");
  }

  /**
   * Asserts that the page answers every case as {@link TraceQuery#answer} does; returns the number
   * of tracebacks answered with questions.
   */
  private int assertAnswersAsMatch(List<String> cases) throws Exception {
    JsonNode fromPage = harness("answers", cases);

    int withHits = 0;
    for (int c = 0; c < cases.size(); c++) {
      List<TraceAnswer> expected = TraceQuery.answer(index, cases.get(c), K);
      JsonNode actual = fromPage.get(c);
      String label = "case " + c + ":\n" + cases.get(c);
      assertThat(actual.size()).as(label).isEqualTo(expected.size());
      for (int t = 0; t < expected.size(); t++) {
        TraceAnswer e = expected.get(t);
        JsonNode a = actual.get(t);
        assertThat(a.get("frames").asInt()).as(label).isEqualTo(e.frames());
        assertThat(a.get("knownFrames").asInt()).as(label).isEqualTo(e.knownFrames());
        assertThat(a.get("matchedPatterns").asInt()).as(label).isEqualTo(e.matchedPatterns());
        assertThat(text(a, "template")).as(label).isEqualTo(e.template());
        assertThat(text(a, "note")).as(label).isEqualTo(e.note());
        assertThat(a.get("hits").size()).as(label).isEqualTo(e.hits().size());
        for (int h = 0; h < e.hits().size(); h++) {
          Hit eh = e.hits().get(h);
          JsonNode ah = a.get("hits").get(h);
          assertThat(ah.get("questionId").asLong())
              .as(label + " hit " + h)
              .isEqualTo(eh.questionId());
          assertThat(ah.get("score").asDouble())
              .as(label + " hit " + h)
              .isCloseTo(eh.score(), org.assertj.core.data.Offset.offset(1e-9));
          assertThat(ah.get("library").asText()).isEqualTo(eh.library());
          assertThat(ah.get("typeAgrees").asBoolean()).isEqualTo(eh.typeAgrees());
          assertThat(ah.get("templateAgrees").asBoolean()).isEqualTo(eh.templateAgrees());
          assertThat(ah.at("/shared/patternId").asText()).isEqualTo(eh.shared().patternId());
          assertThat(ah.at("/shared/traceSupport").asInt()).isEqualTo(eh.shared().traceSupport());
        }
        withHits += e.hits().isEmpty() ? 0 : 1;
      }
    }
    return withHits;
  }

  @Test
  void framePathsAreNormalisedAsTheProfileDid() throws Exception {
    Map<String, String> fileOf = new LinkedHashMap<>();
    for (Row r : pythonTraces) {
      for (Row f : r.<Row>getList(4)) {
        if (!f.isNullAt(0)) {
          fileOf.putIfAbsent(f.getString(0), f.getString(1));
        }
      }
    }
    assertThat(fileOf).hasSizeGreaterThanOrEqualTo(50);

    JsonNode files = harness("files", new ArrayList<>(fileOf.keySet()));

    List<String> actual = new ArrayList<>();
    files.forEach(n -> actual.add(n.asText()));
    assertThat(actual).containsExactlyElementsOf(fileOf.values());
  }

  @Test
  void pastingATraceOfTheCorpusListsItsQuestions() throws Exception {
    String paste =
        cpython(
            pythonTraces.stream()
                .filter(r -> !TraceQuery.answer(index, cpython(r), 5).get(0).hits().isEmpty())
                .findFirst()
                .orElseThrow());
    List<Long> expected =
        TraceQuery.answer(index, paste, 5).get(0).hits().stream().map(Hit::questionId).toList();

    Element body = pasted(paste).body();

    assertThat(body.select("#tm-answers li.tm-hit").eachAttr("data-question"))
        .containsExactlyElementsOf(expected.stream().map(String::valueOf).toList());
    assertThat(body.select("#tm-answers .tm-why").first().text())
        .contains("shares the mined pattern")
        .contains("support:");
    assertThat(body.attr("data-errors")).isEmpty();
  }

  @Test
  void hostileTextIsShownAsTextAndNeverRuns() throws Exception {
    String hostile =
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
            + "<script>document.body.setAttribute('data-pwned','2')</script>";
    String paste =
        "Traceback (most recent call last):\n"
            + "  File \"/home/x/train.py\", line 3, in "
            + hostile
            + "\n"
            + "    main()\n"
            + "ValueError: "
            + hostile
            + "\n";

    List<TraceAnswer> expected = TraceQuery.answer(index, paste, 5);
    Document doc = pasted(paste);

    assertThat(expected).hasSize(1);
    assertThat(expected.get(0).message()).isEqualTo(hostile);
    assertThat(doc.body().hasAttr("data-pwned")).isFalse();
    assertThat(doc.select("#tm-answers img")).isEmpty();
    assertThat(doc.select("#tm-answers script")).isEmpty();
    assertThat(doc.select("#tm-answers .tm-head").text()).contains("ValueError: " + hostile);
    assertThat(doc.select("#tm-answers .tm-note").text()).isEqualTo(expected.get(0).note());
  }

  @Test
  void hostileHtmlIsParsedInertAndShownAsText() throws Exception {
    // a paste that looks like HTML is parsed by the browser (DOMParser: no scripts, no loads)
    String paste =
        "<p>It fails:</p><img src=x onerror=\"document.body.setAttribute('data-pwned','3')\">"
            + "<script>document.body.setAttribute('data-pwned','4')</script>"
            + "<pre><code>Traceback (most recent call last):\n"
            + "  File \"/home/x/train.py\", line 3, in &lt;module&gt;\n"
            + "    main()\n"
            + "ValueError: &lt;img src=x onerror=alert(1)&gt;\n</code></pre>";

    List<TraceAnswer> expected = TraceQuery.answer(index, paste, 5);
    Document doc = pasted(paste);

    assertThat(expected).hasSize(1);
    assertThat(expected.get(0).message()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(doc.body().hasAttr("data-pwned")).isFalse();
    assertThat(doc.select("#tm-answers img")).isEmpty();
    assertThat(doc.select("#tm-answers .tm-head").text())
        .contains("ValueError: <img src=x onerror=alert(1)>");
    assertThat(doc.select("#tm-answers li.tm-hit").eachAttr("data-question"))
        .containsExactlyElementsOf(
            expected.get(0).hits().stream().map(h -> String.valueOf(h.questionId())).toList());
  }

  @Test
  void garbageSaysNoTracebackFound() throws Exception {
    Document doc = pasted("just some words\n\tand 12 numbers ( [ \"File\"");

    assertThat(doc.select("#tm-answers .tm-none").text())
        .isEqualTo("No Python traceback found in the input (nothing to match).");
  }

  @Test
  void aTracebackOfUnknownFramesSaysNoKnownPattern() throws Exception {
    Document doc =
        pasted(
            "Traceback (most recent call last):\n"
                + "  File \"/srv/nowhere/zzz_unknown.py\", line 1, in zzz_nothing\n"
                + "    zzz()\n"
                + "KeyError: 'zzz'\n");

    assertThat(doc.select("#tm-answers .tm-note").text())
        .isEqualTo(
            "no known pattern: none of its 1 frames' runs is a mined pattern of this knowledge base"
                + " (0 of the frames occur in it)");
    assertThat(doc.select("#tm-answers li.tm-hit")).isEmpty();
  }

  @Test
  void thePageSaysWhatItHolds() throws Exception {
    Document doc = Jsoup.parse(page(""));

    assertThat(doc.select("#search .note").text())
        .contains("Holds all " + String.format("%,d", slice.patternsTotal()) + " mined patterns");
    assertThat(doc.select("script#tm-knowledge").attr("type")).isEqualTo("application/json");
  }

  /** A traceback row printed as CPython prints it. */
  private static String cpython(Row r) {
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (Row f : r.<Row>getList(4)) {
      String path = f.isNullAt(0) ? f.getString(1) : f.getString(0);
      b.append("  File \"")
          .append(path)
          .append("\", line ")
          .append(f.isNullAt(2) ? 1 : f.getInt(2))
          .append(", in ")
          .append(f.getString(3))
          .append("\n    pass\n");
    }
    if (!r.isNullAt(2)) {
      b.append(r.getString(2));
      if (!r.isNullAt(3)) {
        b.append(": ").append(r.getString(3));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The report page with the bundled run's slice; {@code extra} is added before body's end. */
  private static String page(String extra) {
    ReportData data =
        new ReportData(
            Map.of("source.type", "sample"),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of());
    String html = new HtmlReport(data, List.of(), "now", slice).render();
    return html.replace("</body>", extra + "</body>");
  }

  /**
   * Runs {@code TraceMineSearch.answer} ("answers"), {@code htmlBlocks} ("blocks") or {@code
   * fileOf} ("files") on every input in the page and returns the results.
   */
  private JsonNode harness(String what, List<String> inputs) throws Exception {
    String data = JSON.writeValueAsString(inputs).replace("<", "\\u003c");
    String script =
        "<script type=\"application/json\" id=\"tm-cases\">"
            + data
            + "</script>\n"
            + "<pre id=\"tm-results\"></pre>\n<script>\n"
            + "(function () {\n"
            + "  var inputs = JSON.parse(document.getElementById('tm-cases').textContent);\n"
            + "  var s = window.TraceMineSearch;\n"
            + "  var out = inputs.map(function (x) {\n"
            + switch (what) {
              case "answers" -> "    return s.answer(x, " + K + ");\n";
              case "blocks" -> "    return s.htmlBlocks(x);\n";
              default -> "    return s.fileOf(x);\n";
            }
            + "  });\n"
            + "  document.getElementById('tm-results').textContent = JSON.stringify(out);\n"
            + "})();\n</script>\n";
    Document doc = Jsoup.parse(dumpDom(page(script)));
    assertThat(doc.body().attr("data-errors")).isEmpty();
    String results = doc.getElementById("tm-results").wholeText();
    assertThat(results).as("the harness wrote its results").isNotEmpty();
    return JSON.readTree(results);
  }

  /** The page after {@code paste} was typed into the box and the button clicked. */
  private Document pasted(String paste) throws Exception {
    String data = JSON.writeValueAsString(paste).replace("<", "\\u003c");
    String script =
        "<script>\n(function () {\n"
            + "  document.getElementById('tm-paste').value = JSON.parse("
            + quoteJs(data)
            + ");\n"
            + "  document.getElementById('tm-search').click();\n"
            + "})();\n</script>\n";
    return Jsoup.parse(dumpDom(page(script)));
  }

  /** {@code json} as a JavaScript string literal (itself JSON-quoted, script-safe). */
  private static String quoteJs(String json) throws IOException {
    return JSON.writeValueAsString(json).replace("<", "\\u003c");
  }

  private String dumpDom(String html) throws Exception {
    Path file = temp.resolve("page-" + System.nanoTime() + ".html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory(temp, "chromium-profile");
    List<String> cmd =
        List.of(
            ReportBrowserTest.CHROMIUM.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=5000",
            "--dump-dom",
            file.toUri().toString());
    Path stdout = temp.resolve("chromium-" + System.nanoTime() + ".out");
    Path stderr = temp.resolve("chromium-" + System.nanoTime() + ".err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("Chromium did not finish within 120 s: " + String.join(" ", cmd));
    }
    assertThat(p.exitValue())
        .as("chromium exit code; stderr: " + Files.readString(stderr, StandardCharsets.UTF_8))
        .isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
