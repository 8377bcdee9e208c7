package io.tracemine.mine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TraceListTest {

  /** Trace ids as Spark orders strings: by their UTF-8 bytes. */
  private static TreeMap<String, Long> sorted(List<String> ids, List<Long> questions) {
    TreeMap<String, Long> m =
        new TreeMap<>(
            (a, b) ->
                Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < ids.size(); i++) {
      m.put(ids.get(i), questions.get(i % questions.size()));
    }
    return m;
  }

  @Property(tries = 300)
  void decodeInvertsEncodeForAnySortedIdsAndAnyQuestions(
      @ForAll @Size(max = 40) List<@StringLength(max = 12) String> ids,
      @ForAll @Size(min = 1, max = 40) List<Long> questions) {
    TreeMap<String, Long> m = sorted(ids, questions);
    String[] traceIds = m.keySet().toArray(String[]::new);
    long[] questionIds = m.values().stream().mapToLong(Long::longValue).toArray();
    TraceList back = TraceList.decode(TraceList.encode(traceIds, questionIds));
    assertThat(back.size()).isEqualTo(traceIds.length);
    assertThat(back.traceIds()).containsExactly(traceIds);
    assertThat(back.questionIds()).containsExactly(questionIds);
  }

  @Property(tries = 100)
  void anEncoderEncodesAnySubsetOfAPoolAsIfEncodedAlone(
      @ForAll @Size(max = 30) List<@StringLength(max = 6) String> ids,
      @ForAll @Size(min = 1, max = 30) List<Long> questions,
      @ForAll long subsetBits) {
    TreeMap<String, Long> m = sorted(ids, questions);
    String[] pool = m.keySet().toArray(String[]::new);
    long[] poolQuestions = m.values().stream().mapToLong(Long::longValue).toArray();
    byte[][] utf8 =
        Arrays.stream(pool).map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int[] subset =
        java.util.stream.IntStream.range(0, pool.length)
            .filter(i -> (subsetBits >>> (i % 64) & 1) == 1)
            .toArray();
    TraceList.Encoder reused = new TraceList.Encoder();
    reused.encode(new int[] {}, utf8, poolQuestions);
    byte[] got = reused.encode(subset, utf8, poolQuestions);
    String[] alone = Arrays.stream(subset).mapToObj(i -> pool[i]).toArray(String[]::new);
    long[] aloneQuestions = Arrays.stream(subset).mapToLong(i -> poolQuestions[i]).toArray();
    assertThat(got).isEqualTo(TraceList.encode(alone, aloneQuestions));
  }

  @Test
  void layoutIsFrontCodedIdsWithZigZagQuestionDeltas() {
    byte[] bytes =
        TraceList.encode(new String[] {"12-0-0", "12-0-1", "130"}, new long[] {12, 12, 5});
    assertThat(bytes)
        .containsExactly(
            1, 3, 0, 6, '1', '2', '-', '0', '-', '0', 24, 5, 1, '1', 0, 1, 2, '3', '0', 13);
  }

  @Test
  void unsortedOrRepeatedIdsAreRefused() {
    assertThatThrownBy(() -> TraceList.encode(new String[] {"b", "a"}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot encode a trace list: trace ids must be distinct and ascending, but 'a'"
                + " follows 'b'");
    assertThatThrownBy(() -> TraceList.encode(new String[] {"ab", "ab"}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot encode a trace list: trace ids must be distinct and ascending, but 'ab'"
                + " follows 'ab'");
    assertThatThrownBy(() -> TraceList.encode(new String[] {"ab", "a"}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot encode a trace list: trace ids must be distinct and ascending, but 'a'"
                + " follows 'ab'");
  }

  @Test
  void corruptBytesAreRefusedSayingWhere() {
    assertThatThrownBy(() -> TraceList.decode(new byte[] {2, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: format byte is 2 but must be 1 (written by a newer"
                + " TraceMine? re-run 'mine')");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: format byte is missing but must be 1 (written by a newer"
                + " TraceMine? re-run 'mine')");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {1, 1, 0, 3, 'a'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot decode a trace list: it ends inside a trace id (at byte 4 of 5)");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {1, 1, 2, 1, 'a', 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: it shares 2 bytes with an id of 0 (at byte 4 of 6)");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {1, 1, 0, 1, 'a', 0, 7}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot decode a trace list: it has bytes after its 1 traces (at byte 6 of 7)");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {1, (byte) 0x80}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot decode a trace list: it ends inside a number (at byte 2 of 2)");
  }
}
