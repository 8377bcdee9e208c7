package io.tracemine.report;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ReportConfig parsing and secret filtering, DataTable ordering, and the no-Spark rule. */
class ReportConfigAndTablesTest {
  @Test
  void topPatternsDefaultsToTenAndIsParsed() {
    assertThat(from(Map.of()).topPatterns()).isEqualTo(10);
    assertThat(from(Map.of("report.top-patterns", " 3 ")).topPatterns()).isEqualTo(3);
  }

  @Test
  void invalidTopPatternsNamesTheKeyAndTheRule() {
    assertThatThrownBy(() -> from(Map.of("report.top-patterns", "ten")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'report.top-patterns' is set to 'ten' but must be an integer");
    assertThatThrownBy(() -> from(Map.of("report.top-patterns", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'report.top-patterns' is set to 0 but must be >= 1");
  }

  @Test
  void searchBoxBudgetsDefaultAndAreChecked() {
    assertThat(from(Map.of()).searchPatterns()).isEqualTo(10_000);
    assertThat(from(Map.of()).searchPostings()).isEqualTo(50_000);
    assertThat(from(Map.of("report.search-postings", "7")).searchPostings()).isEqualTo(7);
    assertThatThrownBy(() -> from(Map.of("report.search-patterns", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'report.search-patterns' is set to 0 but must be >= 1");
    assertThatThrownBy(() -> from(Map.of("report.search-postings", "-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'report.search-postings' is set to -1 but must be >= 1");
  }

  @Test
  void unknownReportKeyIsAnError() {
    assertThatThrownBy(() -> from(Map.of("report.top-pattern", "3")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "Unknown configuration key 'report.top-pattern' (known keys with that prefix:"
                + " report.search-patterns, report.search-postings, report.top-patterns;");
  }

  @Test
  void secretsAreDroppedAndTheRestIsKeptSorted() {
    ReportConfig c =
        new ReportConfig(
            10,
            Map.of(
                "source.bigquery.credentials-file",
                "/k.json",
                "spark.conf.spark.hadoop.fs.s3a.secret.key",
                "abc",
                "spark.conf.spark.x.PASSWORD",
                "p",
                "mine.min-support",
                "2",
                "source.type",
                "xml"));
    assertThat(c.settings())
        .containsExactly(Map.entry("mine.min-support", "2"), Map.entry("source.type", "xml"));
    assertThat(ReportConfig.from(Settings.packagedDefaults()).settings())
        .containsEntry("source.type", "sample")
        .doesNotContainKey("source.bigquery.credentials-file");
  }

  /**
   * A report run as its own process shows the source ingest read (its manifest), not its own
   * defaults: Airflow's report task is not given ingest's --source and --input.
   */
  @Test
  void theSourceShownIsTheOneIngestRead() {
    ReportConfig own =
        new ReportConfig(
            10,
            Map.of(
                "source.type", "sample",
                "source.path", "",
                "source.bigquery.table", "sotorrent-org.2020_12_31.Posts",
                "mine.min-support", "2"));
    Map<String, Object> parquet = new java.util.HashMap<>();
    parquet.put("source", "parquet");
    parquet.put("path", "/data/corpus/posts");
    parquet.put("files", 8);
    assertThat(own.withIngestInput(parquet).settings())
        .containsExactly(
            Map.entry("mine.min-support", "2"),
            Map.entry("source.path", "/data/corpus/posts"),
            Map.entry("source.type", "parquet"));
    Map<String, Object> bigQuery = new java.util.HashMap<>();
    bigQuery.put("source", "bigquery");
    bigQuery.put("table", "my-project.so.Posts");
    bigQuery.put("path", null);
    assertThat(own.withIngestInput(bigQuery).settings())
        .containsEntry("source.type", "bigquery")
        .containsEntry("source.bigquery.table", "my-project.so.Posts")
        .containsEntry("source.path", "");
    Map<String, Object> sample = new java.util.HashMap<>();
    sample.put("source", "sample");
    sample.put("path", "/opt/tracemine/" + io.tracemine.ingest.IngestConfig.SAMPLE_PATH);
    assertThat(own.withIngestInput(sample).settings())
        .as("the bundled corpus keeps its empty path, so the page names it as the bundled corpus")
        .containsEntry("source.type", "sample")
        .containsEntry("source.path", "");
    assertThat(own.withIngestInput(null)).isSameAs(own);
    assertThat(own.withIngestInput(Map.of("files", 3))).isSameAs(own);
    Map<String, Object> secret = new java.util.HashMap<>(parquet);
    assertThat(
            new ReportConfig(10, Map.of("source.bigquery.credentials-file", "/k.json"))
                .withIngestInput(secret)
                .settings())
        .doesNotContainKey("source.bigquery.credentials-file");
  }

  @Test
  void eachStagesKeysComeFromTheSettingsItRanWith() {
    ReportConfig own =
        new ReportConfig(
            10,
            Map.of(
                "extract.profile", "default",
                "extract.max-frame-repeats", "5",
                "mine.min-support", "9",
                "report.top-patterns", "10",
                "libraries", "keras"));
    ReportConfig shown =
        own.withStageSettings(
            Map.of(
                "extract", Map.of("extract.profile", "paper", "mine.min-support", "1"),
                "ingest", Map.of("libraries", "keras,nltk", "library.nltk.stems", "nltk")));
    assertThat(shown.settings())
        .as("extract's keys are extract's only (its max-frame-repeats was not set); mine's stay")
        .containsExactly(
            Map.entry("extract.profile", "paper"),
            Map.entry("libraries", "keras,nltk"),
            Map.entry("library.nltk.stems", "nltk"),
            Map.entry("mine.min-support", "9"),
            Map.entry("report.top-patterns", "10"));
    assertThat(own.withStageSettings(Map.of()).settings()).isEqualTo(own.settings());
  }

  @Test
  void configSurvivesSerialization() throws Exception {
    ReportConfig c = from(Map.of("report.top-patterns", "4"));
    assertThat(roundTrip(c)).isEqualTo(c);
  }

  @Test
  void librariesSortAlphabeticallyWithAllLastKeepingRowOrderWithinALibrary() {
    DataTable t =
        new DataTable(
            "fig5",
            List.of("library", "length"),
            List.of(
                ReportSamples.row("all", 1L),
                ReportSamples.row("tensorflow", 2L),
                ReportSamples.row("keras", 9L),
                ReportSamples.row("tensorflow", 1L),
                ReportSamples.row("keras", 3L)));
    assertThat(t.sortedByLibrary().rows())
        .containsExactly(
            ReportSamples.row("keras", 9L),
            ReportSamples.row("keras", 3L),
            ReportSamples.row("tensorflow", 2L),
            ReportSamples.row("tensorflow", 1L),
            ReportSamples.row("all", 1L));
  }

  @Test
  void tablesWithoutLibrarySortByANumericFirstColumn() {
    DataTable t =
        new DataTable(
            "table7_shared",
            List.of("libraries", "patterns"),
            List.of(
                ReportSamples.row(5L, 2L), ReportSamples.row(2L, 49L), ReportSamples.row(3L, 1L)));
    assertThat(t.sortedByLibrary().rows())
        .containsExactly(
            ReportSamples.row(2L, 49L), ReportSamples.row(3L, 1L), ReportSamples.row(5L, 2L));
  }

  @Test
  void aRowOfTheWrongWidthIsRejected() {
    assertThatThrownBy(() -> new DataTable("t", List.of("a", "b"), List.of(ReportSamples.row(1L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build table 't': a row has 1 values but there are 2 columns [a, b]");
    DataTable t = new DataTable("t", List.of("a"), List.of(ReportSamples.row(1L)));
    assertThatThrownBy(() -> t.value(t.rows().get(0), "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read column 'b' of table 't': it has only [a]");
  }

  @Test
  void heatScaleDarkensWithTheCount() {
    Charts.HeatScale scale = new Charts.HeatScale(100);
    int previous = Integer.MAX_VALUE;
    for (int v = 0; v <= 100; v += 10) {
      java.awt.Color c = (java.awt.Color) scale.getPaint(v);
      int brightness = c.getRed() + c.getGreen() + c.getBlue();
      assertThat(brightness).isLessThan(previous);
      previous = brightness;
    }
  }

  @Test
  void onlyTheStageImportsSpark() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/tracemine/report"))) {
      List<Path> sources =
          files.filter(p -> !p.getFileName().toString().equals("ReportStage.java")).toList();
      assertThat(sources).hasSizeGreaterThan(8);
      for (Path p : sources) {
        assertThat(Files.readString(p))
            .as(p.toString())
            .doesNotContain("org.apache.spark")
            .doesNotContain("org.apache.hadoop");
      }
    }
  }

  private static ReportConfig from(Map<String, String> overrides) {
    return ReportConfig.from(Settings.packagedDefaults().with(overrides));
  }
}
