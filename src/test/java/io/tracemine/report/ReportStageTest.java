package io.tracemine.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tracemine.MalformedInputException;
import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The report stage on a real pipeline output ({@link ReportFixture}), checked against oracles. */
@ExtendWith(SharedSpark.class)
class ReportStageTest {
  private static final int TOP = 5;

  private static SparkSession spark() {
    return SharedSpark.session();
  }

  private static ReportConfig config(Path out) {
    Map<String, String> settings = new TreeMap<>(ReportFixture.runSettings(out));
    settings.put("source.bigquery.credentials-file", "/keys/very-secret-sa.json");
    settings.put(ReportConfig.TOP_PATTERNS, Integer.toString(TOP));
    return ReportConfig.from(TestSettings.withOverrides(null, settings));
  }

  @Test
  void topPatternsAreTheMostSupportedOfEachLibraryByTheRunsMeasure() {
    Path out = ReportFixture.output();
    ReportData data = new ReportStage(spark(), config(out)).read(out.toString());

    Map<String, List<Row>> byLibrary = new TreeMap<>();
    for (Row r :
        spark()
            .read()
            .parquet(out.resolve("patterns").toString())
            .withColumn("pattern_id", lower(hex(col("pattern_id"))))
            .collectAsList()) {
      byLibrary.computeIfAbsent(r.getAs("library"), l -> new ArrayList<>()).add(r);
    }
    List<String> expected = new ArrayList<>();
    byLibrary.forEach(
        (lib, rows) ->
            rows.stream()
                .sorted(
                    Comparator.comparingLong(ReportStageTest::support)
                        .reversed()
                        .thenComparing(r -> r.<String>getAs("pattern_id")))
                .limit(TOP)
                .forEach(r -> expected.add(lib + "/" + r.getAs("pattern_id") + "/" + support(r))));
    List<String> actual =
        data.topPatterns().stream()
            .map(p -> p.library() + "/" + p.patternId() + "/" + p.support())
            .toList();

    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(actual).isEqualTo(expected);
    TopPattern first = data.topPatterns().get(0);
    assertThat(first.rank()).isEqualTo(1);
    assertThat(first.supportMeasure()).isEqualTo("traces");
    assertThat(first.frames()).isNotEmpty().allSatisfy(f -> assertThat(f).contains(":"));
    assertThat(first.exampleQuestionIds()).isNotEmpty();
  }

  private static long support(Row r) {
    return switch (r.<String>getAs("support_measure")) {
      case "questions" -> r.<Long>getAs("question_support");
      case "occurrences" -> r.<Long>getAs("occurrence_support");
      default -> r.<Long>getAs("trace_support");
    };
  }

  @Test
  void templatesAreCountedPerLibraryAndTheHostileMessageIsAmongThem() {
    Path out = ReportFixture.output();
    ReportData data = new ReportStage(spark(), config(out)).read(out.toString());

    Map<String, Map<String, long[]>> oracle = new TreeMap<>();
    for (Row r : spark().read().parquet(out.resolve("traces").toString()).collectAsList()) {
      String template = r.getAs("template");
      if (template == null || template.isEmpty() || !"python".equals(r.getAs("language"))) {
        continue;
      }
      oracle.computeIfAbsent(r.getAs("library"), l -> new HashMap<>())
          .computeIfAbsent(template, t -> new long[1])[0]++;
    }
    for (TemplateCount t : data.templates()) {
      assertThat(t.instances())
          .as(t.library() + " " + t.template())
          .isEqualTo(oracle.get(t.library()).get(t.template())[0]);
    }
    Map<String, List<TemplateCount>> shown =
        data.templates().stream().collect(Collectors.groupingBy(TemplateCount::library));
    oracle.forEach(
        (lib, counts) -> {
          long maxCount = counts.values().stream().mapToLong(c -> c[0]).max().orElseThrow();
          assertThat(shown.get(lib)).hasSize(Math.min(TOP, counts.size()));
          assertThat(shown.get(lib).get(0).instances()).isEqualTo(maxCount);
        });
    assertThat(shown.get("huggingface"))
        .anySatisfy(
            t -> {
              assertThat(t.template()).contains("<img src=x onerror=");
              assertThat(t.instances()).isEqualTo(3);
            });
  }

