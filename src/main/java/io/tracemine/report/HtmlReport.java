package io.tracemine.report;

import static io.tracemine.report.Html.escape;

import io.tracemine.match.KnowledgeSlice;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@link ReportData} and its charts as one self-contained HTML page: CSS and script from
 * {@code src/main/resources/report/} inlined, charts as relative SVG files beside it, no network
 * resources (a Content-Security-Policy forbids them). Every text from data is escaped with {@link
 * Html#escape}; numbers are rounded by {@link Format}. On load, a small script records on {@code
 * <body>} whether every image loaded ({@code data-images-ok}, {@code data-broken}) and any script
 * error ({@code data-errors}). Given a {@link KnowledgeSlice}, the page opens with the "paste your
 * traceback" box ({@code search.js}).
 */
public final class HtmlReport {
  /** Rows shown per table; the rest is in the table's CSV copy (linked). */
  public static final int MAX_ROWS = 40;

  private static final Pattern MW =
      Pattern.compile("(.+)_(n_trace|n_no_trace|median_trace|median_no_trace|u|z|p|mark)");

  /** Captions of the known tables, in display order, by section. */
  static final Map<String, String> CAPTIONS = new LinkedHashMap<>();

  static final Map<String, String> SECTION_OF = new LinkedHashMap<>();

  static {
    table(
        "rq1",
        "table1_population",
        "Table 1: questions, questions with a code block and with a stack trace; OS of the traces"
            + " (% of trace questions)");
    table(
        "rq1",
        "table2_lengths",
        "Table 2: question length (words; trace vs other questions) and code length (lines; trace"
            + " questions vs code without trace); Mann-Whitney U");
    table(
        "rq1",
        "table3_popularity",
        "Table 3: score, comments, views and answers of questions with code: with vs without a"
            + " trace; Mann-Whitney U");
    table(
        "rq1",
        "table4_answers",
        "Table 4: hours to first and accepted answer (answered questions) and accepted-answer"
            + " ratio; Mann-Whitney U and two-proportion z-test");
    table("rq1", "table5_instances", "Table 5: stack-trace instances per question with a trace");
    table(
        "rq2",
        "table6_coverage",
        "Table 6: questions and instances covered by at least one pattern");
    table(
        "rq2",
        "table6_study_overall",
        "Table 6 \"Overall\": the study's convention (unweighted mean of the library rows) next to"
            + " TraceMine's pooled figures (row all)");
    table("rq2", "table7_shared", "Table 7: patterns shared by exactly k libraries");
    table("rq2", "fig7_library_pairs", "Data of Fig. 7: patterns shared per library pair");
    table("rq3", "rq3_round1", "RQ3 round 1: patterns shared by three or more libraries, to label");
    table(
        "rq3",
        "rq3_round2_allocation",
        "RQ3 round 2: sample size per library (proportional to total support)");
    table("rq3", "rq3_round2", "RQ3 round 2: support-weighted sample of patterns, to label");
    table("rq3", "label_agreement", "Inter-coder agreement (Krippendorff's alpha, nominal)");
    table("rq3", "table8_types", "Table 8: pattern types");
    table("rq3", "table9_types", "Table 9: questions, views and answers per pattern type");
    table(
        "rq3",
        "table9_study_overall",
        "Table 9 \"Overall\": the study's convention (median of the type rows, ignore excluded)"
            + " next to TraceMine's pooled figures over the distinct questions of these types");
    table("rq3", "label_problems", "Problems found in the label sheets");
    table(
        "trends",
        "period_questions",
        "Questions, questions with a stack trace and instances per period of question creation and"
            + " library (all = distinct questions)");
    table(
        "trends",
        "rising",
        "Rising: the patterns (support = traces) and message templates (support = instances) whose"
            + " support grew most against the previous period; growth = support - previous_support,"
            + " growth_pct null when new");
    table("trends", "period_exceptions", "Most frequent exception types per period and library");
    table("trends", "period_templates", "Most frequent message templates per period and library");
    table("data", "fig4_support_distribution", "Data of Fig. 4: support distribution");
    table("data", "fig5_length_distribution", "Data of Fig. 5: length distribution");
    table("data", "fig6_topk_coverage", "Data of Fig. 6: top-k coverage");
    table(
        "data",
        "match_evaluation",
        "Match evaluation on duplicate questions: recall@1, recall@5 and MRR of the original for"
            + " TraceMine and two baselines, the duplicates held out of the knowledge base"
            + " (./submit.sh evaluate, docs/MATCH.md)");
  }

  private static void table(String section, String name, String caption) {
    CAPTIONS.put(name, caption);
    SECTION_OF.put(name, section);
  }

  private final ReportData data;
  private final List<ChartImage> charts;
  private final String generatedAt;
  private final boolean synthetic;
  private final KnowledgeSlice.Slice search;

  public HtmlReport(ReportData data, List<ChartImage> charts) {
    this(data, charts, (KnowledgeSlice.Slice) null);
  }

