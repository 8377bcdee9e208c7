package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.spark.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate} measures the patterns the output holds: it mines the held-out knowledge base
 * with the committed {@code mine} run's settings, and records that run as upstream, so a report
 * leaves the evaluation out once {@code mine} is rerun. Before, it mined with its own invocation's
 * settings: after {@code mine --set mine.min-support=5}, a plain {@code evaluate} of a generated
 * corpus (seed 7) reported recall@5 0.667, the figure of min-support 2, where the output's patterns
 * give 0.333.
 */
@ExtendWith(SharedSpark.class)
class EvaluateMineSettingsTest {
  private StringWriter err = new StringWriter();

  private int execute(String... args) {
    err = new StringWriter();
    CommandLine cl = TraceMine.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--quiet");
    return cl.execute(all.toArray(String[]::new));
  }

  private static List<String> evaluation(Path out) {
    return SharedSpark.session()
        .read()
        .parquet(out.resolve("match_evaluation").toString())
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  @Test
  void evaluateMinesWithTheCommittedMineRunsSettings(@TempDir Path dir) throws Exception {
    Path corpus = dir.resolve("corpus");
    Path out = dir.resolve("out");
    String o = out.toString();
    assertThat(execute("generate", "--questions", "400", "--seed", "7", "--output", corpus + ""))
        .as(err.toString())
        .isZero();
    assertThat(execute("ingest", "--input", corpus.resolve("Posts.xml") + "", "--output", o))
        .as(err.toString())
        .isZero();
    assertThat(execute("extract", "--output", o)).as(err.toString()).isZero();
    assertThat(execute("mine", "--output", o, "--set", "mine.min-support=5"))
        .as(err.toString())
        .isZero();

    assertThat(execute("evaluate", "--output", o)).as(err.toString()).isZero();
    List<String> plain = evaluation(out);
    assertThat(execute("evaluate", "--output", o, "--set", "mine.min-support=5"))
        .as(err.toString())
        .isZero();
    assertThat(evaluation(out)).isEqualTo(plain);
    assertThat(plain).first().asString().startsWith("[tracemine,9,");

    var manifest = new ObjectMapper().readTree(out.resolve("_COMMITTED-evaluate.json").toFile());
    var mine = new ObjectMapper().readTree(out.resolve("_COMMITTED-mine.json").toFile());
    assertThat(manifest.get("upstream").get("mine").asText())
        .isEqualTo(mine.get("run_id").asText());
  }
}