  @Test
  void viewDistributionsArePercentilesOfQuestionsWithCode() {
    Path out = ReportFixture.output();
    ReportData data = new ReportStage(spark(), config(out)).read(out.toString());
    Map<String, List<Double>> views = new HashMap<>();
    for (Row r : spark().read().parquet(out.resolve("questions").toString()).collectAsList()) {
      if (r.<Boolean>getAs("has_code") && r.getAs("views") != null) {
        String group =
            r.<Boolean>getAs("has_trace") ? Distribution.WITH_TRACE : Distribution.WITHOUT_TRACE;
        views
            .computeIfAbsent(r.getAs("library") + "|" + group, k -> new ArrayList<>())
            .add(((Long) r.getAs("views")).doubleValue());
      }
    }
    List<Distribution> shown =
        data.distributions().stream().filter(d -> d.variable().equals("views")).toList();
    assertThat(shown).hasSize(views.size());
    for (Distribution d : shown) {
      List<Double> v = views.get(d.library() + "|" + d.group()).stream().sorted().toList();
      assertThat(d.n()).isEqualTo(v.size());
      assertThat(d.median()).isCloseTo(percentile(v, 0.5), within(1e-9));
      assertThat(d.q1()).isCloseTo(percentile(v, 0.25), within(1e-9));
      assertThat(d.p95()).isCloseTo(percentile(v, 0.95), within(1e-9));
    }
  }

  @Test
  void firstAnswerDistributionsHaveTable4sGroups() {
    Path out = ReportFixture.output();
    ReportData data = new ReportStage(spark(), config(out)).read(out.toString());
    DataTable table4 = data.table("table4_answers");
    List<Distribution> shown =
        data.distributions().stream()
            .filter(d -> d.variable().equals("hours_to_first_answer"))
            .toList();
    assertThat(shown).isNotEmpty();
    for (Distribution d : shown) {
      List<Object> row =
          table4.rows().stream()
              .filter(r -> d.library().equals(table4.value(r, "library")))
              .findFirst()
              .orElseThrow();
      String n =
          d.group().equals(Distribution.WITH_TRACE)
              ? "first_answer_hours_n_trace"
              : "first_answer_hours_n_no_trace";
      assertThat(d.n()).as(d.library() + " " + d.group()).isEqualTo((Long) table4.value(row, n));
    }
  }

