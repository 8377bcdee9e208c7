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

  /** Brute force: the id is canonical iff printing its parsed key gives it back. */
  private static long bruteForceKey(String id, long question) {
    String[] parts = id.split("-", -1);
    if (parts.length != 3 || question < 0) {
      return -1;
    }
    try {
      long q = Long.parseLong(parts[0]);
      long block = Long.parseLong(parts[1]);
      long position = Long.parseLong(parts[2]);
      if (q != question || block > Integer.MAX_VALUE || position > Integer.MAX_VALUE) {
        return -1;
      }
      return (q + "-" + block + "-" + position).equals(id) ? block << 32 | position : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Property(tries = 1000)
  void canonicalKeyAgreesWithParsingAndPrinting(
      @ForAll @net.jqwik.api.constraints.LongRange(min = -3, max = 40) long question,
      @ForAll
          @net.jqwik.api.constraints.Chars({'0', '1', '2', '9', '-', '+', 'x'})
          @StringLength(max = 9)
          String tail,
      @ForAll boolean withQuestion) {
    String id = withQuestion ? question + "-" + tail : tail;
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    assertThat(TraceList.canonicalKey(utf8, 0, utf8.length, question))
        .isEqualTo(bruteForceKey(id, question));
  }

  @Test
  void canonicalKeyAcceptsOnlyPlainDecimalsOfTheTracesOwnQuestion() {
    assertThat(key("12-0-3", 12)).isEqualTo(3L);
    assertThat(key("12-2147483647-0", 12)).isEqualTo(2147483647L << 32);
    assertThat(key("9223372036854775807-1-1", Long.MAX_VALUE)).isEqualTo(1L << 32 | 1);
    assertThat(key("12-0-3", 13)).isEqualTo(-1);
    assertThat(key("12-00-3", 12)).isEqualTo(-1);
    assertThat(key("012-0-3", 12)).isEqualTo(-1);
    assertThat(key("12-2147483648-0", 12)).isEqualTo(-1);
    assertThat(key("12-0-3-", 12)).isEqualTo(-1);
    assertThat(key("12-0", 12)).isEqualTo(-1);
    assertThat(key("99999999999999999999-0-0", 12)).isEqualTo(-1);
  }

  private static long key(String id, long question) {
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    return TraceList.canonicalKey(utf8, 0, utf8.length, question);
  }

  @Property(tries = 300)
  void canonicalIdsAreKeyedAndDecodeToTheSameIds(
      @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(max = 30) Integer> questions,
      @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(max = 12) Integer> blocks) {
    TreeMap<String, Long> m =
        sorted(
            java.util.stream.IntStream.range(0, questions.size())
                .mapToObj(
                    i ->
                        questions.get(i)
                            + "-"
                            + (blocks.isEmpty() ? 0 : blocks.get(i % blocks.size()))
                            + "-"
                            + i % 3)
                .toList(),
            List.of(0L));
    // each id's question is its own prefix
    m.replaceAll((id, q) -> Long.parseLong(id.substring(0, id.indexOf('-'))));
    String[] traceIds = m.keySet().toArray(String[]::new);
    long[] questionIds = m.values().stream().mapToLong(Long::longValue).toArray();
    byte[] bytes = TraceList.encode(traceIds, questionIds);
    assertThat(bytes[0]).isEqualTo(TraceList.KEYED);
    TraceList back = TraceList.decode(bytes);
    assertThat(back.traceIds()).containsExactly(traceIds);
    assertThat(back.questionIds()).containsExactly(questionIds);
  }

  @Test
  void canonicalIdsAreStoredAsQuestionDeltaBlockAndPosition() {
    byte[] bytes =
        TraceList.encode(new String[] {"12-0-0", "12-0-1", "130-2-0"}, new long[] {12, 12, 130});
    assertThat(bytes).containsExactly(2, 3, 24, 0, 0, 0, 0, 1, (byte) 0xEC, 1, 2, 0);
  }

  @Test
  void oneIdThatIsNotCanonicalFrontCodesTheWholeList() {
    byte[] bytes = TraceList.encode(new String[] {"12-0-0", "12-0-1"}, new long[] {12, 13});
    assertThat(bytes[0]).isEqualTo(TraceList.FRONT_CODED);
    assertThat(TraceList.decode(bytes).traceIds()).containsExactly("12-0-0", "12-0-1");
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
    assertThatThrownBy(() -> TraceList.decode(new byte[] {3, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: format byte is 3 but must be 1 or 2 (written by a newer"
                + " TraceMine? re-run 'mine')");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: format byte is missing but must be 1 or 2 (written by a"
                + " newer TraceMine? re-run 'mine')");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {2, 1, 2, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot decode a trace list: it ends inside a number (at byte 4 of 4)");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {2, 1, 1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot decode a trace list: it has a negative question id -1 (at byte 5 of 5)");
    assertThatThrownBy(() -> TraceList.decode(new byte[] {2, 1, 2, 0, 0, 9}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot decode a trace list: it has bytes after its 1 traces (at byte 5 of 6)");
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
