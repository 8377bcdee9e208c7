package io.tracemine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.RetrievalMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code evaluate} prints: its table, or why there is none. */
class EvaluateLinesTest {
  @Test
  void metricsArePrintedAsATable() {
    List<String> lines =
        EvaluateMatchCommand.lines(
            List.of(
                RetrievalMetrics.of("tracemine", new int[] {1, 3, 0, 1}),
                RetrievalMetrics.of("tf-idf", new int[] {2, 0, 0, 7})));
    assertThat(lines.get(1)).isEqualTo("  tracemine               4     0.500     0.750   0.583");
    assertThat(lines.get(2)).startsWith("  tf-idf                  4     0.000     0.250");
    assertThat(lines).hasSize(4);
  }

  @Test
  void withNothingToEvaluateItSaysSoInsteadOfPrintingZeroRecall() {
    List<String> lines =
        EvaluateMatchCommand.lines(
            List.of(
                RetrievalMetrics.of("tracemine", new int[0]),
                RetrievalMetrics.of("tf-idf", new int[0])));
    assertThat(lines)
        .containsExactly(
            "  nothing to evaluate: no duplicate link has a traceback in both its question and its"
                + " original (recall and MRR are left empty)");
  }
}
