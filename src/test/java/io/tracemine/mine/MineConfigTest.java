package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MineConfigTest {

  @Test
  void readsEveryKey() {
    MineConfig c =
        MineConfig.fromMap(
            Map.of(
                "mine.support", "Occurrences",
                "mine.min-support", "1%",
                "mine.max-length", "7",
                "mine.examples", "3",
                "mine.buckets", "16"));
    assertThat(c)
        .isEqualTo(new MineConfig(SupportMeasure.OCCURRENCES, MinSupport.fraction(0.01), 7, 3, 16));
    assertThat(MineConfig.fromMap(Map.of())).isEqualTo(MineConfig.defaults());
    assertThat(MineConfig.fromMap(Map.of("mine.min-support", "1")).minSupport().absolute())
        .isEqualTo(1);
    assertThat(MineConfig.fromMap(Map.of("mine.min-support", "0.05")).minSupport().resolve(41))
        .isEqualTo(3);
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.support", "posts")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.support' = 'posts': unknown support measure (valid: traces,"
                + " questions, occurrences)");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.min-support", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.min-support' = 0: it must be an integer >= 1 (absolute) or a fraction"
                + " in (0, 1]");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.min-support", "two")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.min-support' = 'two': not a number (use an integer count like 2, or"
                + " a fraction like 0.01 or 1%)");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.max-length", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot use 'mine.max-length' = 0: it must be >= 1 (leave it unset for no limit)");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.examples", "-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot use 'mine.examples' = -1: it must be >= 0");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.examples", "many")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot use 'mine.examples' = 'many': not an integer");
    assertThatThrownBy(() -> MineConfig.fromMap(Map.of("mine.minsup", "2")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot configure mining: unknown key(s) [mine.minsup] (valid: [mine.support,"
                + " mine.min-support, mine.max-length, mine.examples, mine.buckets])");
  }
}
