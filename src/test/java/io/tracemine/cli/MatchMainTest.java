package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.MatchCliTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Spark-free entry point submit.sh starts for 'match' answers like 'tracemine match'. */
class MatchMainTest {
  @TempDir Path dir;

  @Test
  void answersWithTheSameTextAsTheFullCommandLine() throws Exception {
    MatchCliTest.writeKnowledge(dir.resolve("kb"));
    Path trace = Files.writeString(dir.resolve("t.txt"), MatchCliTest.FIT);
    String[] args = {
      "match", "--knowledge", dir.resolve("kb").toString(), "--trace", trace.toString()
    };
    StringWriter viaMain = new StringWriter();
    CommandLine main = MatchMain.commandLine();
    main.setOut(new PrintWriter(viaMain));
    assertThat(main.execute(MatchMain.dropCommandName(args))).isZero();
    StringWriter viaTraceMine = new StringWriter();
    CommandLine full = TraceMine.commandLine();
    full.setOut(new PrintWriter(viaTraceMine));
    assertThat(full.execute(args)).isZero();
    assertThat(viaMain.toString())
        .contains("https://stackoverflow.com/q/11")
        .isEqualTo(viaTraceMine.toString());
    StringWriter err = new StringWriter();
    main.setErr(new PrintWriter(err));
    assertThat(main.execute("--trace", trace.toString(), "-k", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("tracemine: Cannot match: -k is 0 but must be >= 1");
  }
}
