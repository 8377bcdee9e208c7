package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import io.tracemine.mine.codec.TraceList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MinedGroupTest {
  private static final ItemDictionary DICT =
      new ItemDictionary(new String[] {"m", "m"}, new String[] {"f", "g"}, new long[] {3, 3}, 1);

  private static MinedGroup mine(List<Sequence> db, List<String> ids) {
    return MinedGroup.mine(
        "keras", db, ids, new CcSpan(SupportMeasure.TRACES, 2, null), 2, it -> true, DICT);
  }

  @Test
  void packedTracesAreTheSupportingTracesInUtf8Order() {
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {0, 1}, 30),
            new Sequence(new int[] {0, 1}, 10),
            new Sequence(new int[] {1}, 20));
    // "é" (0xC3 0xA9 in UTF-8) sorts after "z" by bytes, as Spark orders strings
    MinedGroup g = mine(db, List.of("t-é", "t-z", "t-a"));
    TraceList.Encoder encoder = new TraceList.Encoder();
    List<List<Object>> got = new java.util.ArrayList<>();
    for (int p = 0; p < g.size(); p++) {
      TraceList l = TraceList.decode(g.packedTraces(p, encoder));
      got.add(List.of(g.items(p).length, List.of(l.traceIds()), l.questionIds().length));
      assertThat(l.traceIds()).hasSize((int) g.traceSupport(p));
    }
    assertThat(got)
        .containsExactlyInAnyOrder(
            List.of(2, List.of("t-z", "t-é"), 2), List.of(1, List.of("t-a", "t-z", "t-é"), 3));
  }

  @Test
  void aTraceIdTwiceInOneLibraryIsRefusedNamingIt() {
    List<Sequence> db = List.of(new Sequence(new int[] {0}, 1), new Sequence(new int[] {0}, 2));
    assertThatThrownBy(() -> mine(db, List.of("t1", "t1")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot mine library 'keras': trace_id 't1' appears in two rows (trace ids must be"
                + " unique per library; re-run extract)");
  }

  @Property(tries = 300)
  void smallestDistinctIsSortDistinctLimit(
      @ForAll @Size(max = 60) List<@LongRange(min = -5, max = 20) Long> values,
      @ForAll @IntRange(max = 8) int k,
      @ForAll @IntRange(max = 60) int from) {
    long[] pool = values.stream().mapToLong(Long::longValue).toArray();
    int[] indexes = IntStream.range(0, pool.length).map(i -> pool.length - 1 - i).toArray();
    int start = Math.min(from, pool.length);
    long[] expected =
        Arrays.stream(indexes, start, pool.length)
            .mapToLong(i -> pool[i])
            .sorted()
            .distinct()
            .limit(k)
            .toArray();
    assertThat(MinedGroup.smallestDistinct(pool, indexes, start, pool.length, k))
        .containsExactly(expected);
  }

  @Property(tries = 200)
  void bySupportThenIdIsTheBoxedComparatorsOrder(
      @ForAll @Size(max = 50) List<@LongRange(min = 0, max = 6) Long> supports,
      @ForAll boolean huge) {
    long[] support = supports.stream().mapToLong(s -> huge ? s << 40 : s).toArray();
    // any permutation stands for the id order; here: descending index
    int[] byId = IntStream.range(0, support.length).map(i -> support.length - 1 - i).toArray();
    Integer[] expected = IntStream.range(0, support.length).boxed().toArray(Integer[]::new);
    Arrays.sort(
        expected,
        (a, b) -> support[a] != support[b] ? Long.compare(support[b], support[a]) : b - a);
    assertThat(MinedGroup.bySupportThenId(support, byId))
        .containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
  }

  @Property(tries = 50)
  void byIdIsTheOrderOfTheHexIds(
      @ForAll @Size(min = 1, max = 12)
          List<@Size(min = 1, max = 8) List<@IntRange(max = 3) Integer>> sequences) {
    ItemDictionary dict =
        new ItemDictionary(
            new String[] {"m", "m", "m", "m"},
            new String[] {"a", "b", "c", "d"},
            new long[] {1, 1, 1, 1},
            1);
    List<Sequence> db =
        IntStream.range(0, sequences.size())
            .mapToObj(
                i ->
                    new Sequence(
                        sequences.get(i).stream().mapToInt(Integer::intValue).toArray(), i))
            .toList();
    List<String> ids = IntStream.range(0, db.size()).mapToObj(i -> i + "-0-0").toList();
    MinedGroup g =
        MinedGroup.mine(
            "keras", db, ids, new CcSpan(SupportMeasure.TRACES, 1, null), 1, it -> true, dict);
    List<String> hex = Arrays.stream(g.byId()).mapToObj(g::patternId).toList();
    assertThat(hex).hasSize(g.size()).isSorted();
  }

  @Test
  void examplesAreTheSmallestDistinctQuestionsOfThePattern() {
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {0, 1}, 30),
            new Sequence(new int[] {0, 1}, 10),
            new Sequence(new int[] {0, 1}, 10),
            new Sequence(new int[] {1}, 20));
    MinedGroup g = mine(db, List.of("30-0-0", "10-0-0", "10-0-1", "20-0-0"));
    assertThat(g.size()).isEqualTo(2);
    for (int p = 0; p < g.size(); p++) {
      long[] expected = g.items(p).length == 2 ? new long[] {10, 30} : new long[] {10, 20, 30};
      assertThat(g.examples(p, 5)).containsExactly(expected);
      assertThat(g.examples(p, 1)).containsExactly(10);
      assertThat(g.packedTraces(p, new TraceList.Encoder())[0]).isEqualTo(TraceList.KEYED);
    }
  }

  @Property(tries = 300)
  void byUtf8IsTheBoxedSortByUnsignedBytes(
      @ForAll @Size(max = 40)
          List<@Size(max = 12) List<@IntRange(min = -2, max = 2) Integer>> ids) {
    byte[][] utf8 = new byte[ids.size()][];
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = new byte[ids.get(i).size()];
      for (int j = 0; j < utf8[i].length; j++) {
        utf8[i][j] = (byte) (int) ids.get(i).get(j);
      }
    }
    Integer[] expected = IntStream.range(0, utf8.length).boxed().toArray(Integer[]::new);
    Arrays.sort(expected, (a, b) -> Arrays.compareUnsigned(utf8[a], utf8[b]));
    assertThat(MinedGroup.byUtf8(utf8))
        .containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
  }
}
