package io.tracemine.report;

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
 * resources (a Content-Security-Policy forbids them). The markup is the Mustache templates {@code
 * report/*.mustache} ({@link ReportTemplates}); this class only builds their view model ({@link
 * ReportView}) from the data, with numbers rounded by {@link Format}, and every text from data is
 * escaped by the templates with {@link Html#escape}. On load, a small script records on {@code
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

  /** The page: {@code report/index.mustache} over the view model built from the data. */
  public String render() {
    Findings findings = new Findings(data);
    return ReportTemplates.page(
        new ReportView.Page(
            CSS,
            SCRIPT,
            synthetic,
            header(),
            search(),
            findings(findings),
            run(),
            section("rq1", List.of("rq1_views", "rq1_first_answer"), findings),
            section(
                "rq2", List.of("fig4_support", "fig5_length", "fig6_topk", "fig7_pairs"), findings),
            patternGroups(data.topPatterns(), true),
            data.jvm().isEmpty() ? null : jvm(),
            templates(),
            data.table("period_questions") == null
                ? null
                : section("trends", List.of("trends"), findings),
            section("rq3", List.of(), findings),
            section("data", List.of(), findings),
            renderedTables().stream()
                .filter(n -> !SECTION_OF.containsKey(n))
                .map(n -> table(data.table(n), true))
                .toList(),
            generatedAt,
            digits() == Format.Digits.TRUNCATED));
  }

  /** The "paste your traceback" box, null when the run has no match index. */
  private ReportView.Search search() {
    if (search == null) {
      return null;
    }
    return new ReportView.Search(
        search.complete(),
        Format.integer(search.patternsTotal()),
        Format.integer(search.patternsIncluded()),
        KnowledgeSlice.SELECTION_RULE,
        String.valueOf(!synthetic),
        search.json(),
        SEARCH_SCRIPT);
  }

  private ReportView.Header header() {
    List<String> libs = libraries();
    Long questions = value("table1_population", DataTable.ALL, "questions");
    Long withTrace = value("table1_population", DataTable.ALL, "with_trace");
    Long instances = value("table5_instances", DataTable.ALL, "instances");
    Long patterns = value("table6_coverage", DataTable.ALL, "patterns");
    String measure =
        data.topPatterns().isEmpty()
            ? data.settings().get("mine.support")
            : data.topPatterns().get(0).supportMeasure();
    Long mined = data.count("mine", "patterns");
    boolean jvmPatternsLeftOut = mined != null && patterns != null && !mined.equals(patterns);
    return new ReportView.Header(
        source(),
        orDash(data.settings().get("extract.profile")),
        orDash(measure),
        orDash(data.settings().get("mine.min-support")),
        List.of(
            card(questions, "questions"),
            card(withTrace, "with a stack trace"),
            card(instances, "trace instances"),
            card(patterns, jvmPatternsLeftOut ? "patterns in Python traces" : "patterns"),
            card((long) libs.size(), "libraries")),
        jvmPatternsLeftOut,
        mined == null ? null : Format.integer(mined),
        patterns == null ? null : Format.integer(patterns),
        String.join(", ", libs));
  }

  private static ReportView.Card card(Long value, String label) {
    return new ReportView.Card(value == null ? Format.NULL : Format.integer(value), label);
  }

  private ReportView.Run run() {
    List<ReportView.Setting> shown = new ArrayList<>();
    data.settings()
        .forEach(
            (k, v) -> {
              if (v != null && !v.isBlank()) {
                shown.add(new ReportView.Setting(k, v));
              }
            });
    List<String> key =
        List.of(
            "source.type",
            "source.path",
            "libraries",
            "extract.profile",
            "mine.support",
            "mine.min-support",
            "output.dir");
    List<ReportView.Setting> keySettings = new ArrayList<>();
    for (String k : key) {
      shown.stream().filter(s -> s.key().equals(k)).forEach(keySettings::add);
    }
    List<ReportView.Count> counts = new ArrayList<>();
    data.counts()
        .forEach(
            (stage, metrics) ->
                metrics.forEach(
                    (metric, v) ->
                        counts.add(new ReportView.Count(stage, metric, Format.cell(metric, v)))));
    List<ReportView.Reject> rejects = new ArrayList<>();
    data.rejects().forEach((k, v) -> rejects.add(new ReportView.Reject(k, Format.integer(v))));
    return new ReportView.Run(keySettings, shown, counts, rejects);
  }

  private ReportView.Section section(String id, List<String> chartIds, Findings findings) {
    List<String> tables = new ArrayList<>();
    for (String name : renderedTables()) {
      if (id.equals(SECTION_OF.get(name))) {
        tables.add(name);
      }
    }
    boolean collapsed = id.equals("data") || id.equals("rq3");
    List<ReportView.Item> items = new ArrayList<>();
    for (String name : tables) {
      if (!id.equals("rq2") || !name.equals("fig7_library_pairs")) {
        items.add(new ReportView.Item(table(data.table(name), collapsed), false));
      }
      if (name.equals("table6_coverage") && findings.allLibrariesFullyCovered()) {
        items.add(new ReportView.Item(null, true));
      }
    }
    DataTable pairs = id.equals("rq2") ? data.table("fig7_library_pairs") : null;
    return new ReportView.Section(
        id.equals("rq3") && synthetic && !tables.isEmpty(),
        items,
        !chartIds.isEmpty(),
        charts.stream().filter(c -> chartIds.contains(c.id())).toList(),
        pairs == null ? null : table(pairs, true),
        tables.isEmpty() && chartIds.isEmpty());
  }

  /** What the run found, and in the {@code paper} profile how it compares with the study. */
  private ReportView.Findings findings(Findings f) {
    ReportView.Comparison comparison = null;
    if ("paper".equals(data.settings().get("extract.profile"))) {
      List<ReportView.Verdict> verdicts = new ArrayList<>();
      List<ReportView.Figure> figures = new ArrayList<>();
      for (Findings.TableComparison t : f.comparisons()) {
        long agree = t.count("agrees");
        long differ = t.count("differs");
        verdicts.add(
            new ReportView.Verdict(
                CAPTIONS.getOrDefault(t.table(), t.table()).split(":")[0],
                differ == 0 && agree > 0,
                agree,
                agree + differ,
                agree + differ < t.rows().size() ? (int) (t.rows().size() - agree - differ) : null,
                differ > 0 ? t.why() : ""));
        for (Findings.Comparison c : t.rows()) {
          figures.add(
              new ReportView.Figure(
                  t.table(),
                  Labels.column(c.measure()),
                  c.key(),
                  studyCell(c.measure(), c.study()),
                  studyCell(c.measure(), c.run()),
                  Format.cell("tolerance", Findings.tolerance(c.measure()), Format.Digits.ROUNDED),
                  c.verdict().equals("agrees"),
                  c.verdict()));
        }
      }
      comparison = new ReportView.Comparison(verdicts, figures);
    }
    return new ReportView.Findings(f.sentences(), comparison);
  }

  /** One stats table; Mann-Whitney column groups get a two-row header. */
  ReportView.Table table(DataTable raw, boolean collapsed) {
    DataTable t = raw.sortedByLibrary();
    List<String> columns = t.columns();
    List<String> groups = groups(columns);
    boolean grouped = groups.stream().anyMatch(g -> g != null);
    List<ReportView.GroupHeader> groupRow = new ArrayList<>();
    for (int i = 0; grouped && i < columns.size(); ) {
      String g = groups.get(i);
      int j = i + 1;
      while (g != null && j < columns.size() && g.equals(groups.get(j))) {
        j++;
      }
      String column = g == null ? columns.get(i) : g;
      groupRow.add(new ReportView.GroupHeader(g != null, j - i, column, Labels.column(column)));
      i = j;
    }
    List<ReportView.ColumnHeader> headers = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String g = groups.get(i);
      String column = columns.get(i);
      if (!grouped || g != null) {
        headers.add(
            new ReportView.ColumnHeader(
                column,
                g == null
                    ? Labels.column(column)
                    : Labels.mannWhitney(column.substring(g.length() + 1))));
      }
    }
    int shown = Math.min(MAX_ROWS, t.rows().size());
    List<ReportView.Row> rows = new ArrayList<>();
    for (List<Object> row : t.rows().subList(0, shown)) {
      List<ReportView.Cell> cells = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        String col = columns.get(i);
        Object v = row.get(i);
        String cls = v instanceof Number ? "n" : col.endsWith("mark") ? "mark" : null;
        cells.add(
            col.equals("example_urls") && v != null
                ? new ReportView.Cell(cls, "", links(v.toString()))
                : new ReportView.Cell(cls, Format.cell(col, v, digits()), List.of()));
      }
      boolean all = DataTable.ALL.equals(t.hasColumn("library") ? t.text(row, "library") : null);
      rows.add(new ReportView.Row(all, cells));
    }
    return new ReportView.Table(
        t.name(),
        CAPTIONS.getOrDefault(t.name(), t.name()),
        collapsed,
        Format.integer(t.rows().size()),
        grouped,
        groupRow,
        headers,
        rows,
        shown < t.rows().size(),
        shown);
  }

  /**
   * Only https://stackoverflow.com/ links of real input become anchors; anything else stays text
   * (on synthetic input the question id alone).
   */
  private List<ReportView.Link> links(String urls) {
    List<ReportView.Link> out = new ArrayList<>();
    for (String u : urls.trim().split("\\s+")) {
      boolean space = !out.isEmpty();
      if (u.matches("https://stackoverflow\\.com/q/[0-9]+")) {
        String id = u.substring(u.lastIndexOf('/') + 1);
        out.add(new ReportView.Link(space, synthetic ? null : u, id));
      } else {
        out.add(new ReportView.Link(space, null, u));
      }
    }
    return out;
  }

  /** Patterns per library in order of first appearance; Python patterns show their id. */
  private static List<ReportView.PatternGroup> patternGroups(
      List<TopPattern> patterns, boolean python) {
    List<ReportView.PatternGroup> out = new ArrayList<>();
    for (String lib : distinct(patterns.stream().map(TopPattern::library).toList())) {
      List<ReportView.Pattern> rows = new ArrayList<>();
      for (TopPattern p : patterns) {
        if (p.library().equals(lib)) {
          String frames = p.frames().size() + (p.frames().size() == 1 ? " frame" : " frames");
          rows.add(
              new ReportView.Pattern(
                  p.rank(),
                  p.frames(),
                  python ? p.patternId() : null,
                  frames,
                  Format.integer(p.support()),
                  p.supportMeasure(),
                  Format.integer(p.traceSupport()),
                  Format.integer(p.questionSupport()),
                  Format.integer(p.occurrenceSupport()),
                  p.exampleQuestionIds()));
        }
      }
      out.add(new ReportView.PatternGroup(lib, rows));
    }
    return out;
  }

  /** JVM traces of PySpark errors; shown only when the run found some (never in {@code paper}). */
  private ReportView.Jvm jvm() {
    List<ReportView.JvmRow> rows = new ArrayList<>();
    for (JvmSummary j : data.jvm()) {
      rows.add(
          new ReportView.JvmRow(
              j.library(),
              Format.integer(j.questions()),
              Format.integer(j.instances()),
              Format.integer(j.carried()),
              Format.integer(j.frames())));
    }
    return new ReportView.Jvm(rows, patternGroups(data.jvmPatterns(), false));
  }

  private List<ReportView.TemplateGroup> templates() {
    List<ReportView.TemplateGroup> out = new ArrayList<>();
    for (String lib : distinct(data.templates().stream().map(TemplateCount::library).toList())) {
      List<ReportView.TemplateRow> rows = new ArrayList<>();
      for (TemplateCount t : data.templates()) {
        if (t.library().equals(lib)) {
          rows.add(
              new ReportView.TemplateRow(
                  t.rank(),
                  orDash(t.exceptionType()),
                  t.template(),
                  Format.integer(t.instances()),
                  Format.integer(t.questions())));
        }
      }
      out.add(new ReportView.TemplateGroup(lib, rows));
    }
    return out;
  }

  /** Truncated as the study printed in the {@code paper} profile's report, rounded otherwise. */
  Format.Digits digits() {
    return "paper".equals(data.settings().get("extract.profile"))
        ? Format.Digits.TRUNCATED
        : Format.Digits.ROUNDED;
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

  /** A compared figure: counts as integers, the rest as the page's other decimals. */
  private String studyCell(String measure, Double value) {
    boolean count = !measure.endsWith("_pct") && !measure.contains("ratio");
    if (value != null && count && value == Math.rint(value)) {
      return Format.integer(value.longValue());
    }
    return Format.cell(measure, value, digits());
  }

  /** The page's script ({@code report/report.js}), inlined. */
  static final String SCRIPT = ReportResources.SCRIPT;

  /** The search box's script ({@code report/search.js}), inlined. */
  static final String SEARCH_SCRIPT = ReportResources.SEARCH_SCRIPT;

  /** The page's style sheet ({@code report/report.css}), inlined. */
  static final String CSS = ReportResources.CSS;
}
