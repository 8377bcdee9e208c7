package io.tracemine.report;

import java.util.List;

/**
 * The report page's view model: plain records that {@link HtmlReport} builds from {@link
 * ReportData} and {@code report/index.mustache} renders. Texts are already formatted ({@link
 * Format}) and hold no markup: the template escapes every one of them. Only {@link Page#css},
 * {@link Page#script}, {@link Search#json} and {@link Search#searchScript} are inserted raw (the
 * template says why each is safe).
 */
final class ReportView {
  private ReportView() {}

  record Page(
      String css,
      String script,
      boolean synthetic,
      Header header,
      Search search,
      Findings findings,
      Run run,
      Section rq1,
      Section rq2,
      List<PatternGroup> topPatterns,
      Jvm jvm,
      List<TemplateGroup> templates,
      Section trends,
      Section rq3,
      Section data,
      List<Table> others,
      String generatedAt,
      boolean truncated) {
    public boolean hasOthers() {
      return !others.isEmpty();
    }
  }

  record Header(
      String source,
      String profile,
      String measure,
      String minSupport,
      List<Card> cards,
      boolean jvmLeftOut,
      String mined,
      String patterns,
      String libraries) {}

  record Card(String num, String label) {}

  /** The "paste your traceback" box; {@code json} is the knowledge slice, {@code <} escaped. */
  record Search(
      boolean complete,
      String patternsTotal,
      String patternsIncluded,
      String selectionRule,
      String links,
      String json,
      String searchScript) {}

  record Findings(List<String> sentences, Comparison comparison) {
    public boolean hasSentences() {
      return !sentences.isEmpty();
    }
  }

  record Comparison(List<Verdict> tables, List<Figure> rows) {
    public boolean hasTables() {
      return !tables.isEmpty();
    }
  }

  /** One compared table: {@code notInRun} null when every figure is in the run. */
  record Verdict(
      String name, boolean agrees, long agree, long compared, Integer notInRun, String why) {}

  record Figure(
      String table,
      String measure,
      String key,
      String study,
      String run,
      String tolerance,
      boolean agrees,
      String verdict) {}

  record Run(
      List<Setting> keySettings, List<Setting> settings, List<Count> counts, List<Reject> rejects) {
    public boolean hasSettings() {
      return !settings.isEmpty();
    }

    public int settingsCount() {
      return settings.size();
    }

    public boolean hasCounts() {
      return !counts.isEmpty();
    }

    public boolean hasRejects() {
      return !rejects.isEmpty();
    }
  }

  record Setting(String key, String value) {}

  record Count(String stage, String metric, String rows) {}

  record Reject(String reason, String rows) {}

  /**
   * A section of stats tables: its tables ({@code items}), charts when it has a chart area, the
   * collapsed Fig. 7 table after them, {@code empty} when it has neither tables nor charts.
   */
  record Section(
      boolean syntheticNote,
      List<Item> items,
      boolean withCharts,
      List<ChartImage> charts,
      Table pairs,
      boolean empty) {}

  /** A table of a section, or (table null) the note that every library is fully covered. */
  record Item(Table table, boolean fullCoverage) {}

  record Table(
      String name,
      String caption,
      boolean collapsed,
      String rowCount,
      boolean grouped,
      List<GroupHeader> groupRow,
      List<ColumnHeader> headers,
      List<Row> rows,
      boolean cut,
      int shown) {}

  /** A first-row header cell: a Mann-Whitney group spanning {@code span} columns, or one column. */
  record GroupHeader(boolean group, int span, String column, String label) {}

  record ColumnHeader(String column, String label) {}

  record Row(boolean all, List<Cell> cells) {}

  /** A cell: its text, or (for {@code example_urls}) its links; {@code cls} null for none. */
  record Cell(String cls, String text, List<Link> links) {}

  /** One token of a links cell: {@code href} null for plain text. */
  record Link(boolean space, String href, String text) {}

  record PatternGroup(String library, List<Pattern> patterns) {}

  record Pattern(
      int rank,
      List<String> frames,
      String id,
      String frameCount,
      String support,
      String measure,
      String traces,
      String questions,
      String occurrences,
      List<Long> examples) {}

  record Jvm(List<JvmRow> summaries, List<PatternGroup> libraries) {}

  record JvmRow(
      String library, String questions, String instances, String carried, String frames) {}

  record TemplateGroup(String library, List<TemplateRow> rows) {}

  record TemplateRow(
      int rank, String exception, String template, String instances, String questions) {}
}
