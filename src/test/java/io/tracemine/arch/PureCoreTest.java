package io.tracemine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure core (parsers, miner, maths, generator, configuration) imports nothing from Spark. */
class PureCoreTest {
  private static final Path MAIN = Path.of("src/main/java/io/tracemine");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "config",
        "extract/html",
        "extract/traceback",
        "extract/template",
        "mine/ccspan",
        "mine/codec",
        "stats/math",
        "corpus"
      })
  void purePackagesDoNotImportSpark(String pkg) throws IOException {
    assertThat(sparkImporters(MAIN.resolve(pkg))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ingest/Tags.java",
        "ingest/LibrarySelector.java",
        "ingest/LibraryDefinition.java",
        "ingest/PostsXmlLine.java",
        "ingest/BigQueryPushdown.java",
        "ingest/IngestConfig.java",
        "ingest/Utf8.java",
        "ingest/QualityGate.java",
        "ingest/CreationWindow.java",
        "stats/PeriodConfig.java",
        "stats/TracePeriodIndex.java",
        "stats/PatternPeriodCounts.java",
        "report/Percentiles.java",
        "extract/ExtractConfig.java",
        "match/IndexFormat.java",
        "match/IndexBuilder.java",
        "match/KnowledgeIndex.java",
        "match/Matcher.java",
        "match/TraceQuery.java",
        "match/AnswerFormat.java",
        "match/Hit.java",
        "match/SharedPattern.java",
        "match/TraceAnswer.java",
        "match/IndexSummary.java",
        "match/RetrievalMetrics.java",
        "match/KnownTrace.java",
        "match/TraceRanker.java",
        "match/TemplateBaseline.java",
        "match/TfIdfBaseline.java",
        "match/MatcherRanker.java",
        "match/DuplicateEvaluation.java",
        "ingest/PostLinksConfig.java",
        "cli/MatchMain.java",
        "cli/MatchCommand.java",
        "spark/TableStages.java"
      })
  void pureIngestAndExtractClassesDoNotImportSpark(String file) throws IOException {
    assertThat(Files.readString(MAIN.resolve(file))).doesNotContain("import org.apache.spark");
  }

  private static List<Path> sparkImporters(Path dir) throws IOException {
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> read(p).contains("import org.apache.spark"))
          .toList();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
