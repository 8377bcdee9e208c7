package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage replaces only what TraceMine wrote: a user's folder named like a table is refused. */
class ForeignOutputsTest {
  @TempDir Path out;
  private FileSystem fs;

  @BeforeEach
  void localFileSystem() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  private static Path file(Path path, String content) throws IOException {
    Files.createDirectories(path.getParent());
    return Files.writeString(path, content);
  }

  /** The report's pages staged beside their target, as StageCommit stages a folder. */
  private Map<String, org.apache.hadoop.fs.Path> stagedReport() throws IOException {
    Path staging = out.resolve(".report.staging");
    file(staging.resolve("index.html"), "<html>");
    file(staging.resolve("trends.svg"), "<svg/>");
    return Map.of("report", hadoop(staging));
  }

  private void commitCheck(Map<String, org.apache.hadoop.fs.Path> staged) throws IOException {
    ForeignOutputs.refuse(fs, hadoop(out), "report", staged);
  }

  @Test
  void aUsersFolderNamedLikeTheReportIsRefusedAndKept() throws IOException {
    Path mine = file(out.resolve("report/thesis.docx"), "chapter 1");
    assertThatThrownBy(() -> commitCheck(stagedReport()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("report' was not written by TraceMine")
        .hasMessageContaining("nothing was replaced");
    assertThat(mine).hasContent("chapter 1");
    assertThatThrownBy(() -> ForeignOutputs.requireNoForeignFolder(fs, hadoop(out)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("its folder 'report' was not written by TraceMine");
  }

  @Test
  void whatTraceMineWroteIsReplaced() throws IOException {
    // the pages a run killed before its manifest left, a Spark table, stage parts of rejects
    file(out.resolve("report/index.html"), "<html>old");
    file(out.resolve("posts/_SUCCESS"), "");
    file(out.resolve("posts/part-0.parquet"), "x");
    file(out.resolve("rejects/stage=ingest/_SUCCESS"), "");
    file(out.resolve("counts/._staging-stage=ingest-0000/part-0"), "half");
    file(out.resolve("questions/creation_month=2019-03/part-0.parquet"), "x");
    file(out.resolve("notes/todo.txt"), "a folder no stage writes");
    assertThatCode(() -> commitCheck(stagedReport())).doesNotThrowAnyException();
    // before any work, a directory without manifests holds no report TraceMine wrote (the report
    // stage needs the other stages' manifests): only the tables and unrelated folders pass
    Files.delete(out.resolve("report/index.html"));
    Files.delete(out.resolve("report"));
    assertThatCode(() -> ForeignOutputs.requireNoForeignFolder(fs, hadoop(out)))
        .doesNotThrowAnyException();
  }

  @Test
  void aFolderAManifestNamesIsReplacedWhateverItHolds() throws IOException {
    file(out.resolve("report/old-chart.svg"), "<svg/>");
    Files.write(
        out.resolve(StageManifest.fileName("report")),
        new StageManifest(
                "report",
                "r1",
                "2026-12-07T00:00:00Z",
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of("report/old-chart.svg", new StageManifest.OutputFile(6, "sha256:x")))
            .toJson());
    assertThatCode(() -> commitCheck(stagedReport())).doesNotThrowAnyException();
  }

  @Test
  void aCsvCopyIsTraceMinesWhenItsHeaderIsTheStagedOnes() throws IOException {
    Path staged =
        file(out.resolve(".rising.csv.staging"), "period,library,pattern\n2020,keras,a\n");
    Map<String, org.apache.hadoop.fs.Path> csv = Map.of("rising.csv", hadoop(staged));
    file(out.resolve("rising.csv"), "period,library,pattern\n2019,nltk,b\n");
    assertThatCode(() -> ForeignOutputs.refuse(fs, hadoop(out), "stats", csv))
        .doesNotThrowAnyException();
    file(out.resolve("rising.csv"), "my,own,sheet\n");
    assertThatThrownBy(() -> ForeignOutputs.refuse(fs, hadoop(out), "stats", csv))
        .isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void aMissingOrNewOutputPasses() {
    assertThatCode(() -> ForeignOutputs.requireNoForeignFolder(fs, hadoop(out.resolve("new"))))
        .doesNotThrowAnyException();
  }
}
