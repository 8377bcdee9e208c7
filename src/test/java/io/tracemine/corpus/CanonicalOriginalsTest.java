package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Duplicates closed against canonical questions (accepted answer, high score), as on SO. */
class CanonicalOriginalsTest {
  private static final int QUESTIONS = 3000;
  private static final Instant END = Instant.parse("2021-01-01T00:00:00Z");

  private static long index(long id) {
    return (id - CorpusGenerator.FIRST_ID) / CorpusGenerator.ID_STRIDE;
  }

  private static int median(List<Integer> values) {
    List<Integer> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void canonicalQuestionsHaveAnAcceptedAnswerAndHighScores() {
    CorpusGenerator g = new CorpusGenerator(42, 0.03, true);
    CorpusGenerator plain = new CorpusGenerator(42);
    List<Integer> scores = new ArrayList<>();
    List<Integer> acceptedScores = new ArrayList<>();
    List<Integer> otherScores = new ArrayList<>();
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = g.question(i);
      GeneratedPost question = q.question();
      if (!g.canonical(i)) {
        otherScores.add(question.score());
        continue;
      }
      assertThat(q.duplicate()).isNull();
      assertThat(question.acceptedAnswerId()).as("question %d", question.id()).isNotNull();
      List<GeneratedPost> answers = q.posts().subList(1, q.posts().size());
      assertThat(question.answerCount()).isEqualTo(answers.size()).isPositive();
      GeneratedPost accepted =
          answers.stream()
              .filter(a -> a.id() == question.acceptedAnswerId())
              .findFirst()
              .orElseThrow();
      for (int k = 0; k < answers.size(); k++) {
        GeneratedPost a = answers.get(k);
        assertThat(a.id()).isEqualTo(question.id() + 1 + k);
        assertThat(a.parentId()).isEqualTo(question.id());
        assertThat(a.creationDate()).isAfter(question.creationDate()).isBefore(END);
      }
      scores.add(question.score());
      acceptedScores.add(accepted.score());
      // the same question as without duplicates, only answered, accepted and voted up
      GeneratedPost before = plain.question(i).question();
      assertThat(question.body()).isEqualTo(before.body());
      assertThat(question.title()).isEqualTo(before.title());
      assertThat(question.creationDate()).isEqualTo(before.creationDate());
      assertThat(question.score()).isGreaterThanOrEqualTo(before.score());
      assertThat(q.traces()).isEqualTo(plain.question(i).traces());
    }
    // about 8% canonical; question score median ~12, the accepted answer's ~20 (log-normal)
    assertThat(scores.size()).isBetween(QUESTIONS * 6 / 100, QUESTIONS * 10 / 100);
    assertThat(median(scores)).isBetween(9, 16);
    assertThat(median(acceptedScores)).isBetween(15, 27);
    assertThat(median(otherScores)).isBetween(0, 2);
    long high = scores.stream().filter(s -> s >= 30).count();
    assertThat(high).as("a long tail of well-voted canonicals").isPositive();
  }

  @Test
  void everyOriginalIsAnEarlierCanonicalTracedQuestion() {
    for (long seed : new long[] {42, 7}) {
      CorpusGenerator g = new CorpusGenerator(seed, 0.03, true);
      int duplicates = 0;
      for (long i = 0; i < QUESTIONS; i++) {
        PlantedDuplicate d = g.duplicate(i);
        if (d == null) {
          continue;
        }
        duplicates++;
        long j = index(d.originalId());
        assertThat(j).isLessThan(i).isGreaterThanOrEqualTo(i - 400);
        assertThat(g.canonical(j)).as("original of %s", d).isTrue();
        GeneratedQuestion original = g.question(j);
        assertThat(original.duplicate()).isNull();
        assertThat(original.distractor()).isFalse();
        assertThat(original.traces()).isNotEmpty();
        assertThat(original.traces().get(0).variant()).isNotEqualTo("recursion");
        assertThat(original.question().acceptedAnswerId()).isNotNull();
        assertThat(g.question(i).question().creationDate())
            .isAfter(original.question().creationDate());
      }
      // the duplicate rate stays about 3% (measured 3.20% at seed 42, 2.70% at seed 7)
      assertThat(duplicates)
          .as("seed %d", seed)
          .isBetween(QUESTIONS * 24 / 1000, QUESTIONS * 36 / 1000);
    }
  }

  @Property(tries = 60)
  void everyOtherQuestionIsUnchanged(
      @ForAll @LongRange(min = -1000, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 20_000) int index) {
    CorpusGenerator canonical = new CorpusGenerator(seed, 0.03, true);
    GeneratedQuestion q = canonical.question(index);
    if (q.duplicate() == null && !canonical.canonical(index)) {
      assertThat(q).isEqualTo(new CorpusGenerator(seed).question(index));
    }
  }

  @Property(tries = 40)
  void noCanonicalsWithoutTheModelOrWithoutDuplicates(
      @ForAll @LongRange(min = -1000, max = 1000) long seed,
      @ForAll @IntRange(min = 0, max = 20_000) int index) {
    assertThat(new CorpusGenerator(seed, 0.03, false).canonical(index)).isFalse();
    assertThat(new CorpusGenerator(seed, 0, true).canonical(index)).isFalse();
    assertThat(new CorpusGenerator(seed, 0, true).question(index))
        .isEqualTo(new CorpusGenerator(seed).question(index));
  }

  @Test
  void theGenerateOptionChoosesTheModel() {
    GenerateCorpus cmd = new GenerateCorpus();
    new CommandLine(cmd).parseArgs("--questions", "1", "--originals", "canonical");
    assertThat(cmd.generator().canonicalOriginals()).isTrue();
    GenerateCorpus defaults = new GenerateCorpus();
    new CommandLine(defaults).parseArgs("--questions", "1");
    assertThat(defaults.generator().canonicalOriginals())
        .isEqualTo(CorpusGenerator.DEFAULT_CANONICAL_ORIGINALS);
    assertThatThrownBy(() -> new CommandLine(new GenerateCorpus()).parseArgs("--originals", "best"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("Invalid value for option '--originals'")
        .hasMessageContaining("expected one of [any, canonical]");
  }
}
