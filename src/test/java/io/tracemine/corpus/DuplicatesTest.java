package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Planted duplicates: the original's failure through another script, paths and message. */
class DuplicatesTest {
  private static final int QUESTIONS = 1500;
  private static final CorpusGenerator WITH = new CorpusGenerator(42, 0.05, false);
  private static final CorpusGenerator WITHOUT = new CorpusGenerator(42);

  private static long index(long id) {
    return (id - CorpusGenerator.FIRST_ID) / CorpusGenerator.ID_STRIDE;
  }

  /** The library-internal frames of a trace: those inside its planted runs, as file:function. */
  private static List<List<String>> runFrames(PlantedTrace t) {
    List<List<String>> out = new ArrayList<>();
    for (RunOccurrence r : t.runs()) {
      int length = CorpusGenerator.runs().get(r.runId()).items().size();
      List<String> frames = new ArrayList<>();
      for (PlantedFrame f : t.frames().subList(r.start(), r.start() + length)) {
        frames.add(f.file() + ":" + f.function());
      }
      out.add(frames);
    }
    return out;
  }

  /** The frames of a question's traces as file:function, without the {@code <module>} ones. */
  private static Set<String> frames(GeneratedQuestion q) {
    Set<String> out = new HashSet<>();
    q.traces()
        .forEach(
            t ->
                t.frames().stream()
                    .filter(f -> !f.function().equals("<module>"))
                    .forEach(f -> out.add(f.file() + ":" + f.function())));
    return out;
  }

  @Test
  void duplicatesShowTheOriginalsFailureDifferently() {
    int duplicates = 0;
    Set<String> variants = new HashSet<>();
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = WITH.question(i);
      PlantedDuplicate d = q.duplicate();
      if (d == null) {
        // every other question is the same as without duplicates
        assertThat(q).isEqualTo(WITHOUT.question(i));
        continue;
      }
      duplicates++;
      variants.add(d.variant());
      assertThat(d.questionId()).isEqualTo(CorpusGenerator.questionId(i));
      assertThat(d).isEqualTo(WITH.duplicate(i));
      assertThat(d.originalId()).isLessThan(d.questionId());
      GeneratedQuestion original = WITH.question(index(d.originalId()));
      assertThat(original.duplicate()).isNull();
      assertThat(original.distractor()).isFalse();
      assertThat(q.distractor()).isFalse();
      assertThat(q.libraries()).isEqualTo(original.libraries());
      assertThat(q.question().creationDate()).isAfter(original.question().creationDate());
      assertThat(d.linkDate()).isAfterOrEqualTo(q.question().creationDate());
      // the same root cause: a library-internal run of the duplicate is one of the original's
      List<List<String>> originalRuns = new ArrayList<>();
      Set<String> originalPaths = new HashSet<>();
      for (PlantedTrace t : original.traces()) {
        originalRuns.addAll(runFrames(t));
        t.frames().forEach(f -> originalPaths.add(f.rawPath()));
      }
      List<List<String>> duplicateRuns = new ArrayList<>();
      Set<String> duplicatePaths = new HashSet<>();
      for (PlantedTrace t : q.traces()) {
        duplicateRuns.addAll(runFrames(t));
        t.frames().forEach(f -> duplicatePaths.add(f.rawPath()));
      }
      String originalVariant = original.traces().get(0).variant();
      if (d.variant().equals("plain") && originalVariant.equals("plain")) {
        assertThat(duplicateRuns).as("runs of %s", d).containsAnyElementsOf(originalRuns);
      }
      // a cut paste (of either) may keep only part of a run: they still share library frames
      // (unless the failure is in user code alone: a scenario without library frames)
      if (!frames(original).isEmpty()) {
        assertThat(frames(q)).as("frames of %s", d).containsAnyElementsOf(frames(original));
      }
      // another environment and script: the printed paths are not the original's
      assertThat(duplicatePaths).as("paths of %s", d).isNotEqualTo(originalPaths);
    }
    assertThat(duplicates).isBetween(40, 90);
    assertThat(variants).contains("plain", "partial", "truncated");
  }

  @Test
  void partialPastesCutTheOutermostFrames() {
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = WITH.question(i);
      if (q.duplicate() != null && q.duplicate().variant().equals("partial")) {
        PlantedTrace t = q.traces().get(0);
        String body = q.question().body();
        // the first frame printed is not a user script's <module> frame in most partial pastes
        assertThat(t.frames()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(body).contains(t.frames().get(0).function());
        return;
      }
    }
    throw new AssertionError("no partial duplicate in " + QUESTIONS + " questions");
  }

  @Test
  void writesPostLinksAndGroundTruthForEveryDuplicate(@TempDir Path dir) throws IOException {
    GenerateCorpus.Summary s =
        GenerateCorpus.write(WITH, 400, dir, GenerateCorpus.Compression.NONE);
    List<String> truth = Files.readAllLines(dir.resolve("duplicates.jsonl"));
    String xml = Files.readString(dir.resolve("PostLinks.xml"), StandardCharsets.UTF_8);
    assertThat(xml)
        .startsWith("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<postlinks>\r\n")
        .endsWith("</postlinks>\r\n");
    Matcher rows =
        Pattern.compile(
                "  <row Id=\"(\\d+)\" CreationDate=\"([0-9T:.-]+)\" PostId=\""
                    + "(\\d+)\" RelatedPostId=\"(\\d+)\" LinkTypeId=\"3\" />\r\n")
            .matcher(xml);
    List<String> links = new ArrayList<>();
    while (rows.find()) {
      links.add(rows.group(3) + "->" + rows.group(4) + "@" + rows.group(2));
    }
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < 400; i++) {
      PlantedDuplicate d = WITH.duplicate(i);
      if (d != null) {
        expected.add(
            d.questionId()
                + "->"
                + d.originalId()
                + "@"
                + PostsXmlWriter.DATE.format(d.linkDate()));
      }
    }
    assertThat(links).isEqualTo(expected).hasSize((int) s.duplicates()).isNotEmpty();
    assertThat(truth).hasSize(links.size());
    assertThat(truth.get(0))
        .startsWith("{\"question_id\":" + expected.get(0).split("->")[0] + ",\"original_id\":");
  }

  @Test
  void withoutDuplicatesNoPostLinksAreWritten(@TempDir Path dir) {
    GenerateCorpus.Summary s =
        GenerateCorpus.write(WITHOUT, 50, dir, GenerateCorpus.Compression.NONE);
    assertThat(s.duplicates()).isZero();
    assertThat(dir.resolve("PostLinks.xml")).doesNotExist();
    assertThat(dir.resolve("duplicates.jsonl")).doesNotExist();
  }

  @Test
  void rateOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new CorpusGenerator(1, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate a corpus: the duplicate rate is 1.5 but must be in [0, 1]");
    GenerateCorpus cli = new GenerateCorpus();
    new CommandLine(cli).parseArgs("--questions", "5", "--duplicates", "-0.1", "-o", "x");
    assertThatThrownBy(cli::generator)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot generate a corpus: '--duplicates' is -0.1 but must be in [0, 1]");
    new CommandLine(cli).parseArgs("--questions", "5", "-o", "x");
    assertThat(cli.generator().duplicateRate()).isEqualTo(CorpusGenerator.DEFAULT_DUPLICATE_RATE);
  }
}
