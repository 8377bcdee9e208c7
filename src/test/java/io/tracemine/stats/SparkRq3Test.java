package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RQ3 sheets' example questions drawn with Spark ({@link SparkRq3}) equal the driver's ({@link
 * Rq3Sheets#fromLinks}, the oracle) for every sheet row, with 1, 2 and 7 partitions.
 */
@ExtendWith(SharedSpark.class)
class SparkRq3Test {
  private static final String[] LIBRARIES = {"keras", "nltk", "pandas", "scikit-learn", "torch"};
  private final SparkSession spark = SharedSpark.session();

  /**
   * Seeded random patterns (item lists shared by 1-5 libraries, so round 1 has rows), links with
   * repeated questions and links to unknown patterns, members without any link (their
   * example_question_ids count instead) and one pattern with 6,000 questions (several replay blocks
   * of the shuffle).
   */
  @Test
  void equalsTheDriverOnSeededRandomSheets() {
    int checked = 0;
    int bigSheets = 0;
    for (long seed = 1; seed <= 2; seed++) {
      Random rnd = new Random(seed);
      List<PatternFacts> patterns = new ArrayList<>();
      List<TraceLink> links = new ArrayList<>();
      for (int item = 0; item < 12; item++) {
        List<String> items = List.of("f" + item + ".py:g", "h.py:k" + item % 3);
        int libraries = 1 + rnd.nextInt(LIBRARIES.length);
        for (int l = 0; l < libraries; l++) {
          String library = LIBRARIES[(item + l) % LIBRARIES.length];
          String id = String.format("%08x", rnd.nextInt());
          List<Long> examples = List.of(900_000L + rnd.nextInt(50), 900_100L + rnd.nextInt(50));
          int questions = item == 0 && l == 0 ? 6_000 : rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(40);
          for (int q = 0; q < questions; q++) {
            long question = item == 0 ? q : rnd.nextInt(200);
            links.add(new TraceLink(library, id, library + "-" + q, question));
          }
          patterns.add(
              new PatternFacts(
                  library, id, items, items.size(), Math.max(1, questions), 2, examples));
        }
      }
      links.add(new TraceLink("keras", "unknown", "t", 5));
      List<Rq3Sheets.Sheet> sheets = new ArrayList<>(Rq3Sheets.round1Sheets(patterns));
      Rq3Sheets.round2Sheets(patterns, 8, seed).values().forEach(sheets::addAll);
      assertThat(sheets).as("seed %d has sheet rows", seed).hasSizeGreaterThan(8);
      bigSheets +=
          (int)
              sheets.stream()
                  .filter(s -> s.members().stream().anyMatch(p -> p.support() == 6_000))
                  .count();
      Rq3Sheets.ExampleUrls expected = Rq3Sheets.fromLinks(patterns, links, 5, seed);
      for (int partitions : new int[] {1, 2, 7}) {
        Dataset<Row> linkTable =
            spark
                .createDataFrame(StatsStageOracleTest.linkRows(links), Schemas.PATTERN_TRACE_LISTS)
                .repartition(partitions);
        Rq3Sheets.ExampleUrls actual = SparkRq3.exampleUrls(spark, linkTable, sheets, 5, seed);
        Map<String, String> got = new HashMap<>();
        Map<String, String> want = new HashMap<>();
        for (Rq3Sheets.Sheet s : sheets) {
          got.put(s.key(), actual.urls(s));
          want.put(s.key(), expected.urls(s));
        }
        assertThat(got).as("seed %d, %d partitions", seed, partitions).isEqualTo(want);
        // pattern_id as the mine stage stores it, 20 bytes (here the 8 hex digits unhexed)
        Rq3Sheets.ExampleUrls binary =
            SparkRq3.exampleUrls(spark, SparkRq2Test.unhexed(linkTable), sheets, 5, seed);
        Map<String, String> gotBinary = new HashMap<>();
        sheets.forEach(s -> gotBinary.put(s.key(), binary.urls(s)));
        assertThat(gotBinary)
            .as("seed %d, %d partitions, binary ids", seed, partitions)
            .isEqualTo(want);
        checked += sheets.size();
      }
      assertThat(expected.urls(sheets.get(0))).as("examples are drawn").contains(" ");
    }
    assertThat(checked).isGreaterThan(50);
    assertThat(bigSheets).as("sheet rows with the 6,000-question pattern").isPositive();
  }

  @Test
  void noSheetsNeedNoSparkJob() {
    Dataset<Row> empty = spark.createDataFrame(List.of(), Schemas.PATTERN_TRACE_LISTS);
    Rq3Sheets.ExampleUrls urls = SparkRq3.exampleUrls(spark, empty, List.of(), 5, 1);
    assertThat(urls.urls(new Rq3Sheets.Sheet("k", "id", List.of(), 0))).isEmpty();
  }
}
