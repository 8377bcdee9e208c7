package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure renderer: escaping, images, links, layout; no Spark. */
class HtmlReportTest {
  @TempDir Path dir;

  private Document render(ReportData data) throws Exception {
    Map<String, Long> counts = ReportRenderer.render(data, dir);
    assertThat(counts).containsEntry("charts", 6L);
    return Jsoup.parse(Files.readString(dir.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8));
  }

  @Test
  void hostileTextIsShownAsTextAndNeverBecomesMarkup() throws Exception {
    Document doc = render(ReportSamples.hostile());

    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("script").first().data()).isEqualTo(HtmlReport.SCRIPT);
    assertThat(doc.select("img"))
        .hasSize(6)
        .allSatisfy(img -> assertThat(img.attr("src")).matches("[a-z0-9_]+\\.svg"));
    assertThat(doc.select("b")).isEmpty();
    assertThat(doc.getAllElements())
        .allSatisfy(
            e -> e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on")));
    assertThat(doc.select("code.msg").first().text()).isEqualTo("Error: " + ReportSamples.EVIL);
    assertThat(doc.select("ol.frames li").eachText())
        .containsExactly("training:fit", ReportSamples.EVIL + ":" + ReportSamples.EVIL);
    assertThat(doc.select("table.stats td").eachText())
        .contains(ReportSamples.EVIL_LIB, ReportSamples.EVIL);
    assertThat(doc.select("table.kv code").eachText()).contains("/data/" + ReportSamples.EVIL);
    assertThat(doc.select("table.stats th").eachText()).contains(ReportSamples.EVIL);
  }

  @Test
  void onlyStackOverflowQuestionUrlsBecomeLinksAndNothingIsLoadedFromTheNetwork() throws Exception {
    Document doc = render(ReportSamples.hostile());
    assertThat(doc.select("a[href]").eachAttr("href"))
        .allSatisfy(
            h ->
                assertThat(h)
                    .matches(
                        "#[a-z0-9]+|\\.\\./[a-z0-9_]+\\.csv|[a-z0-9_]+\\.svg|https://stackoverflow\\.com/q/[0-9]+"))
        .contains(
            "https://stackoverflow.com/q/42",
            "https://stackoverflow.com/q/11",
            "https://stackoverflow.com/q/12");
    assertThat(doc.select("[src]").eachAttr("src"))
        .allSatisfy(s -> assertThat(s).doesNotContain(":").doesNotStartWith("/"));
    assertThat(doc.select("link, iframe, object, embed")).isEmpty();
    assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
    assertThat(doc.text()).contains("javascript:alert(1)");
  }

