package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The default profile parses a block that forms a run of its own once (the parse that finds the
 * block's edges), not twice: its traces must be those of the plain rule, which parses every run's
 * joined text.
 */
class DefaultExtractorOracleTest {
  private static final TracebackParser PARSER = new TracebackParser();
  private static final List<String> LINES =
      List.of(
          "Traceback (most recent call last):",
          "  File \"/usr/lib/python3/site-packages/numpy/core/fromnumeric.py\", line 58, in _wrap",
          "  File \"C:\\Users\\me\\run.py\", line 9, in <module>",
          "  File \"<stdin>\", line 1, in <module>",
          "    return bound(*args, **kwds)",
          "    x = load()",
          "ValueError: shapes (3,) and (4,) not aligned",
          "KeyError: 'x'",
          "During handling of the above exception, another exception occurred:",
          "The above exception was the direct cause of the following exception:",
          "...",
          "",
          "I tried this and it fails.",
          "import numpy as np",
          "Traceback (most recent call last): File \"a.py\", line 2, in f ZeroDivisionError: x");

  /** The rule without the shortcut: every run's text parsed after the runs are found. */
  private static QuestionTraces oracle(List<Block> blocks) {
    List<FoundTrace> found = new ArrayList<>();
    for (TraceExtractors.BlockRun run : TraceExtractors.runs(PARSER, blocks)) {
      Block first = run.blocks().get(0);
      String text = String.join("\n", run.blocks().stream().map(Block::text).toList());
      for (Traceback t : PARSER.parse(text)) {
        found.add(new FoundTrace(first.index(), first.kind(), t.position(), t));
      }
    }
    return new QuestionTraces(found, TraceExtractors.osOf(found));
  }

  @Property(tries = 400, seed = "20261129")
  void sameTracesAsParsingEveryRunAfterwards(@ForAll("bodies") List<Block> blocks) {
    assertThat(TraceExtractors.forProfile("default").extract(blocks)).isEqualTo(oracle(blocks));
  }

  @Test
  void aTracebackSplitOverTwoBlocksIsStillJoined() {
    List<Block> blocks =
        List.of(
            new Block(0, BlockKind.CODE, LINES.get(0) + "\n" + LINES.get(1) + "\n" + LINES.get(4)),
            new Block(1, BlockKind.TEXT, LINES.get(6)),
            new Block(2, BlockKind.CODE, LINES.get(0) + "\n" + LINES.get(3) + "\n" + LINES.get(7)));
    QuestionTraces q = TraceExtractors.forProfile("default").extract(blocks);
    assertThat(q.traces())
        .extracting(FoundTrace::blockIndex, t -> t.traceback().exceptionType())
        .containsExactly(tuple(0, "ValueError"), tuple(2, "KeyError"));
    assertThat(q).isEqualTo(oracle(blocks));
  }

  @Provide
  Arbitrary<List<Block>> bodies() {
    Arbitrary<String> text =
        Arbitraries.of(LINES).list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
    Arbitrary<BlockKind> kind = Arbitraries.of(BlockKind.CODE, BlockKind.TEXT);
    Arbitrary<Integer> gap =
        Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(1)), Tuple.of(1, Arbitraries.just(2)));
    return Combinators.combine(text, kind, gap)
        .as((t, k, g) -> new Object[] {t, k, g})
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(
            parts -> {
              List<Block> out = new ArrayList<>();
              int index = 0;
              for (Object[] p : parts) {
                out.add(new Block(index, (BlockKind) p[1], (String) p[0]));
                index += (Integer) p[2];
              }
              return out;
            });
  }
}
