package io.tracemine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedQuestion;
import io.tracemine.corpus.PlantedTrace;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractStage;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.PostsSource;
import io.tracemine.mine.MineConfig;
import io.tracemine.mine.MineStage;
import io.tracemine.mine.PatternTraces;
import io.tracemine.spark.SharedSpark;
import io.tracemine.stats.StatsConfig;
import io.tracemine.stats.StatsInputs;
import io.tracemine.stats.StatsStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stages chained on the bundled corpus, in one JVM: Tables 1 and 5 must equal what the
 * generator says it planted (computed here from the generator alone, not from any stage); they
 * count Python traces only, and the JVM traces planted in Py4J errors are in {@code traces} with
 * their parent and are mined.
 */
@ExtendWith(SharedSpark.class)
class BundledRunGroundTruthTest {
  private static final int QUESTIONS = 3_000;
  private final SparkSession spark = SharedSpark.session();

  @Test
  void tables1And5MatchTheGeneratorsGroundTruth() {
    IngestConfig ingest = IngestConfig.from(TestSettings.withOverrides(null, Map.of()), Map.of());
    var posts = new IngestStage(spark, ingest).run(new PostsSource(spark, ingest).read()).posts();
    var extracted = new ExtractStage(spark, ExtractConfig.defaults()).run(posts);
    var mined = new MineStage(spark, MineConfig.defaults()).run(extracted.traces());
    Map<String, org.apache.spark.sql.Dataset<Row>> tables =
        new StatsStage(spark, StatsConfig.defaults())
            .run(
                StatsInputs.of(
                    extracted.questions(),
                    extracted.traces(),
                    mined.patterns(),
                    PatternTraces.lists(mined.patternTraces())));

    Map<String, long[]> expected = new TreeMap<>(); // questions, with code, with trace, instances
    List<String> expectedJvm = new ArrayList<>();
    long distinctInstances = 0;
    CorpusGenerator generator = new CorpusGenerator(42, CorpusGenerator.DEFAULT_DUPLICATE_RATE);
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = generator.question(i);
      boolean withFrames = q.traces().stream().anyMatch(t -> t.isPython() && !t.frames().isEmpty());
      for (String library : q.libraries()) {
        long[] e = expected.computeIfAbsent(library, k -> new long[4]);
        e[0]++;
        e[1] += q.hasCodeBlock() ? 1 : 0;
        e[2] += withFrames ? 1 : 0;
      }
      List<PlantedTrace> python = q.traces().stream().filter(PlantedTrace::isPython).toList();
      distinctInstances += q.libraries().isEmpty() ? 0 : python.size();
      for (PlantedTrace t : python) {
        for (String library : q.libraries()) {
          expected.get(library)[3]++;
        }
      }
      for (PlantedTrace t : q.traces()) {
        if (!t.isPython()) {
          for (String library : q.libraries()) {
            expectedJvm.add(
                library
                    + " "
                    + t.questionId()
                    + "-"
                    + t.blockIndex()
                    + "-"
                    + t.position()
                    + " parent "
                    + t.questionId()
                    + "-"
                    + t.blockIndex()
                    + "-"
                    + t.parentPosition()
                    + " "
                    + t.exceptionType()
                    + " frames "
                    + t.frames().size());
          }
        }
      }
    }
    Map<String, long[]> actual = new TreeMap<>();
    for (Row r : tables.get("table1_population").collectAsList()) {
      if (!r.getString(0).equals("all")) {
        actual.put(
            r.getString(0),
            new long[] {r.getAs("questions"), r.getAs("with_code"), r.getAs("with_trace"), 0});
      }
    }
    for (Row r : tables.get("table5_instances").collectAsList()) {
      if (r.getString(0).equals("all")) {
        assertThat((Long) r.getAs("instances"))
            .as("all libraries, each instance once")
            .isEqualTo(distinctInstances);
      }
      if (actual.containsKey(r.getString(0))) {
        actual.get(r.getString(0))[3] = r.getAs("instances");
      }
    }
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (library, e) -> assertThat(actual.get(library)).as(library).containsExactly(e));

    List<String> actualJvm = new ArrayList<>();
    for (Row r : extracted.traces().filter("language = 'jvm'").collectAsList()) {
      actualJvm.add(
          r.getAs("library")
              + " "
              + r.getAs("trace_id")
              + " parent "
              + r.getAs("parent_trace_id")
              + " "
              + r.getAs("exception_type")
              + " frames "
              + r.<Integer>getAs("frame_count"));
    }
    assertThat(expectedJvm).hasSizeGreaterThan(5);
    assertThat(actualJvm).containsExactlyInAnyOrderElementsOf(expectedJvm);
    // JVM frames are mined in the default profile: every JVM instance with a frame is in a pattern
    long jvmWithPatterns =
        PatternTraces.pairs(mined.patternTraces())
            .select("library", "trace_id")
            .join(
                extracted.traces().filter("language = 'jvm'"),
                new String[] {"library", "trace_id"},
                "left_semi")
            .select("trace_id")
            .distinct()
            .count();
    assertThat(jvmWithPatterns).isEqualTo(expectedJvm.size());
  }
}