  @Test
  void secretSettingsAreNeverShown() throws Exception {
    Document doc = render(ReportSamples.hostile());
    assertThat(doc.select("table.kv code").eachText()).contains("source.type", "source.path");
    String html = Files.readString(dir.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("sa.json").doesNotContain("credentials");
  }

  @Test
  void everyChartIsAnSvgOfItsStatedSizeWithRealTextThatAClickOpensFullSize() throws Exception {
    Document doc = render(ReportSamples.hostile());
    for (Element img : doc.select("img")) {
      Path file = dir.resolve(img.attr("src"));
      Document svg =
          Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8), "", Parser.xmlParser());
      Element root = svg.selectFirst("svg");
      assertThat(root).as(file.toString()).isNotNull();
      assertThat(root.attr("width")).startsWith(img.attr("width"));
      assertThat(root.attr("height")).startsWith(img.attr("height"));
      assertThat(svg.select("text").eachText()).as(file + ": text is vector text").isNotEmpty();
      assertThat(img.parent().is("a.zoom")).isTrue();
      assertThat(img.parent().attr("href")).isEqualTo(img.attr("src"));
    }
    assertThat(Files.readString(dir.resolve("fig7_pairs.svg"))).contains("patterns shared");
  }

  @Test
  void columnHeadersAreReadableLabelsWithTheColumnNameAsTitle() throws Exception {
    Document doc = render(ReportSamples.hostile());
    Element t1 = doc.selectFirst("#t-table1_population table");
    assertThat(t1.select("thead th").eachText())
        .containsExactly(
            "Library", "Questions", "With code", "With code (%)", "With trace", "With trace (%)");
    assertThat(t1.select("thead th").eachAttr("title")).contains("with_code_pct");
    Element t3 = doc.selectFirst("#t-table3_popularity table");
    assertThat(t3.select("thead tr").last().select("th").eachText())
        .containsExactly(
            "n (trace)",
            "n (no trace)",
            "Median (trace)",
            "Median (no trace)",
            "U",
            "z",
            "p",
            "Mark");
    assertThat(Labels.column("os_other_pct")).isEqualTo("Os other (%)");
    assertThat(Labels.column("n_no_trace")).isEqualTo("N no trace");
  }

  @Test
  void theHeaderNamesPatternsLeftOutOfTheTablesWhenTheMineStageFoundMore() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, Map<String, Long>> counts = new java.util.LinkedHashMap<>(sample.counts());
    counts.put("mine", Map.of("patterns", 7L));
    Document doc = render(withCounts(sample, counts));

    assertThat(doc.select(".card .lbl").eachText()).contains("patterns in Python traces");
    assertThat(doc.select("header p.libs").text())
        .contains("The mine stage found 7 patterns in all traces")
        .contains("count the 2 that occur only in Python traces");

    counts.put("mine", Map.of("patterns", 2L));
    Document same = render(withCounts(sample, counts));
    assertThat(same.select(".card .lbl").eachText()).contains("patterns");
    assertThat(same.select("header").text()).doesNotContain("The mine stage found");
  }

  private static ReportData withCounts(ReportData sample, Map<String, Map<String, Long>> counts) {
    return new ReportData(
        sample.settings(),
        counts,
        sample.rejects(),
        sample.tables(),
        sample.topPatterns(),
        sample.templates(),
        sample.distributions());
  }

  @Test
  void syntheticInputShowsQuestionIdsWithoutLinksAndSaysWhy(@TempDir Path generated)
      throws Exception {
    ReportData sample = ReportSamples.hostile();
    Files.writeString(generated.resolve("planted.jsonl.gz"), "");
    Map<String, String> settings = new java.util.LinkedHashMap<>(sample.settings());
    settings.put("source.path", generated.toString());
    Document doc =
        render(
            new ReportData(
                settings,
                sample.counts(),
                sample.rejects(),
                sample.tables(),
                sample.topPatterns(),
                sample.templates(),
                sample.distributions()));

    assertThat(doc.select("a[href^=https]")).isEmpty();
    assertThat(doc.select("section#patterns span.qid").eachText()).containsExactly("11", "12");
    assertThat(doc.select("section#patterns .caveat").text())
        .contains("synthetic")
        .contains("without links");
    assertThat(doc.select("#t-rq3_round1 td").eachText())
        .anySatisfy(t -> assertThat(t).startsWith("42 "));

    settings.put("source.type", "sample");
    settings.remove("source.path");
    assertThat(InputKind.synthetic(settings)).isTrue();
    assertThat(InputKind.synthetic(Map.of("source.type", "xml", "source.path", dir.toString())))
        .isFalse();
    assertThat(
            InputKind.synthetic(Map.of("source.type", "xml", "source.path", "gs://bucket/posts")))
        .isFalse();
  }

  @Test
  void fullCoverageOfEveryLibraryIsExplainedAsAnArtefact() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(sample.tables());
    tables.put(
        "table6_coverage",
        new DataTable(
            "table6_coverage",
            java.util.List.of(
                "library", "questions_covered_pct", "instances_covered_pct", "patterns"),
            java.util.List.of(
                ReportSamples.row("tensorflow", 100.0, 80.0, 2L),
                ReportSamples.row("keras", 100.0, 70.0, 1L),
                ReportSamples.row("all", 100.0, 75.0, 3L))));
    Document doc =
        render(
            new ReportData(
                sample.settings(),
                sample.counts(),
                sample.rejects(),
                tables,
                sample.topPatterns(),
                sample.templates(),
                sample.distributions()));
    assertThat(doc.select("section#rq2 .caveat").text())
        .contains("artefact")
        .contains("<ipython-input>:<module>");
    assertThat(doc.select("section#findings li").eachText())
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith("100.0% of the questions with an instance")
                    .contains("note on full coverage"));

    Document partial = render(ReportSamples.hostile());
    assertThat(partial.select("section#rq2 .caveat")).isEmpty();
  }

  @Test
  void findingsSayWhatTheRunFound() throws Exception {
    Document doc = render(ReportSamples.hostile());
    assertThat(doc.select("section#findings li").eachText())
        .containsExactly(
            "33.3% of all questions have a stack trace; per library from 30.0% (tensorflow) to"
                + " 50.0% ("
                + ReportSamples.EVIL_LIB
                + ").",
            "5 stack-trace instances in 4 questions with a trace (1.25 per question).",
            "Most common exception types (instances, over each library's most frequent messages): "
                + ReportSamples.EVIL
                + " (3). Most frequent message: \"Error: "
                + ReportSamples.EVIL
                + "\" (tensorflow, 3 instances).",
            "Top patterns by support: training:fit > "
                + ReportSamples.EVIL
                + ":"
                + ReportSamples.EVIL
                + " (tensorflow, support 4).");
    assertThat(doc.select("section#findings h3")).isEmpty();
    ReportData sample = ReportSamples.hostile();
    ReportData withJvm =
        new ReportData(
            sample.settings(),
            sample.counts(),
            sample.rejects(),
            sample.tables(),
            sample.topPatterns(),
            sample.templates(),
            sample.distributions(),
            List.of(new JvmSummary("spark-ml", 6, 10, 204, 10)),
            List.of());
    assertThat(new Findings(withJvm).sentences())
        .last()
        .isEqualTo(
            "10 JVM stack traces of PySpark errors (questions with JVM frames: spark-ml 6); see the"
                + " JVM section.");
    assertThat(doc.selectFirst("header").text()).contains("instance × library");
  }

  @Test
  void theMatchEvaluationIsATableWithItsCommandWhenPresent() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(sample.tables());
    tables.put(
        "match_evaluation",
        new DataTable(
            "match_evaluation",
            java.util.List.of("ranker", "duplicates", "recall_at_5"),
            java.util.List.of(
                ReportSamples.row("tracemine", 77L, 0.42),
                ReportSamples.row("tf-idf", 77L, 0.36))));
    Document doc =
        render(
            new ReportData(
                sample.settings(),
                sample.counts(),
                sample.rejects(),
                tables,
                sample.topPatterns(),
                sample.templates(),
                sample.distributions()));
    Element table = doc.selectFirst("#t-match_evaluation table");
    // a data-section table: collapsed, its caption in the summary
    assertThat(doc.selectFirst("#t-match_evaluation").parent().selectFirst("summary").text())
        .contains("./submit.sh evaluate");
    assertThat(table.selectFirst("caption").text()).contains("match_evaluation.csv");
    assertThat(table.select("tbody tr").eachText()).hasSize(2);
    assertThat(render(sample).select("#t-match_evaluation")).isEmpty();
  }

  @Test
  void thePaperProfileComparesWithTheStudyTableByTable() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, String> settings = new java.util.LinkedHashMap<>(sample.settings());
    settings.put("extract.profile", "paper");
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(sample.tables());
    tables.put(
        "table1_population",
        new DataTable(
            "table1_population",
            java.util.List.of("library", "with_code_pct", "with_trace_pct"),
            java.util.List.of(
                ReportSamples.row("tensorflow", 81.0, 20.0),
                ReportSamples.row("keras", 85.8, 12.5))));
    tables.put(
        "table7_shared",
        new DataTable(
            "table7_shared",
            java.util.List.of("libraries", "patterns"),
            java.util.List.of(ReportSamples.row(2L, 2236L), ReportSamples.row(3L, 145L))));
    Document doc =
        render(
            new ReportData(
                settings,
                sample.counts(),
                sample.rejects(),
                tables,
                sample.topPatterns(),
                sample.templates(),
                sample.distributions()));

    Element compare = doc.selectFirst("section#findings table.compare");
    List<String> tensorflowTrace =
        compare.select("tr").stream()
            .map(Element::text)
            .filter(t -> t.startsWith("table1_population With trace (%) tensorflow"))
            .toList();
    assertThat(tensorflowTrace)
        .containsExactly("table1_population With trace (%) tensorflow 13.60 20.00 2 differs");
    assertThat(compare.select("tr").eachText())
        .contains(
            "table1_population With code (%) keras 85.80 85.80 2 agrees",
            "table1_population With code (%) tensorflow 81.60 81.00 2 agrees",
            "table7_shared Patterns 4 47 — 0 not in this run");
    assertThat(doc.select("section#findings li").eachText())
        .contains(
            "Table 1: differs (3 of 4 figures agree; 10 not in this run). "
                + ReportResources.STUDY.get("why.table1_population"),
            "Table 7: agrees (2 of 2 figures agree; 3 not in this run).");

    assertThat(render(sample).select("section#findings table.compare")).isEmpty();
  }

  @Test
  void anEmptyRunStillRendersEveryChartAndSaysThereIsNoData() throws Exception {
    Document doc = render(ReportSamples.empty());
    assertThat(doc.select("img")).hasSize(6);
    for (Element img : doc.select("img")) {
      assertThat(dir.resolve(img.attr("src"))).isRegularFile();
    }
    assertThat(doc.select("section#patterns").text())
        .contains("No patterns reached the minimum support");
    assertThat(doc.select(".card .num").eachText())
        .containsExactly("\u2014", "\u2014", "\u2014", "\u2014", "0");
  }

  @Test
  void tablesAreRoundedForDisplayWithLibrariesSortedAndTheFirstScreenSaysWhatThisIs()
      throws Exception {
    Document doc = render(ReportSamples.hostile());
    Element t1 = doc.selectFirst("#t-table1_population table");
    assertThat(t1.select("tbody tr td:eq(0)").eachText())
        .containsExactly(ReportSamples.EVIL_LIB, "tensorflow", "all");
    assertThat(t1.select("tr.all td").eachText())
        .containsExactly("all", "12", "9", "75.0", "4", "33.3");
    Element t3 = doc.selectFirst("#t-table3_popularity table");
    assertThat(t3.select("thead th.group").eachText()).containsExactly("Views");
    assertThat(t3.select("tbody tr").first().select("td").eachText())
        .containsExactly("tensorflow", "3", "5", "120.5", "80", "11", "2.346", "<0.001", "***");
    assertThat(doc.select("section#run td.n").eachText()).contains("1,234,567");
    assertThat(doc.selectFirst("header h1").text())
        .contains("stack traces")
        .contains("Stack Overflow");
    assertThat(doc.select(".card .lbl").eachText())
        .containsExactly(
            "questions", "with a stack trace", "trace instances", "patterns", "libraries");
    assertThat(doc.select(".card .num").eachText()).containsExactly("12", "4", "5", "2", "2");
    assertThat(doc.body().attr("data-images-ok")).isEqualTo("pending");
  }

  @Test
  void thePaperProfileTruncatesDisplayedDecimalsAndTheTablesKeepFullPrecision() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, String> settings = new java.util.LinkedHashMap<>(sample.settings());
    settings.put("extract.profile", "paper");
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(sample.tables());
    tables.put(
        "table4_answers",
        new DataTable(
            "table4_answers",
            java.util.List.of(
                "library",
                "first_answer_hours_median_trace",
                "accepted_answer_hours_median_trace",
                "accepted_z"),
            java.util.List.of(java.util.Arrays.asList("tensorflow", 2.3983, 3.9633, -2.3983))));
    ReportData paper =
        new ReportData(
            settings,
            sample.counts(),
            sample.rejects(),
            tables,
            sample.topPatterns(),
            sample.templates(),
            sample.distributions());
    Document doc = render(paper);
    assertThat(doc.select("#t-table4_answers tbody td").eachText())
        .containsExactly("tensorflow", "2.39", "3.96", "-2.39");
    assertThat(doc.select("#t-table1_population tr.all td").eachText())
        .containsExactly("all", "12", "9", "75.00", "4", "33.33");
    assertThat(doc.selectFirst("footer").text())
        .contains("truncated toward zero")
        .contains("keep full precision");
    // the data handed to the renderer is untouched
    assertThat(paper.table("table4_answers").rows().get(0))
        .containsExactly("tensorflow", 2.3983, 3.9633, -2.3983);

    Document rounded =
        render(
            new ReportData(
                sample.settings(),
                sample.counts(),
                sample.rejects(),
                tables,
                sample.topPatterns(),
                sample.templates(),
                sample.distributions()));
    assertThat(rounded.select("#t-table4_answers tbody td").eachText())
        .containsExactly("tensorflow", "2.4", "3.96", "-2.398");
    assertThat(rounded.selectFirst("footer").text()).contains("rounded for display");
  }

  @Property
  void escapedTextRoundTripsAndCarriesNoMarkupCharacters(@ForAll String text) {
    String escaped = Html.escape(text);
    assertThat(escaped).doesNotContain("<", ">", "\"", "'");
    String expected =
        text.chars()
            .mapToObj(
                c ->
                    c < 0x20 && c != '\n' && c != '\t' && c != '\r'
                        ? "\uFFFD"
                        : Character.toString(c))
            .reduce("", String::concat);
    assertThat(Parser.unescapeEntities(escaped, true)).isEqualTo(expected);
  }

  @Test
  void periodTablesAddTheTrendsChartAndSection() throws Exception {
    ReportData d = ReportSamples.hostile();
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(d.tables());
    tables.put(
        "period_questions",
        periodQuestions(
            List.of(
                List.of("2019", "keras", 10L, 4L, 40.0, 5L),
                List.of("2020", "keras", 12L, 6L, 50.0, 9L),
                List.of("2020", "all", 12L, 6L, 50.0, 9L))));
    tables.put(
        "rising",
        new DataTable(
            "rising",
            List.of(
                "kind",
                "library",
                "period",
                "previous_period",
                "rank",
                "key",
                "label",
                "support",
                "previous_support",
                "growth",
                "growth_pct"),
            List.<List<Object>>of(
                java.util.Arrays.asList(
                    "template",
                    "keras",
                    "2020",
                    "2019",
                    1,
                    ReportSamples.EVIL,
                    ReportSamples.EVIL,
                    3L,
                    1L,
                    2L,
                    200.0))));
    ReportData withPeriods = withTables(d, tables);

    Map<String, Long> counts = ReportRenderer.render(withPeriods, dir);
    Document doc =
        Jsoup.parse(Files.readString(dir.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8));

    assertThat(counts).containsEntry("charts", 7L);
    assertThat(dir.resolve("trends.svg")).isRegularFile();
    assertThat(Files.readString(dir.resolve("trends.svg"))).contains("2019").contains("2020");
    assertThat(doc.select("section#trends figure img").eachAttr("src"))
        .containsExactly("trends.svg");
    assertThat(doc.select("section#trends table.stats")).hasSize(2);
    assertThat(doc.select("section#trends td").eachText()).contains(ReportSamples.EVIL);
    assertThat(doc.select("b")).isEmpty();
    assertThat(doc.select("section#other"))
        .as("period tables are not 'other'")
        .allSatisfy(s -> assertThat(s.text()).doesNotContain("period_questions"));
  }

  /**
   * With one period (a dated run reads its own window only) the trends chart draws a bar per
   * library side by side: one line marker per library at one x would sit on one another.
   */
  @Test
  void onePeriodTrendsDrawOneBarPerLibrarySideBySide() throws Exception {
    ReportData d = ReportSamples.hostile();
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(d.tables());
    List<String> libraries = new HtmlReport(d, List.of()).libraries();
    assertThat(libraries).hasSizeGreaterThan(1);
    List<List<Object>> rows = new java.util.ArrayList<>();
    for (String library : libraries) {
      rows.add(List.of("2021", library, 10L, 4L, 40.0, 5L));
    }
    tables.put("period_questions", periodQuestions(rows));
    ReportData onePeriod = withTables(d, tables);
    ReportRenderer.render(onePeriod, dir);
    Document svg =
        Jsoup.parse(
            Files.readString(dir.resolve("trends.svg")), "", org.jsoup.parser.Parser.xmlParser());
    Charts charts = new Charts(new HtmlReport(onePeriod, List.of()).libraries());
    List<double[]> spans = new java.util.ArrayList<>();
    for (String library : libraries) {
      java.awt.Color c = charts.colour(library);
      String fill = "fill:rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
      List<org.jsoup.nodes.Element> bars =
          svg.select("rect").stream()
              .filter(r -> r.attr("style").replace(" ", "").contains(fill))
              .filter(r -> Double.parseDouble(r.attr("height")) > 20)
              .toList();
      assertThat(bars).as(library + " " + fill).hasSize(1);
      double x = Double.parseDouble(bars.get(0).attr("x"));
      spans.add(new double[] {x, x + Double.parseDouble(bars.get(0).attr("width"))});
    }
    spans.sort(java.util.Comparator.comparingDouble(a -> a[0]));
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0]).isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
    }
  }

  /** A {@code period_questions} table of {@code rows}. */
  private static DataTable periodQuestions(List<List<Object>> rows) {
    return new DataTable(
        "period_questions",
        List.of(
            "period",
            "library",
            "questions",
            "questions_with_trace",
            "with_trace_pct",
            "instances"),
        rows);
  }

  /** {@code d} with its tables replaced by {@code tables}. */
  private static ReportData withTables(ReportData d, Map<String, DataTable> tables) {
    return new ReportData(
        d.settings(),
        d.counts(),
        d.rejects(),
        tables,
        d.topPatterns(),
        d.templates(),
        d.distributions(),
        d.jvm(),
        d.jvmPatterns());
  }
}
