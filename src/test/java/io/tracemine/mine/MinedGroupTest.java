package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import io.tracemine.mine.codec.TraceList;
import java.util.List;
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
}