  /**
   * @param search the knowledge slice of the "paste your traceback" box, null when none
   */
  public HtmlReport(ReportData data, List<ChartImage> charts, KnowledgeSlice.Slice search) {
    this(data, charts, ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), search);
  }

  HtmlReport(ReportData data, List<ChartImage> charts, String generatedAt) {
    this(data, charts, generatedAt, null);
  }

  HtmlReport(
      ReportData data, List<ChartImage> charts, String generatedAt, KnowledgeSlice.Slice search) {
    this.data = data;
    this.charts = List.copyOf(charts);
    this.generatedAt = generatedAt;
    this.synthetic = InputKind.synthetic(data.settings());
    this.search = search;
  }

  /** The tables this page renders, in order: the known ones first, then any other. */
  public List<String> renderedTables() {
    List<String> names = new ArrayList<>();
    for (String section : List.of("rq1", "rq2", "trends", "rq3", "data")) {
      for (var e : SECTION_OF.entrySet()) {
        if (e.getValue().equals(section) && data.tables().containsKey(e.getKey())) {
          names.add(e.getKey());
        }
      }
    }
    for (String name : data.tables().keySet()) {
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  public String render() {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src"
                + " 'self' file:; ")
        .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append(
            "<title>TraceMine report: Python stack traces in Stack Overflow ML questions</title>\n")
        .append("<style>")
        .append(CSS)
        .append("</style>\n")
        .append("<script>")
        .append(SCRIPT)
        .append("</script>\n")
        .append("</head>\n<body data-images-ok=\"pending\" data-broken=\"\" data-errors=\"\">\n");
    header(h);
    h.append("<main>\n");
    search(h);
    findings(h);
    runSection(h);
    section(
        h,
        "rq1",
        "RQ1: do questions with stack traces differ?",
        "Questions with a stack trace vs the other questions of each library. Marks: o p&ge;.05, *"
            + " p&lt;.05, ** p&lt;.01, *** p&lt;.001, n/a = a group is empty.",
        List.of("rq1_views", "rq1_first_answer"));
    section(
        h,
        "rq2",
        "RQ2: recurring stack-trace patterns",
        "Closed contiguous frame patterns (CC-Span) per library; a pattern is a run of (file,"
            + " function) frames.",
        List.of("fig4_support", "fig5_length", "fig6_topk", "fig7_pairs"));
    topPatterns(h);
    jvm(h);
    templates(h);
    if (data.table("period_questions") != null) {
      section(
          h,
          "trends",
          "Trends: per period and rising",
          "The run's questions grouped by the period (year or quarter, <code>stats.period</code>)"
              + " in which they were created; a trace belongs to its question's period. Rising"
              + " rows: support in the period at least <code>stats.rising-min-support</code> and"
              + " above the previous period's.",
          List.of("trends"));
    }
    section(
        h,
        "rq3",
        "RQ3: labelling sheets and pattern types",
        "Sheets to label by hand; Tables 8-9 appear once labels were given.",
        List.of());
    section(h, "data", "Figure data", "The tables behind Figs. 4-6.", List.of());
    otherTables(h);
    h.append("</main>\n<footer><p>Generated by TraceMine at ")
        .append(escape(generatedAt))
        .append(
            digits() == Format.Digits.TRUNCATED
                ? ". As the study printed them (<code>paper</code> profile), decimals are truncated"
                    + " toward zero, not rounded: two decimals (3.9633 shows as 3.96, -2.3983 as"
                    + " -2.39), p-values three decimals or &lt;0.001"
                : ". Numbers are rounded for display (percentages 1 decimal, p-values 3 decimals or"
                    + " &lt;0.001, z and ratios 3 decimals, other decimals at most 2)")
        .append(
            "; the Parquet tables and their CSV copies in the run directory keep full"
                + " precision.</p></footer>\n"
                + "</body>\n"
                + "</html>\n");
    return h.toString();
  }

  /**
   * The "paste your traceback" box: its knowledge slice inline as a JSON data block (never run;
   * {@code <} is escaped in it) and the script that answers like {@code tracemine match}.
   */
  private void search(StringBuilder h) {
    h.append("<section id=\"search\">\n<h2>Paste your traceback</h2>\n");
    if (search == null) {
      h.append(
          "<p class=\"note\">This run has no match index (<code>match_index/index.tmm</code>), "
              + "so the page cannot search it: build it with <code>./submit.sh index</code>, then "
              + "render the report again.</p>\n</section>\n");
      return;
    }
    h.append(
        "<p class=\"intro\">Paste a Python traceback (or a whole log) to find the questions of this"
            + " run whose traces share a mined pattern with it, ranked as <code>./submit.sh"
            + " match</code> ranks them. It runs in this page: nothing is sent anywhere.</p>\n");
    if (search.complete()) {
      h.append("<p class=\"note\">Holds all ")
          .append(Format.integer(search.patternsTotal()))
          .append(
              " mined patterns of the run, so it gives the same answer as"
                  + " <code>match</code>.</p>\n");
    } else {
      h.append("<p class=\"caveat\">Holds ")
          .append(Format.integer(search.patternsIncluded()))
          .append(" of the run's ")
          .append(Format.integer(search.patternsTotal()))
          .append(" mined patterns (")
          .append(escape(KnowledgeSlice.SELECTION_RULE))
          .append(
              "; setting <code>report.search-patterns</code>): a question found only through"
                  + " another pattern is not listed here, <code>./submit.sh match</code> finds"
                  + " it.</p>\n");
    }
    if (synthetic) {
      h.append("<p class=\"note\">Synthetic input: question ids are shown without links.</p>\n");
    }
    h.append(
            "<textarea id=\"tm-paste\" rows=\"10\" spellcheck=\"false\" placeholder=\"Traceback"
                + " (most recent call last):&#10;  File &quot;train.py&quot;, line 12, in"
                + " &lt;module&gt;&#10;...\"></textarea>\n")
        .append("<p><button id=\"tm-search\" type=\"button\">Find questions</button></p>\n")
        .append("<div id=\"tm-answers\" aria-live=\"polite\"></div>\n")
        .append("<script type=\"application/json\" id=\"tm-knowledge\" data-links=\"")
        .append(!synthetic)
        .append("\">")
        .append(search.json())
        .append("</script>\n")
        .append("<script>")
        .append(SEARCH_SCRIPT)
        .append("</script>\n</section>\n");
  }

  /** Truncated as the study printed in the {@code paper} profile's report, rounded otherwise. */
  Format.Digits digits() {
    return "paper".equals(data.settings().get("extract.profile"))
        ? Format.Digits.TRUNCATED
        : Format.Digits.ROUNDED;
  }

  private void header(StringBuilder h) {
    List<String> libs = libraries();
    Long questions = value("table1_population", DataTable.ALL, "questions");
    Long withTrace = value("table1_population", DataTable.ALL, "with_trace");
    Long instances = value("table5_instances", DataTable.ALL, "instances");
    Long patterns = value("table6_coverage", DataTable.ALL, "patterns");
    String measure =
        data.topPatterns().isEmpty()
            ? data.settings().get("mine.support")
            : data.topPatterns().get(0).supportMeasure();
    h.append("<header>\n<p class=\"kicker\">TraceMine run report</p>\n")
        .append("<h1>Python stack traces in Stack Overflow questions about ML libraries</h1>\n")
        .append(
            "<p class=\"lede\">A reproduction of the study <em>What Causes Exceptions in Machine"
                + " Learning Applications? Mining Machine Learning-Related Stack Traces on Stack"
                + " Overflow</em> (Ghadesi, Lamothe, Li): how questions with a stack trace differ"
                + " (RQ1), which frame patterns recur across questions and libraries (RQ2), and"
                + " sheets to classify them (RQ3). This page summarises one run over ")
        .append(escape(source()))
        .append(" with the <strong>")
        .append(escape(orDash(data.settings().get("extract.profile"))))
        .append("</strong> extraction profile and <strong>")
        .append(escape(orDash(measure)))
        .append("</strong> support &ge; ")
        .append(escape(orDash(data.settings().get("mine.min-support"))))
        .append(".</p>\n<div class=\"cards\">\n");
    card(h, questions, "questions");
    card(h, withTrace, "with a stack trace");
    card(h, instances, "trace instances");
    Long mined = data.count("mine", "patterns");
    boolean jvmPatternsLeftOut = mined != null && patterns != null && !mined.equals(patterns);
    card(h, patterns, jvmPatternsLeftOut ? "patterns in Python traces" : "patterns");
    card(h, (long) libs.size(), "libraries");
    h.append(
        "</div>\n"
            + "<p class=\"libs\">A trace instance is one stack trace (one traceback in the"
            + " default profile, one code block in <code>paper</code>); the row counts'"
            + " <code>trace_rows</code> count instance &times; library, so a question tagged"
            + " with two libraries counts twice there.</p>\n");
    if (jvmPatternsLeftOut) {
      h.append("<p class=\"libs\">The mine stage found ")
          .append(Format.integer(mined))
          .append(" patterns in all traces; the study's tables count the ")
          .append(Format.integer(patterns))
          .append(
              " that occur only in Python traces (a pattern that also occurs in the JVM stack of"
                  + " a PySpark error is left out, docs/TABLES-stats.md).</p>\n");
    }
    h.append("<p class=\"libs\">Libraries: ")
        .append(escape(String.join(", ", libs)))
        .append("</p>\n")
        .append(
            "<nav><a href=\"#search\">Search</a><a href=\"#findings\">Findings</a><a"
                + " href=\"#run\">Run</a><a href=\"#rq1\">RQ1</a><a href=\"#rq2\">RQ2</a>")
        .append("<a href=\"#patterns\">Top patterns</a><a href=\"#exceptions\">Exceptions</a>")
        .append("<a href=\"#rq3\">RQ3</a><a href=\"#data\">Figure data</a></nav>\n</header>\n");
  }

  private String source() {
    String type = data.settings().get("source.type");
    String path = data.settings().get("source.path");
    path = path == null || path.isBlank() ? null : path;
    if (type == null) {
      return "the configured posts";
    }
    if ("sample".equals(type) && path == null) {
      return "the bundled synthetic corpus";
    }
    return type + (path == null ? "" : " " + path);
  }

  private static void card(StringBuilder h, Long value, String label) {
    h.append("<div class=\"card\"><span class=\"num\">")
        .append(value == null ? Format.NULL : Format.integer(value))
        .append("</span><span class=\"lbl\">")
        .append(escape(label))
        .append("</span></div>\n");
  }

  private void runSection(StringBuilder h) {
    h.append(
        "<section id=\"run\">\n"
            + "<h2>Run configuration and input counts</h2>\n"
            + "<div class=\"two\">\n"
            + "<div>\n"
            + "<h3>Settings</h3>\n");
    Map<String, String> shown = new LinkedHashMap<>();
    data.settings()
        .forEach(
            (k, v) -> {
              if (v != null && !v.isBlank()) {
                shown.put(k, v);
              }
            });
    if (shown.isEmpty()) {
      h.append("<p class=\"note\">No settings were recorded.</p>\n");
    } else {
      List<String> key =
          List.of(
              "source.type",
              "source.path",
              "libraries",
              "extract.profile",
              "mine.support",
              "mine.min-support",
              "output.dir");
      h.append("<table class=\"kv\"><thead><tr><th>key</th><th>value</th></tr></thead><tbody>\n");
      for (String k : key) {
        if (shown.containsKey(k)) {
          setting(h, k, shown.get(k));
        }
      }
      h.append("</tbody></table>\n<details><summary>All ")
          .append(shown.size())
          .append(" settings <span class=\"rows\">(empty ones omitted)</span></summary>\n")
          .append(
              "<table class=\"kv\"><thead><tr><th>key</th><th>value</th></tr></thead><tbody>\n");
      shown.forEach((k, v) -> setting(h, k, v));
      h.append("</tbody></table>\n</details>\n");
    }
    h.append("</div>\n<div>\n<h3>Row counts per stage</h3>\n");
    if (data.counts().isEmpty()) {
      h.append("<p class=\"note\">No counts table in this run.</p>\n");
    } else {
      h.append(
          "<table class=\"kv\"><thead><tr><th>stage</th><th>metric</th><th"
              + " class=\"n\">rows</th></tr></thead><tbody>\n");
      data.counts()
          .forEach(
              (stage, metrics) ->
                  metrics.forEach(
                      (metric, v) ->
                          h.append("<tr><td>")
                              .append(escape(stage))
                              .append("</td><td>")
                              .append(escape(metric))
                              .append("</td><td class=\"n\">")
                              .append(Format.cell(metric, v))
                              .append("</td></tr>\n")));
      h.append("</tbody></table>\n");
    }
    if (!data.rejects().isEmpty()) {
      h.append(
          "<h3>Rejected rows</h3>\n"
              + "<table class=\"kv\"><thead><tr><th>stage: reason</th><th"
              + " class=\"n\">rows</th></tr></thead><tbody>\n");
      data.rejects()
          .forEach(
              (k, v) ->
                  h.append("<tr><td>")
                      .append(escape(k))
                      .append("</td><td class=\"n\">")
                      .append(Format.integer(v))
                      .append("</td></tr>\n"));
      h.append("</tbody></table>\n");
    }
    h.append("</div>\n</div>\n</section>\n");
  }

  private static void setting(StringBuilder h, String key, String value) {
    h.append("<tr><td><code>")
        .append(escape(key))
        .append("</code></td><td><code>")
        .append(escape(value))
        .append("</code></td></tr>\n");
  }

  private void section(
      StringBuilder h, String id, String title, String introHtml, List<String> chartIds) {
    List<String> tables = new ArrayList<>();
    for (String name : renderedTables()) {
      if (id.equals(SECTION_OF.get(name))) {
        tables.add(name);
      }
    }
    h.append("<section id=\"")
        .append(id)
        .append("\">\n<h2>")
        .append(escape(title))
        .append("</h2>\n<p class=\"intro\">")
        .append(introHtml)
        .append("</p>\n");
    boolean collapsed = id.equals("data") || id.equals("rq3");
    if (id.equals("rq3") && synthetic && !tables.isEmpty()) {
      h.append(SYNTHETIC_NOTE);
    }
    for (String name : tables) {
      if (!id.equals("rq2") || !name.equals("fig7_library_pairs")) {
        table(h, data.table(name), collapsed);
      }
      if (name.equals("table6_coverage") && new Findings(data).allLibrariesFullyCovered()) {
        h.append(FULL_COVERAGE_NOTE);
      }
    }
    if (!chartIds.isEmpty()) {
      h.append("<div class=\"charts\">\n");
      for (ChartImage c : charts) {
        if (chartIds.contains(c.id())) {
          chart(h, c);
        }
      }
      h.append("</div>\n");
    }
    if (id.equals("rq2") && data.table("fig7_library_pairs") != null) {
      table(h, data.table("fig7_library_pairs"), true);
    }
    if (tables.isEmpty() && chartIds.isEmpty()) {
      h.append("<p class=\"note\">Nothing in this run.</p>\n");
    }
    h.append("</section>\n");
  }

  static final String SYNTHETIC_NOTE =
      "<p class=\"caveat\">The input is synthetic (the bundled corpus or <code>generate</code>"
          + " output), so question ids are shown without links: they would open unrelated real"
          + " Stack Overflow questions.</p>\n";

  static final String FULL_COVERAGE_NOTE =
      "<p class=\"caveat\">Every library covers 100% of its questions. This is usually an artefact,"
          + " not a finding: the default profile keeps generic one-frame patterns such as"
          + " <code>&lt;ipython-input&gt;:&lt;module&gt;</code> (the notebook cell that raised),"
          + " which nearly every trace contains, so every question holds a pattern of support &ge;"
          + " 2. The small, template-built synthetic corpus makes this certain. Look at"
          + " <em>Instances covered</em>, Fig. 6 and the top patterns for the recurring structure;"
          + " the <code>paper</code> profile drops such frames as the study did.</p>\n";

  /** What the run found, and in the {@code paper} profile how it compares with the study. */
  private void findings(StringBuilder h) {
    Findings f = new Findings(data);
    h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if (synthetic) {
      h.append(
          "<p class=\"caveat\">This run read <strong>synthetic</strong> questions: the figures "
              + "describe the generator's planted traces, not Stack Overflow.</p>\n");
    }
    List<String> sentences = f.sentences();
    if (sentences.isEmpty()) {
      h.append("<p class=\"note\">Nothing to summarise: the run wrote no stats tables.</p>\n");
    } else {
      h.append("<ul class=\"findings\">\n");
      for (String s : sentences) {
        h.append("<li>").append(escape(s)).append("</li>\n");
      }
      h.append("</ul>\n");
    }
    if ("paper".equals(data.settings().get("extract.profile"))) {
      comparison(h, f.comparisons());
    }
    h.append("</section>\n");
  }

  private void comparison(StringBuilder h, List<Findings.TableComparison> tables) {
    h.append("<h3>Compared with the study's published numbers</h3>\n");
    if (tables.isEmpty()) {
      h.append("<p class=\"note\">None of the compared tables (1, 5, 6, 7) is in this run.</p>\n");
      return;
    }
    h.append(
        "<p class=\"intro\">Each published figure next to this run's; <em>agrees</em> means within"
            + " the tolerance shown (percentage points for %, absolute otherwise).</p>\n"
            + "<ul class=\"findings\">\n");
    for (Findings.TableComparison t : tables) {
      long agree = t.count("agrees");
      long differ = t.count("differs");
      h.append("<li><strong>")
          .append(escape(CAPTIONS.getOrDefault(t.table(), t.table()).split(":")[0]))
          .append("</strong>: <span class=\"")
          .append(
              differ == 0 && agree > 0 ? "verdict-agrees\">agrees" : "verdict-differs\">differs")
          .append("</span> (")
          .append(agree)
          .append(" of ")
          .append(agree + differ)
          .append(" figures agree")
          .append(
              agree + differ < t.rows().size()
                  ? "; " + (t.rows().size() - agree - differ) + " not in this run"
                  : "")
          .append("). ")
          .append(escape(differ > 0 ? t.why() : ""))
          .append("</li>\n");
    }
    h.append(
        "</ul>\n"
            + "<details><summary>Figure by figure</summary>\n"
            + "<div class=\"tablewrap\"><table class=\"stats"
            + " compare\"><thead><tr><th>Table</th><th>Measure</th><th>Library / k</th><th"
            + " class=\"n\">Study</th><th class=\"n\">This run</th><th"
            + " class=\"n\">Tolerance</th><th>Verdict</th></tr></thead><tbody>\n");
    for (Findings.TableComparison t : tables) {
      for (Findings.Comparison c : t.rows()) {
        h.append("<tr><td>")
            .append(escape(t.table()))
            .append("</td><td>")
            .append(escape(Labels.column(c.measure())))
            .append("</td><td>")
            .append(escape(c.key()))
            .append("</td><td class=\"n\">")
            .append(escape(studyCell(c.measure(), c.study())))
            .append("</td><td class=\"n\">")
            .append(escape(studyCell(c.measure(), c.run())))
            .append("</td><td class=\"n\">")
            .append(
                escape(
                    Format.cell(
                        "tolerance", Findings.tolerance(c.measure()), Format.Digits.ROUNDED)))
            .append("</td><td class=\"verdict-")
            .append(c.verdict().equals("agrees") ? "agrees" : "differs")
            .append("\">")
            .append(escape(c.verdict()))
            .append("</td></tr>\n");
      }
    }
    h.append("</tbody></table></div>\n</details>\n");
  }

  /** A compared figure: counts as integers, the rest as the page's other decimals. */
  private String studyCell(String measure, Double value) {
    boolean count = !measure.endsWith("_pct") && !measure.contains("ratio");
    if (value != null && count && value == Math.rint(value)) {
      return Format.integer(value.longValue());
    }
    return Format.cell(measure, value, digits());
  }

  private void otherTables(StringBuilder h) {
    List<String> others =
        renderedTables().stream().filter(n -> !SECTION_OF.containsKey(n)).toList();
    if (others.isEmpty()) {
      return;
    }
    h.append("<section id=\"other\">\n<h2>Other tables</h2>\n");
    for (String name : others) {
      table(h, data.table(name), true);
    }
    h.append("</section>\n");
  }

  private static void chart(StringBuilder h, ChartImage c) {
    h.append("<figure id=\"")
        .append(escape(c.id()))
        .append("\"><a class=\"zoom\" href=\"")
        .append(escape(c.file()))
        .append("\" title=\"Open the full-size chart\"><img src=\"")
        .append(escape(c.file()))
        .append("\" width=\"")
        .append(c.width())
        .append("\" height=\"")
        .append(c.height())
        .append("\" alt=\"")
        .append(escape(c.title()))
        .append("\"></a><figcaption><strong>")
        .append(escape(c.title()))
        .append(".</strong> ")
        .append(escape(c.caption()))
        .append("</figcaption></figure>\n");
  }

  /** One stats table; Mann-Whitney column groups get a two-row header. */
  void table(StringBuilder h, DataTable raw, boolean collapsed) {
    DataTable t = raw.sortedByLibrary();
    String caption = CAPTIONS.getOrDefault(t.name(), t.name());
    if (collapsed) {
      h.append("<details><summary>")
          .append(escape(caption))
          .append(" <span class=\"rows\">(")
          .append(Format.integer(t.rows().size()))
          .append(" rows)</span></summary>\n");
    }
    h.append("<div class=\"tablewrap\" id=\"t-")
        .append(escape(t.name()))
        .append("\"><table class=\"stats\">\n<caption>");
    if (!collapsed) {
      h.append(escape(caption)).append(" ");
    }
    h.append("<a class=\"csv\" href=\"../")
        .append(escape(t.name()))
        .append(".csv\">")
        .append(escape(t.name()))
        .append(".csv</a></caption>\n<thead>\n");
    List<String> groups = groups(t.columns());
    boolean grouped = groups.stream().anyMatch(g -> g != null);
    if (grouped) {
      h.append("<tr>");
      int i = 0;
      while (i < t.columns().size()) {
        String g = groups.get(i);
        if (g == null) {
          h.append("<th rowspan=\"2\" title=\"")
              .append(escape(t.columns().get(i)))
              .append("\">")
              .append(escape(Labels.column(t.columns().get(i))))
              .append("</th>");
          i++;
        } else {
          int j = i;
          while (j < t.columns().size() && g.equals(groups.get(j))) {
            j++;
          }
          h.append("<th colspan=\"")
              .append(j - i)
              .append("\" class=\"group\" title=\"")
              .append(escape(g))
              .append("\">")
              .append(escape(Labels.column(g)))
              .append("</th>");
          i = j;
        }
      }
      h.append("</tr>\n");
    }
    h.append("<tr>");
    for (int i = 0; i < t.columns().size(); i++) {
      String g = groups.get(i);
      if (grouped && g == null) {
        continue;
      }
      String column = t.columns().get(i);
      String label =
          g == null ? Labels.column(column) : Labels.mannWhitney(column.substring(g.length() + 1));
      h.append("<th title=\"")
          .append(escape(column))
          .append("\">")
          .append(escape(label))
          .append("</th>");
    }
    h.append("</tr>\n</thead>\n<tbody>\n");
    int shown = Math.min(MAX_ROWS, t.rows().size());
    for (int r = 0; r < shown; r++) {
      List<Object> row = t.rows().get(r);
      boolean all = DataTable.ALL.equals(t.hasColumn("library") ? t.text(row, "library") : null);
      h.append(all ? "<tr class=\"all\">" : "<tr>");
      for (int i = 0; i < t.columns().size(); i++) {
        String col = t.columns().get(i);
        Object v = row.get(i);
        String cls = v instanceof Number ? "n" : col.endsWith("mark") ? "mark" : null;
        h.append(cls == null ? "<td>" : "<td class=\"" + cls + "\">");
        if (col.equals("example_urls") && v != null) {
          links(h, v.toString());
        } else {
          h.append(escape(Format.cell(col, v, digits())));
        }
        h.append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    if (t.rows().isEmpty()) {
      h.append("<p class=\"note\">No rows in this run.</p>\n");
    } else if (shown < t.rows().size()) {
      h.append("<p class=\"note\">First ")
          .append(shown)
          .append(" of ")
          .append(Format.integer(t.rows().size()))
          .append(" rows; all rows are in ")
          .append(escape(t.name()))
          .append(".csv.</p>\n");
    }
    h.append("</div>\n");
    if (collapsed) {
      h.append("</details>\n");
    }
  }

  /**
   * Only https://stackoverflow.com/ links of real input become anchors; anything else stays text
   * (on synthetic input the question id alone).
   */
  private void links(StringBuilder h, String urls) {
    boolean first = true;
    for (String u : urls.trim().split("\\s+")) {
      if (!first) {
        h.append(' ');
      }
      first = false;
      if (u.matches("https://stackoverflow\\.com/q/[0-9]+") && synthetic) {
        h.append(escape(u.substring(u.lastIndexOf('/') + 1)));
      } else if (u.matches("https://stackoverflow\\.com/q/[0-9]+")) {
        h.append("<a href=\"")
            .append(escape(u))
            .append("\" rel=\"noopener noreferrer\">")
            .append(escape(u.substring(u.lastIndexOf('/') + 1)))
            .append("</a>");
      } else {
        h.append(escape(u));
      }
    }
  }

  /** For each column, its Mann-Whitney variable when it belongs to a complete group, else null. */
  static List<String> groups(List<String> columns) {
    Set<String> complete = new LinkedHashSet<>();
    for (String c : columns) {
      Matcher m = MW.matcher(c);
      if (m.matches() && m.group(2).equals("n_trace")) {
        String v = m.group(1);
        if (columns.contains(v + "_median_trace") && columns.contains(v + "_mark")) {
          complete.add(v);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      Matcher m = MW.matcher(c);
      out.add(m.matches() && complete.contains(m.group(1)) ? m.group(1) : null);
    }
    return out;
  }

  private void topPatterns(StringBuilder h) {
    h.append(
        "<section id=\"patterns\">\n"
            + "<h2>Top patterns per library</h2>\n"
            + "<p class=\"intro\">The most supported patterns of each library (ties by pattern id)."
            + " Frames read outermost call first, as <code>file:function</code>. "
            + (synthetic
                ? "Examples are ids of generated questions containing the pattern.</p>\n"
                    + SYNTHETIC_NOTE
                : "Examples link to Stack Overflow questions containing the pattern.</p>\n"));
    if (data.topPatterns().isEmpty()) {
      h.append("<p class=\"note\">No patterns reached the minimum support in this run.</p>\n");
    }
    for (String lib : distinct(data.topPatterns().stream().map(TopPattern::library).toList())) {
      h.append("<h3>")
          .append(escape(lib))
          .append("</h3>\n<div class=\"tablewrap\"><table class=\"patterns\"><thead><tr>")
          .append(
              "<th>#</th><th>frames</th><th class=\"n\">support</th><th class=\"n\">traces</th>")
          .append(
              "<th class=\"n\">questions</th><th"
                  + " class=\"n\">occurrences</th><th>examples</th></tr></thead><tbody>\n");
      for (TopPattern p : data.topPatterns()) {
        if (!p.library().equals(lib)) {
          continue;
        }
        patternFrames(h, p);
        h.append("<span class=\"pid\">")
            .append(escape(p.patternId()))
            .append(", ")
            .append(p.frames().size())
            .append(p.frames().size() == 1 ? " frame" : " frames")
            .append("</span></td><td class=\"n\"><strong>")
            .append(Format.integer(p.support()))
            .append("</strong> <span class=\"pid\">")
            .append(escape(p.supportMeasure()))
            .append("</span></td><td class=\"n\">")
            .append(Format.integer(p.traceSupport()))
            .append("</td><td class=\"n\">")
            .append(Format.integer(p.questionSupport()))
            .append("</td><td class=\"n\">")
            .append(Format.integer(p.occurrenceSupport()))
            .append("</td><td>");
        for (Long q : p.exampleQuestionIds()) {
          if (synthetic) {
            h.append("<span class=\"qid\">").append(q).append("</span> ");
          } else {
            h.append("<a href=\"https://stackoverflow.com/q/")
                .append(q)
                .append("\" rel=\"noopener noreferrer\">")
                .append(q)
                .append("</a> ");
          }
        }
        h.append("</td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</section>\n");
  }

  /** A top-pattern row's rank cell and its frames, outermost first, as an ordered list. */
  private static void patternFrames(StringBuilder h, TopPattern p) {
    h.append("<tr><td class=\"n\">").append(p.rank()).append("</td><td><ol class=\"frames\">");
    for (String f : p.frames()) {
      h.append("<li><code>").append(escape(f)).append("</code></li>");
    }
    h.append("</ol>");
  }

  /** JVM traces of PySpark errors; shown only when the run found some (never in {@code paper}). */
  private void jvm(StringBuilder h) {
    if (data.jvm().isEmpty()) {
      return;
    }
    h.append(
        "<section id=\"jvm\">\n"
            + "<h2>JVM frames of PySpark errors</h2>\n"
            + "<p class=\"intro\">Java stack traces carried by <code>Py4JJavaError</code> messages"
            + " (and pasted on their own), parsed as instances of their own (<code>traces.language"
            + " = jvm</code>) and mined like Python traces; items are <code>class:method</code>,"
            + " innermost call first. The RQ1-RQ3 tables count Python traces only.</p>\n");
    h.append("<div class=\"tablewrap\"><table class=\"jvm\"><thead><tr><th>library</th>")
        .append("<th class=\"n\">questions with JVM frames</th><th class=\"n\">JVM instances</th>")
        .append(
            "<th class=\"n\">in a Py4JJavaError</th><th"
                + " class=\"n\">frames</th></tr></thead><tbody>\n");
    for (JvmSummary j : data.jvm()) {
      h.append("<tr><td>")
          .append(escape(j.library()))
          .append("</td><td class=\"n\">")
          .append(Format.integer(j.questions()))
          .append("</td><td class=\"n\">")
          .append(Format.integer(j.instances()))
          .append("</td><td class=\"n\">")
          .append(Format.integer(j.carried()))
          .append("</td><td class=\"n\">")
          .append(Format.integer(j.frames()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
    for (String lib : distinct(data.jvmPatterns().stream().map(TopPattern::library).toList())) {
      h.append("<h3>")
          .append(escape(lib))
          .append(": top JVM patterns</h3>\n<div class=\"tablewrap\">")
          .append("<table class=\"patterns\"><thead><tr><th>#</th><th>frames</th>")
          .append(
              "<th class=\"n\">support</th><th class=\"n\">questions</th></tr></thead><tbody>\n");
      for (TopPattern p : data.jvmPatterns()) {
        if (!p.library().equals(lib)) {
          continue;
        }
        patternFrames(h, p);
        h.append("<span class=\"pid\">")
            .append(p.frames().size())
            .append(p.frames().size() == 1 ? " frame" : " frames")
            .append("</span></td><td class=\"n\">")
            .append(Format.integer(p.support()))
            .append(" <span class=\"pid\">")
            .append(escape(p.supportMeasure()))
            .append("</span></td><td class=\"n\">")
            .append(Format.integer(p.questionSupport()))
            .append("</td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</section>\n");
  }

  private void templates(StringBuilder h) {
    h.append(
        "<section id=\"exceptions\">\n"
            + "<h2>Most frequent exception messages per library</h2>\n"
            + "<p class=\"intro\">Exception messages with their variable parts replaced by"
            + " placeholders (<code>traces.template</code>), counted over trace instances.</p>\n");
    if (data.templates().isEmpty()) {
      h.append("<p class=\"note\">No exception messages in this run.</p>\n");
    }
    for (String lib : distinct(data.templates().stream().map(TemplateCount::library).toList())) {
      h.append("<h3>")
          .append(escape(lib))
          .append("</h3>\n<div class=\"tablewrap\"><table class=\"templates\"><thead><tr>")
          .append(
              "<th>#</th><th>exception</th><th>message template</th><th class=\"n\">instances</th>")
          .append("<th class=\"n\">questions</th></tr></thead><tbody>\n");
      for (TemplateCount t : data.templates()) {
        if (t.library().equals(lib)) {
          h.append("<tr><td class=\"n\">")
              .append(t.rank())
              .append("</td><td><code>")
              .append(escape(orDash(t.exceptionType())))
              .append("</code></td><td><code class=\"msg\">")
              .append(escape(t.template()))
              .append("</code></td><td class=\"n\">")
              .append(Format.integer(t.instances()))
              .append("</td><td class=\"n\">")
              .append(Format.integer(t.questions()))
              .append("</td></tr>\n");
        }
      }
      h.append("</tbody></table></div>\n");
    }
    h.append("</section>\n");
  }

  /** The run's libraries: table1's rows without {@code all}, else those with patterns. */
  List<String> libraries() {
    Set<String> libs = new LinkedHashSet<>();
    DataTable t1 = data.table("table1_population");
    if (t1 != null) {
      for (List<Object> row : t1.sortedByLibrary().rows()) {
        String lib = t1.text(row, "library");
        if (lib != null && !DataTable.ALL.equals(lib)) {
          libs.add(lib);
        }
      }
    }
    data.topPatterns().forEach(p -> libs.add(p.library()));
    return new ArrayList<>(libs);
  }

  private Long value(String table, String library, String column) {
    DataTable t = data.table(table);
    if (t == null || !t.hasColumn(column) || !t.hasColumn("library")) {
      return null;
    }
    for (List<Object> row : t.rows()) {
      if (library.equals(t.text(row, "library")) && t.value(row, column) instanceof Number n) {
        return n.longValue();
      }
    }
    return null;
  }

  private static List<String> distinct(List<String> values) {
    return new ArrayList<>(new LinkedHashSet<>(values));
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? Format.NULL : s;
  }

  /** The page's script ({@code report/report.js}), inlined. */
  static final String SCRIPT = ReportResources.SCRIPT;

  /** The search box's script ({@code report/search.js}), inlined. */
  static final String SEARCH_SCRIPT = ReportResources.SEARCH_SCRIPT;

  /** The page's style sheet ({@code report/report.css}), inlined. */
  static final String CSS = ReportResources.CSS;
}
