package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCorpusTest {
  @TempDir Path dir;

  @Test
  void parsesItsOptions() {
    GenerateCorpus cmd = new GenerateCorpus();
    new CommandLine(cmd)
        .parseArgs("--questions", "100", "--seed", "9", "--out", "/tmp/x", "--gzip");
    assertThat(cmd.questions).isEqualTo(100);
    assertThat(cmd.seed).isEqualTo(9);
    assertThat(cmd.out).isEqualTo(Path.of("/tmp/x"));
    assertThat(cmd.gzip).isTrue();
    GenerateCorpus defaults = new GenerateCorpus();
    new CommandLine(defaults).parseArgs("--questions", "1", "--out", "d");
    assertThat(defaults.seed).isEqualTo(42);
    assertThat(defaults.gzip).isFalse();
  }

  @Test
  void rejectsANonPositiveSize() {
    assertThatThrownBy(
            () ->
                GenerateCorpus.write(
                    new CorpusGenerator(1), 0, dir, GenerateCorpus.Compression.NONE))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot generate a corpus: --questions is 0 but must be >= 1");
  }

  @Test
  void writesPostsGroundTruthAndRunsThatAgree() throws Exception {
    GenerateCorpus.Summary s =
        GenerateCorpus.write(new CorpusGenerator(5), 400, dir, GenerateCorpus.Compression.NONE);
    List<java.util.Map<String, String>> rows =
        PostsXmlWriterTest.parse(Files.readAllBytes(dir.resolve("Posts.xml")));
    assertThat(rows).hasSize((int) s.posts());
    assertThat(rows.stream().filter(r -> r.get("PostTypeId").equals("1"))).hasSize(400);
    List<String> planted = Files.readAllLines(dir.resolve("planted.jsonl"), StandardCharsets.UTF_8);
    assertThat(planted).hasSize((int) s.plantedTraces()).isNotEmpty();
    long expected = 0;
    CorpusGenerator g = new CorpusGenerator(5);
    for (int i = 0; i < 400; i++) {
      GeneratedQuestion q = g.question(i);
      expected += q.distractor() ? 0 : q.traces().size();
    }
    assertThat(s.plantedTraces()).isEqualTo(expected);
    List<String> runs = Files.readAllLines(dir.resolve("runs.jsonl"), StandardCharsets.UTF_8);
    assertThat(runs).hasSize(CorpusGenerator.runs().size());
    assertThat(runs.get(0)).startsWith("{\"run_id\":0,\"name\":\"tf.keras.fit2\"");
    assertThat(s.questionsPerSecond()).isPositive();
  }

  @Test
  void mainWritesGzippedFiles() throws IOException {
    int code =
        new CommandLine(new GenerateCorpus())
            .execute("--questions", "50", "--out", dir.toString(), "--gzip");
    assertThat(code).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "Posts.xml.gz",
              "planted.jsonl.gz",
              "runs.jsonl",
              // duplicates are planted by default (rate 0.03): their links and ground truth
              "PostLinks.xml.gz",
              "duplicates.jsonl");
    }
  }

  @Test
  void corpusCodeDoesNotImportSpark() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/tracemine/corpus"))) {
      for (Path f : files.toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.apache.spark");
      }
    }
  }
}
