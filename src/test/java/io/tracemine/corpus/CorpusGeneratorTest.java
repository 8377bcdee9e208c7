package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
  private static final int N = 2000;
  private static final List<GeneratedQuestion> SAMPLE = new ArrayList<>();

  @BeforeAll
  static void generate() {
    CorpusGenerator g = new CorpusGenerator(7);
    for (int i = 0; i < N; i++) {
      SAMPLE.add(g.question(i));
    }
  }

  @Test
  void sameSeedSameQuestionsInAnyOrder() {
    CorpusGenerator g = new CorpusGenerator(7);
    for (int i = N - 1; i >= 0; i -= 3) {
      assertThat(g.question(i)).isEqualTo(SAMPLE.get(i));
    }
    assertThat(new CorpusGenerator(8).question(5)).isNotEqualTo(SAMPLE.get(5));
  }

  @Property(tries = 30)
  void questionDependsOnlyOnSeedAndIndex(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 10_000_000) long index) {
    CorpusGenerator a = new CorpusGenerator(seed);
    a.question(index + 1);
    assertThat(a.question(index)).isEqualTo(new CorpusGenerator(seed).question(index));
  }

  @Test
  void rejectsNegativeIndex() {
    assertThatThrownBy(() -> new CorpusGenerator(1).question(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot generate question -1: the index must be >= 0");
  }

  @Test
  void postsAreConsistentStackOverflowRows() {
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < N; i++) {
      GeneratedQuestion q = SAMPLE.get(i);
      GeneratedPost question = q.question();
      assertThat(question.id()).isEqualTo(CorpusGenerator.questionId(i));
      assertThat(question.postTypeId()).isEqualTo(1);
      assertThat(question.parentId()).isNull();
      assertThat(question.title()).isNotBlank().hasSizeLessThanOrEqualTo(150);
      assertThat(question.answerCount()).isEqualTo(q.posts().size() - 1);
      assertThat(question.viewCount()).isPositive();
      assertThat(question.creationDate().toString()).isBetween("2009", "2021");
      Set<Long> answerIds = new HashSet<>();
      for (GeneratedPost a : q.posts().subList(1, q.posts().size())) {
        assertThat(a.postTypeId()).isEqualTo(2);
        assertThat(a.parentId()).isEqualTo(question.id());
        assertThat(a.creationDate()).isAfter(question.creationDate());
        assertThat(a.creationDate().toString()).isLessThan("2021");
        assertThat(a.title()).isNull();
        assertThat(a.tags()).isNull();
        assertThat(a.id()).isBetween(question.id() + 1, question.id() + 9);
        answerIds.add(a.id());
      }
      if (question.acceptedAnswerId() != null) {
        assertThat(answerIds).contains(question.acceptedAnswerId());
      }
      for (GeneratedPost p : q.posts()) {
        assertThat(ids.add(p.id())).as("unique id %s", p.id()).isTrue();
      }
    }
  }

  @Test
  void selectionMatchesTheStudyRule() {
    for (GeneratedQuestion q : SAMPLE) {
      List<String> byRule = StudyRules.libraries(q.question().tags());
      if (q.distractor()) {
        assertThat(byRule).as("distractor tags %s", q.question().tags()).isEmpty();
        assertThat(q.libraries()).isEmpty();
      } else {
        assertThat(StudyRules.tags(q.question().tags())).containsAnyOf("python", "python-3.x");
        assertThat(byRule)
            .as("tags %s", q.question().tags())
            .containsExactlyInAnyOrderElementsOf(q.libraries());
        assertThat(StudyRules.tags(q.question().tags()).size()).isBetween(2, 5);
      }
    }
  }

  @Test
  void distributionsAreRoughlyAsSpecified() {
    int distractors = 0;
    int selected = 0;
    int withCode = 0;
    int withTrace = 0;
    int memberships = 0;
    int answered = 0;
    Map<String, Integer> perLibrary = new HashMap<>();
    Map<String, Integer> os = new HashMap<>();
    Map<String, Integer> variants = new HashMap<>();
    Map<String, Integer> formats = new HashMap<>();
    for (GeneratedQuestion q : SAMPLE) {
      if (q.distractor()) {
        distractors++;
        continue;
      }
      selected++;
      withCode += q.hasCodeBlock() ? 1 : 0;
      withTrace += q.traces().isEmpty() ? 0 : 1;
      answered += q.question().answerCount() > 0 ? 1 : 0;
      for (String lib : q.libraries()) {
        perLibrary.merge(lib, 1, Integer::sum);
        memberships++;
      }
      for (PlantedTrace t : q.traces()) {
        os.merge(t.os(), 1, Integer::sum);
        variants.merge(t.variant(), 1, Integer::sum);
        formats.merge(t.format(), 1, Integer::sum);
      }
    }
    assertThat(distractors / (double) N).isCloseTo(0.10, within(0.03));
    assertThat(withCode / (double) selected).isCloseTo(0.80, within(0.05));
    assertThat(withTrace / (double) selected).isCloseTo(0.15, within(0.04));
    assertThat(answered / (double) selected).isCloseTo(0.69, within(0.08));
    double m = memberships;
    assertThat(perLibrary.get("tensorflow") / m).isCloseTo(0.40, within(0.05));
    assertThat(perLibrary.get("keras") / m).isCloseTo(0.22, within(0.04));
    assertThat(perLibrary.get("scikit-learn") / m).isCloseTo(0.18, within(0.04));
    assertThat(perLibrary.get("pytorch") / m).isCloseTo(0.06, within(0.025));
    assertThat(perLibrary.get("nltk") / m).isCloseTo(0.06, within(0.025));
    assertThat(perLibrary.get("huggingface") / m).isGreaterThan(0.0).isLessThan(0.02);
    assertThat(perLibrary.get("spark-ml") / m).isGreaterThan(0.0).isLessThan(0.02);
    int traces = os.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(os.get("unix") / (double) traces).isCloseTo(0.68, within(0.08));
    assertThat(variants.keySet())
        .contains("plain", "chained", "repeated", "truncated", "recursion");
    assertThat(formats.get("ipython") / (double) traces).isCloseTo(0.25, within(0.08));
  }

  @Test
  void everyPlantedFrameAppearsVerbatimInItsBlockInOrder() {
    int checked = 0;
    for (GeneratedQuestion q : SAMPLE) {
      checked += checkTraces(q);
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Property(tries = 40)
  void plantedFramesAppearVerbatimForAnySeed(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 1_000_000) long index) {
    CorpusGenerator g = new CorpusGenerator(seed);
    for (long i = index; i < index + 20; i++) {
      checkTraces(g.question(i));
    }
  }

  @Test
  void plantedRunsMatchTheFramesTheyClaim() {
    List<PlantedRun> runs = CorpusGenerator.runs();
    Map<Integer, Integer> counts = new HashMap<>();
    for (GeneratedQuestion q : SAMPLE) {
      for (PlantedTrace t : q.traces()) {
        for (RunOccurrence r : t.runs()) {
          List<RunItem> items = runs.get(r.runId()).items();
          List<RunItem> actual = new ArrayList<>();
          for (PlantedFrame f : t.frames().subList(r.start(), r.start() + items.size())) {
            actual.add(new RunItem(f.file(), f.function()));
          }
          assertThat(actual).isEqualTo(items);
          counts.merge(r.runId(), 1, Integer::sum);
        }
      }
    }
    long reused = counts.values().stream().filter(c -> c >= 2).count();
    assertThat(reused).isGreaterThan(40);
    assertThat(runs.stream().filter(r -> r.libraries().size() >= 2).map(PlantedRun::name))
        .contains("tf.keras.fit2", "torch.module.call", "tf.keras.base_layer.call");
  }

  /** Checks the traces of one question against its body, parsed by jsoup; returns how many. */
  static int checkTraces(GeneratedQuestion q) {
    Document doc = Jsoup.parse(q.question().body());
    List<Element> blocks = new ArrayList<>();
    for (Element e : doc.select("pre, p, ul, ol")) {
      boolean nested = e.parents().stream().anyMatch(a -> a.is("pre, p, ul, ol"));
      if (!nested) {
        blocks.add(e);
      }
    }
    assertThat(q.hasCodeBlock()).isEqualTo(!doc.select("pre").isEmpty());
    Map<Integer, Integer> cursor = new HashMap<>();
    Map<Integer, Integer> jvmCursor = new HashMap<>();
    for (PlantedTrace t : q.traces()) {
      if (!t.isPython()) {
        checkJvmTrace(t, blocks, jvmCursor);
        continue;
      }
      assertThat(t.questionId()).isEqualTo(q.question().id());
      assertThat(t.frames()).isNotEmpty();
      Element block = blocks.get(t.blockIndex());
      assertThat(block.tagName()).isEqualTo(t.blockKind());
      String text = block.wholeText().replaceAll("\\[[0-9];[0-9]+m|\\[0m", "");
      int at = cursor.getOrDefault(t.blockIndex(), 0);
      for (PlantedFrame f : t.frames()) {
        String expected =
            t.format().equals("ipython")
                ? f.rawPath() + " in " + f.function()
                : "File \"" + f.rawPath() + "\", line " + f.line() + ", in " + f.function();
        int found = text.indexOf(expected, at);
        assertThat(found)
            .as("frame %s of trace %s in block:%n%s", expected, t, text)
            .isGreaterThanOrEqualTo(0);
        at = found + 1;
        assertThat(f.file()).isEqualTo(FileNames.normalise(f.rawPath()));
      }
      if (t.exceptionType() != null) {
        int found =
            text.indexOf(t.exceptionType() + (t.message().isEmpty() ? "" : ": " + t.message()), at);
        assertThat(found).as("exception line of %s", t).isGreaterThanOrEqualTo(0);
        at = found + 1;
      }
      cursor.put(t.blockIndex(), at);
      if (t.chainedFrom() != null) {
        assertThat(t.chainedFrom()).isEqualTo(t.position() - 1);
        assertThat(t.chainKind()).isIn("context", "cause");
      }
    }
    return q.traces().size();
  }

  /** A JVM trace of a Py4J error: its exception line and {@code at} lines, in order. */
  private static void checkJvmTrace(
      PlantedTrace t, List<Element> blocks, Map<Integer, Integer> cursor) {
    String text = blocks.get(t.blockIndex()).wholeText();
    int at = cursor.getOrDefault(t.blockIndex(), 0);
    String first = t.message() == null ? "" : ": " + t.message().lines().findFirst().orElse("");
    int header = text.indexOf(t.exceptionType() + first, at);
    assertThat(header).as("exception line of %s", t).isGreaterThanOrEqualTo(0);
    at = header + 1;
    for (PlantedFrame f : t.frames()) {
      String expected =
          "at "
              + f.file()
              + "."
              + f.function()
              + "("
              + (f.line() == null ? f.rawPath() : f.rawPath() + ":" + f.line())
              + ")";
      int found = text.indexOf(expected, at);
      assertThat(found).as("frame %s of trace %s", expected, t).isGreaterThanOrEqualTo(0);
      at = found + 1;
    }
    if (t.commonFramesOmitted() != null) {
      at = text.indexOf("... " + t.commonFramesOmitted() + " more", at);
      assertThat(at).as("elision of %s", t).isGreaterThanOrEqualTo(0);
    }
    cursor.put(t.blockIndex(), at);
    assertThat(t.parentPosition()).isNotNull();
    if (t.chainedFrom() != null) {
      assertThat(t.chainedFrom()).isEqualTo(t.position() + 1);
      assertThat(t.chainKind()).isEqualTo("cause");
    }
  }
}
