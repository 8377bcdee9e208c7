package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded properties of {@link JvmTraceParser}: never throws; every frame comes from a line that
 * prints exactly that frame (nothing invented from prose); random well-formed traces with causes
 * and elisions are recovered exactly; 10 MB of adversarial text parses far below a hang bound.
 */
class JvmTraceParserPropertiesTest {
  private final JvmTraceParser parser = new JvmTraceParser();

  /** A printed exception: type, message, frames as {class, method, location}. */
  record Printed(String type, String message, List<String[]> frames, Integer more) {}

  @Property(tries = 300, seed = "20261130")
  void neverThrowsAndNeverInventsFrames(@ForAll("soup") String text) {
    List<JvmTrace> found = parser.parse(text);
    List<String> lines = text.lines().map(String::strip).toList();
    for (JvmTrace j : found) {
      assertThat(j.traceback().frames().size() + (j.traceback().exceptionType() == null ? 0 : 1))
          .isPositive();
      for (Frame f : j.traceback().frames()) {
        String printed =
            f.file()
                + "."
                + f.function()
                + "("
                + (f.line() == null ? f.rawPath() : f.rawPath() + ":" + f.line())
                + ")";
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("at ").contains(printed));
      }
    }
    assertThat(found.stream().mapToInt(j -> j.traceback().frames().size()).sum())
        .isLessThanOrEqualTo((int) lines.stream().filter(l -> l.startsWith("at ")).count());
  }

  @Property(tries = 300, seed = "20261131")
  void proseWithoutFrameLinesGivesNothing(@ForAll("prose") String text) {
    assertThat(parser.parse(text)).isEmpty();
  }

  @Property(tries = 300, seed = "20261132")
  void recoversGeneratedCauseChainsExactly(@ForAll("chains") List<Printed> chain) {
    StringBuilder sb = new StringBuilder("py4j.protocol.Py4JJavaError: An error occurred.\n: ");
    for (int i = 0; i < chain.size(); i++) {
      Printed p = chain.get(i);
      sb.append(i == 0 ? "" : "Caused by: ")
          .append(p.type())
          .append(p.message() == null ? "" : ": " + p.message())
          .append('\n');
      for (String[] f : p.frames()) {
        sb.append("\tat ")
            .append(f[0])
            .append('.')
            .append(f[1])
            .append('(')
            .append(f[2])
            .append(")\n");
      }
      if (p.more() != null) {
        sb.append("\t... ").append(p.more()).append(" more\n");
      }
    }
    List<JvmTrace> found = parser.parse(sb.toString());
    assertThat(found).hasSize(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      Printed p = chain.get(i);
      Traceback t = found.get(i).traceback();
      assertThat(t.position()).isEqualTo(i);
      assertThat(t.exceptionType()).isEqualTo(p.type());
      assertThat(t.message()).isEqualTo(p.message());
      assertThat(t.frames()).hasSize(p.frames().size());
      for (int k = 0; k < p.frames().size(); k++) {
        assertThat(t.frames().get(k).file()).isEqualTo(p.frames().get(k)[0]);
        assertThat(t.frames().get(k).function()).isEqualTo(p.frames().get(k)[1]);
      }
      assertThat(t.chainedFrom()).isEqualTo(i + 1 < chain.size() ? i + 1 : null);
      assertThat(found.get(i).commonFramesOmitted()).isEqualTo(p.more());
      assertThat(found.get(i).carried()).isTrue();
      assertThat(found.get(i).group()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "at ",
        "at a.b(",
        "at a.B.c(B.java:1)\n",
        "(((",
        ": java.lang.X: ",
        "Caused by: a.BError\n",
        "... 1 more\n",
        "Driver stacktrace:\n\tat a.B.c(B.java:1)\n",
        "java.lang.RuntimeException: Traceback (most recent call last)\n",
        "\n",
        "at a.b.c(X"
      })
  void tenMegabytesOfOneRepeatedFragment(String unit) {
    String text = unit.repeat(10 * 1024 * 1024 / unit.length());
    List<JvmTrace> found =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parser.parse(text));
    assertThat(found).isNotNull();
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "at ",
            "\tat ",
            "a.B.c",
            "(",
            ")",
            "B.java",
            ":12",
            "Native Method",
            "Unknown Source",
            "\n",
            " ",
            "Caused by: ",
            "java.lang.X",
            "Exception",
            "Error",
            ": ",
            "... 3 more",
            "Driver stacktrace:",
            "Traceback (most recent call last)",
            "~[x.jar:1]",
            "java.base/",
            "least",
            ".",
            "$1",
            "<init>",
            "Suppressed: ",
            "\t",
            "x");
    return pieces.list().ofMaxSize(80).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> prose() {
    Arbitrary<String> words =
        Arbitraries.of(
            "the",
            "job",
            "failed",
            "java.lang.OutOfMemoryError:",
            "org.apache.spark.SparkException",
            "Caused",
            "by:",
            "at",
            "least",
            "(see",
            "Pipeline.fit)",
            "... 3 more",
            ": java.lang.X",
            "at foo.bar(baz)",
            "Driver stacktrace:",
            "\n",
            "\n");
    return words
        .list()
        .ofMaxSize(60)
        .map(l -> String.join(" ", l).replace("\n at", "\n x at").replace("\n\tat", "\n x"))
        .filter(s -> s.lines().noneMatch(line -> line.strip().startsWith("at ")));
  }

  @Provide
  Arbitrary<List<Printed>> chains() {
    Arbitrary<String> ident =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> cls =
        Combinators.combine(ident, ident, Arbitraries.of("Foo", "Bar$1", "Baz"))
            .as((a, b, c) -> a + "." + b + "." + c);
    Arbitrary<String> type =
        Combinators.combine(
                ident,
                Arbitraries.of(
                    "IOException",
                    "SparkException",
                    "OutOfMemoryError",
                    "IllegalArgumentException"))
            .as((a, b) -> a + "." + b);
    Arbitrary<String> location =
        Combinators.combine(
                Arbitraries.of("Foo.java", "Rdd.scala", "Native Method", "Unknown Source"),
                Arbitraries.integers().between(1, 5000))
            .as((file, line) -> file.contains(" ") ? file : file + ":" + line);
    Arbitrary<String[]> frame =
        Combinators.combine(
                cls, Arbitraries.of("run", "fit", "<init>", "$anonfun$fit$5", "apply"), location)
            .as((c, m, l) -> new String[] {c, m, l});
    Arbitrary<String> message =
        Arbitraries.of(
                "boom",
                "Job aborted due to stage failure: x",
                "requirement failed: Column features must be of type vector",
                "Java heap space")
            .injectNull(0.3);
    Arbitrary<Printed> printed =
        Combinators.combine(
                type,
                message,
                frame.list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.integers().between(1, 99).injectNull(0.4))
            .as(Printed::new);
    return printed.list().ofMinSize(1).ofMaxSize(4).map(ArrayList::new);
  }
}
