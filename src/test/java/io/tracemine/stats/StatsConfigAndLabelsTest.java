package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsConfigAndLabelsTest {
  private static final Codebook CODEBOOK = Codebook.load(Path.of("conf/codebook.csv"));

  @Test
  void configDefaultsAndOverrides() {
    assertThat(StatsConfig.defaults())
        .isEqualTo(new StatsConfig(780, 42, 5, Path.of("conf/codebook.csv")));
    assertThat(from(Map.of("mine.min-support", "2")))
        .isEqualTo(new StatsConfig(780, 42, 5, Path.of("codebook.csv")));
    assertThat(
            from(Map.of("stats.sample-size", "100", "stats.seed", "-7", "stats.codebook", "x.csv")))
        .isEqualTo(new StatsConfig(100, -7, 5, Path.of("x.csv")));
  }

  @Test
  void configRejectsBadValuesNamingTheKey() {
    assertThatThrownBy(() -> from(Map.of("stats.sample-size", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.sample-size' is set to 0 but must be >= 1");
    assertThatThrownBy(() -> from(Map.of("stats.seed", "abc")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.seed' is set to 'abc' but must be an integer");
    assertThatThrownBy(() -> from(Map.of("stats.codebook", " ")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'stats.codebook' is set to '' (empty) but needs a value (see"
                + " conf/tracemine.properties)");
    assertThatThrownBy(() -> from(Map.of("stats.sample", "3")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "Unknown configuration key 'stats.sample' (known keys with that prefix:"
                + " stats.codebook, stats.examples, stats.period, stats.period-top,"
                + " stats.rising-min-support, stats.sample-size, stats.seed;");
    assertThatThrownBy(() -> from(Map.of("extract.profile", "study")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'extract.profile' is set to 'study' (valid: default, paper)");
  }

  @Test
  void thePaperProfileTurnsTheStudysConventionsOn() {
    assertThat(from(Map.of("extract.profile", "paper")).studyConventions()).isTrue();
    assertThat(from(Map.of("extract.profile", "default")).studyConventions()).isFalse();
    assertThat(StatsConfig.defaults().studyConventions()).isFalse();
  }

  @Test
  void codebookHasTheTwentyFiveTypesOfTable8() {
    assertThat(CODEBOOK.entries()).hasSize(25);
    assertThat(CODEBOOK.entries().stream().map(Codebook.Entry::category).distinct())
        .containsExactlyInAnyOrder("SYN", "MOD", "MLT", "DAT", "EXT");
    assertThat(CODEBOOK.find("[syn] python BASIC syntax"))
        .map(Codebook.Entry::type)
        .contains("Python basic syntax");
    assertThat(CODEBOOK.find("[MOD] Python basic syntax")).isEmpty();
  }

  @Test
  void codebookErrorsNameTheKey(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("cb.csv");
    Files.writeString(bad, "type,category\nx,y\n");
    assertThatThrownBy(() -> Codebook.load(bad))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot read the codebook '"
                + bad
                + "' (stats.codebook): the header must be "
                + "category,category_name,type,description,example_post");
  }

  @Test
  void unknownLabelIsReportedNotCounted(@TempDir Path dir) throws IOException {
    Path sheet = dir.resolve("round1.csv");
    Files.writeString(
        sheet,
        "pattern_id,type,coder\n"
            + "p1,Model copy,ann\n"
            + "p1,Made up type,bob\n"
            + "p2,,ann\n"
            + "zz,Model copy,ann\n");
    LabelSheets.Labels l = LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1", "p2"));
    assertThat(l.finalTypes()).containsExactly(Map.entry("p1", "Model copy"));
    assertThat(l.problems())
        .containsExactly(
            new LabelSheets.Problem(
                "round1.csv",
                3,
                "p1",
                "bob",
                "Made up type",
                "type not in the codebook (stats.codebook)"),
            new LabelSheets.Problem(
                "round1.csv",
                5,
                "zz",
                "ann",
                "Model copy",
                "unknown pattern_id (not in the patterns table)"));
    Table t8 = LabelSheets.types(l, CODEBOOK);
    assertThat(t8.rows()).hasSize(25);
    assertThat(t8.value(0, "type")).isEqualTo("Model copy");
    assertThat(t8.value(0, "patterns_pct")).isEqualTo(100.0);
  }

  @Test
  void consensusSettlesAndAlphaUsesOtherCoders(@TempDir Path dir) throws IOException {
    Path sheet = dir.resolve("s.csv");
    Files.writeString(
        sheet,
        String.join(
            "\n",
            "pattern_id,type,coder,notes",
            "p1,Model copy,ann,\"a, quoted\"\"note\"",
            "p1,File operation,bob,",
            "p1,File operation,consensus,",
            "p2,Data loading,ann,",
            "p2,Data loading,bob,",
            "p3,Model copy,ann,",
            "p3,Model copy,bob,",
            ""));
    LabelSheets.Labels l = LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1", "p2", "p3"));
    assertThat(l.finalTypes()).containsEntry("p1", "File operation").hasSize(3);
    Table a = LabelSheets.agreement(l);
    // coincidences: p1 (Model copy, File operation), p2 2x Data loading, p3 2x Model copy; n = 6,
    // n_MC = 3, n_FO = 1, n_DL = 2; alpha = 1 - 5 * 2 / (36 - 9 - 1 - 4) = 1 - 10/22
    assertThat((Double) a.value(0, "krippendorff_alpha"))
        .isCloseTo(1 - 10.0 / 22, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(a.value(0, "coders")).isEqualTo(2L);
  }

  @Test
  void sheetWithoutTypeColumnFails(@TempDir Path dir) throws IOException {
    Path sheet = dir.resolve("s.csv");
    Files.writeString(sheet, "pattern_id,label,coder\np1,x,y\n");
    assertThatThrownBy(() -> LabelSheets.read(List.of(sheet), CODEBOOK, Set.of()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read label sheet '"
                + sheet
                + "': no column 'type' in the header [pattern_id, label, coder]"
                + " (required: pattern_id, type, coder)");
  }

  /** House rule 1: the statistics maths and the pure table code import nothing from Spark. */
  @Test
  void pureCodeImportsNoSpark() throws IOException {
    List<String> spark =
        List.of(
            "StatsStage.java",
            "StatsInputs.java",
            "StatsSchemas.java",
            "SparkRq1.java",
            "SparkRq2.java",
            "SparkRq3.java",
            "PeriodTables.java",
            "PeriodPatternSupport.java",
            "PatternKeys.java");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/tracemine/stats"))) {
      List<Path> pure =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !spark.contains(p.getFileName().toString()))
              .toList();
      assertThat(pure).hasSizeGreaterThan(10);
      for (Path p : pure) {
        assertThat(Files.readString(p)).as(p.toString()).doesNotContain("org.apache.spark");
      }
    }
  }

  private static StatsConfig from(Map<String, String> overrides) {
    return StatsConfig.from(io.tracemine.config.Settings.packagedDefaults().with(overrides));
  }
}
