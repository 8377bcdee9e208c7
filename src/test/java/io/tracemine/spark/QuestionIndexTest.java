package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class QuestionIndexTest {
  private static final List<List<String>> SETS =
      List.of(
          List.of("tensorflow"),
          List.of("keras", "tensorflow"),
          List.of("pytorch"),
          List.of(),
          List.of("nltk", "scikit-learn", "spark-ml"));

  record Question(long id, List<String> libraries, Long[] times) {}

  /** Questions with distinct Ids, spread over parts as a partitioning would spread them. */
  @Property(tries = 300)
  void findsEveryQuestionOfEveryPartAndNothingElse(
      @ForAll @Size(max = 200) List<@LongRange(min = -50, max = 400) Long> ids,
      @ForAll @IntRange(min = 1, max = 7) int parts,
      @ForAll @IntRange(min = 0, max = 2) int times,
      @ForAll long seed)
      throws Exception {
    java.util.Random random = new java.util.Random(seed);
    Map<Long, Question> oracle = new TreeMap<>();
    for (long id : ids) {
      Long[] micros = new Long[times];
      for (int t = 0; t < times; t++) {
        micros[t] = random.nextInt(5) == 0 ? null : random.nextLong();
      }
      oracle.putIfAbsent(id, new Question(id, SETS.get(random.nextInt(SETS.size())), micros));
    }
    List<List<Question>> split = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      split.add(new ArrayList<>());
    }
    for (Question q : oracle.values()) {
      split.get(random.nextInt(parts)).add(q);
    }
    List<QuestionIndex.Part> built = new ArrayList<>();
    for (List<Question> part : split) {
      QuestionIndex.Part p = new QuestionIndex.Part(times);
      part.forEach(q -> p.add(q.id(), q.libraries(), q.times()));
      built.add(shipped(p.trimmed()));
    }
    QuestionIndex index = shipped(QuestionIndex.merge(times, built));

    assertThat(index.size()).isEqualTo(oracle.size());
    assertThat(index.times()).isEqualTo(times);
    for (long id = -60; id <= 410; id++) {
      Question q = oracle.get(id);
      int at = index.find(id);
      if (q == null) {
        assertThat(at).as("id %d", id).isEqualTo(-1);
      } else {
        assertThat(index.id(at)).isEqualTo(id);
        assertThat(index.libraries(at)).containsExactlyElementsOf(q.libraries());
        for (int t = 0; t < times; t++) {
          assertThat(index.micros(t, at)).isEqualTo(q.times()[t]);
        }
      }
    }
  }

  @Test
  void aShippedPartNumbersItsLibraryListsOnAsBefore() throws Exception {
    QuestionIndex.Part p = new QuestionIndex.Part(0);
    p.add(1, List.of("x"));
    p.add(2, List.of("y", "x"));
    QuestionIndex.Part shipped = shipped(p.trimmed());
    shipped.add(3, List.of("y", "x"));
    shipped.add(4, List.of("z"));
    shipped.add(5, List.of("x"));
    QuestionIndex.Part empty = shipped(new QuestionIndex.Part(0).trimmed());
    empty.add(6, List.of("z"));

    QuestionIndex index = QuestionIndex.merge(0, List.of(shipped.trimmed(), empty.trimmed()));

    assertThat(index.size()).isEqualTo(6);
    assertThat(index.libraries(index.find(1))).containsExactly("x");
    assertThat(index.libraries(index.find(2))).containsExactly("y", "x");
    assertThat(index.libraries(index.find(3))).containsExactly("y", "x");
    assertThat(index.libraries(index.find(4))).containsExactly("z");
    assertThat(index.libraries(index.find(5))).containsExactly("x");
    assertThat(index.libraries(index.find(6))).containsExactly("z");
  }

  @Test
  void keepsTheExtremeIdsAndTimes() {
    QuestionIndex.Part p = new QuestionIndex.Part(1);
    p.add(Long.MIN_VALUE, List.of("a"), Long.MIN_VALUE + 1);
    p.add(0, List.of(), (Long) null);
    p.add(Long.MAX_VALUE, List.of("a", "b"), Long.MAX_VALUE);
    QuestionIndex index = QuestionIndex.merge(1, List.of(p.trimmed(), new QuestionIndex.Part(1)));
    assertThat(index.micros(0, index.find(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(index.micros(0, index.find(0))).isNull();
    assertThat(index.libraries(index.find(0))).isEmpty();
    assertThat(index.micros(0, index.find(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(index.libraries(index.find(Long.MAX_VALUE))).containsExactly("a", "b");
    assertThat(index.find(1)).isEqualTo(-1);
  }

  @Test
  void aPartGrowsPastItsFirstArrays() {
    QuestionIndex.Part p = new QuestionIndex.Part(1);
    for (int i = 0; i < 5000; i++) {
      p.add(i * 3L, List.of(i % 2 == 0 ? "even" : "odd"), (long) i);
    }
    QuestionIndex index = QuestionIndex.merge(1, List.of(p.trimmed()));
    assertThat(index.size()).isEqualTo(5000);
    assertThat(index.libraries(index.find(4998 * 3L))).containsExactly("even");
    assertThat(index.micros(0, index.find(4999 * 3L))).isEqualTo(4999L);
    assertThat(index.find(4999 * 3L + 1)).isEqualTo(-1);
  }

  @Test
  void questionsOutOfOrderOrInTwoPartsAreErrors() {
    QuestionIndex.Part p = new QuestionIndex.Part(1);
    p.add(5, List.of("a"), 1L);
    assertThatThrownBy(() -> p.add(5, List.of("a"), 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of order");
    QuestionIndex.Part other = new QuestionIndex.Part(1);
    other.add(5, List.of("b"), 2L);
    assertThatThrownBy(() -> QuestionIndex.merge(1, List.of(p.trimmed(), other.trimmed())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("question Id 5 is in two parts");
  }

  @Test
  void partsOfAnotherNumberOfTimesAreErrors() {
    QuestionIndex.Part p = new QuestionIndex.Part(2);
    assertThatThrownBy(() -> p.add(1, List.of(), 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 times for a part of 2");
    assertThatThrownBy(() -> QuestionIndex.merge(1, List.of(p.trimmed())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a part of 2 times in an index of 1");
  }

  @Test
  void theLibrariesReturnedAreACopy() {
    QuestionIndex.Part p = new QuestionIndex.Part(1);
    p.add(1, List.of("a"), 1L);
    QuestionIndex index = QuestionIndex.merge(1, List.of(p.trimmed()));
    index.libraries(0)[0] = "changed";
    assertThat(index.libraries(0)).containsExactly("a");
  }

  @SuppressWarnings("unchecked")
  private static <T> T shipped(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
