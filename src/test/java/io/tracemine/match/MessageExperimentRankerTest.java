package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageExperimentRankerTest {
  @Test
  void tokensAreLowerCasedRunsOfLettersDigitsAndUnderscores() {
    assertThat(MessageExperimentRanker.tokens("Input 0 of layer LSTM_1: shape [None, 823]"))
        .containsExactly("input", "0", "of", "layer", "lstm_1", "shape", "none", "823");
    assertThat(MessageExperimentRanker.tokens(null)).isEmpty();
  }

  @Test
  void refusesAnUnknownMode() {
    assertThatThrownBy(() -> new MessageExperimentRanker(null, List.of(), 1, "sum"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rank: unknown mode 'sum' (valid: cosine, overlap, tie, pattern)");
  }
}