  /** Linear interpolation between closest ranks (NumPy's default, Spark's exact percentile). */
  private static double percentile(List<Double> sorted, double p) {
    double pos = p * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  @Test
  void runWritesTheReportAtomicallyReplacingThePreviousOne() throws Exception {
    Path out = ReportFixture.output();
    ReportStage stage = new ReportStage(spark(), config(out));
    Map<String, Long> counts = ReportFixture.renderAndCommit(stage, out);
    Path report = out.resolve(ReportStage.REPORT_DIR);
    Files.writeString(report.resolve("stale.txt"), "from an older run");

    Map<String, Long> again = ReportFixture.renderAndCommit(stage, out);

    assertThat(again).isEqualTo(counts);
    assertThat(counts).containsEntry("charts", 6L).containsEntry("tables", 14L);
    assertThat(report.resolve("stale.txt")).doesNotExist();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("._staging-report") || n.startsWith("._old-report"));
    }
    String html = Files.readString(report.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8);
    Document doc = Jsoup.parse(html);
    assertThat(html).doesNotContain("very-secret-sa.json").doesNotContain("credentials");
    // report.js, the search box's knowledge slice (JSON data, hostile titles escaped), search.js
    assertThat(doc.select("script")).hasSize(3);
    assertThat(counts.get("search_patterns")).isPositive();
    assertThat(doc.select("script#tm-knowledge").first().data())
        .doesNotContain("<", ">")
        .contains("\\u003Cscript\\u003E");
    assertThat(doc.getAllElements())
        .allSatisfy(
            e -> e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on")));
    assertThat(doc.select("code.msg").eachText())
        .anySatisfy(
            t ->
                assertThat(t).contains("<img src=x onerror=").contains("<script>throw new Error("));
    for (Element img : doc.select("img")) {
      assertThat(report.resolve(img.attr("src"))).isRegularFile();
    }
    assertThat(doc.select("img")).hasSize(6);
    assertThat(doc.select("section#patterns table.patterns")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(doc.select("section#run table.kv").first().text())
        .contains("source.type")
        .contains("xml");
  }

  /**
   * The page folder becomes visible with the stage's manifest, not before: a run stopped after
   * rendering (killed before its commit) leaves the previous page as it was.
   */
  @Test
  void theNewPageIsVisibleOnlyOnceTheStageCommits(@TempDir Path copy) throws Exception {
    Path out = copyOf(ReportFixture.output(), copy.resolve("out"));
    ReportStage stage = new ReportStage(spark(), config(out));
    ReportFixture.renderAndCommit(stage, out);
    Path report = out.resolve(ReportStage.REPORT_DIR);
    Files.writeString(report.resolve("previous.txt"), "the page before");
    StageCommit commit = new StageCommit(spark(), out.toString(), "report", "second", Map.of());

    stage.run(out.toString(), commit);

    assertThat(report.resolve("previous.txt")).hasContent("the page before");
    assertThat(StageCommit.read(spark(), out.toString(), "report").orElseThrow().runId())
        .isEqualTo("test-run");
    commit.writeCounts(Map.of());
    StageManifest manifest = commit.commit();
    assertThat(report.resolve("previous.txt")).doesNotExist();
    assertThat(manifest.outputFile("report/" + ReportRenderer.INDEX).orElseThrow().bytes())
        .isEqualTo(Files.size(report.resolve(ReportRenderer.INDEX)));
    assertThat(manifest.outputFile("report/fig4_support.svg")).isPresent();
  }

  @Test
  void aRerunWritesTheSameReportByteForByte(@TempDir Path copy) throws Exception {
    Path out = copyOf(ReportFixture.output(), copy.resolve("out"));
    ReportStage stage = new ReportStage(spark(), config(out));
    ReportFixture.renderAndCommit(stage, out);
    Map<String, String> first = reportFiles(out);

    ReportFixture.renderAndCommit(stage, out);

    assertThat(first).containsKeys("index.html", "fig4_support.svg");
    assertThat(reportFiles(out)).isEqualTo(first);
  }

  /** Each file of the report directory by name, as text, the generation time left out. */
  private static Map<String, String> reportFiles(Path out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.list(out.resolve(ReportStage.REPORT_DIR))) {
      for (Path f : all.toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        files.put(
            f.getFileName().toString(),
            text.replaceFirst(
                "Generated by TraceMine at [0-9T:.-]+Z", "Generated by TraceMine at"));
      }
    }
    return files;
  }

  private static Path copyOf(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }

  @Test
  void missingInputTableNamesTheTableAndTheStageToRerun(@TempDir Path empty) {
    ReportStage stage = new ReportStage(spark(), ReportConfig.defaults());
    assertThatThrownBy(() -> ReportFixture.renderAndCommit(stage, empty))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read table 'table1_population' at "
                + empty.resolve("table1_population")
                + ": run the 'stats' stage first");
    assertThat(empty.resolve(ReportStage.REPORT_DIR)).doesNotExist();
  }

  @Test
  void aStatsTableChangedSinceItsCommitIsRefusedNamingIt() {
    DataTable table =
        new DataTable(
            "table1_population",
            List.of("library", "questions"),
            List.of(List.of("keras", 3L), List.of("all", 3L)));
    assertThat(ReportStage.requireCommittedRows(table, Map.of("table1_population", 2L)))
        .isSameAs(table);
    // not named by the manifest (an older run), or a CSV copy's -1: not checked
    assertThat(ReportStage.requireCommittedRows(table, Map.of())).isSameAs(table);
    assertThat(ReportStage.requireCommittedRows(table, Map.of("table1_population", -1L)))
        .isSameAs(table);
    assertThatThrownBy(
            () -> ReportStage.requireCommittedRows(table, Map.of("table1_population", 8L)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'table1_population': it has 2 rows but the 'stats' stage committed"
                + " 8 (changed since); rerun 'stats'");
  }
}
