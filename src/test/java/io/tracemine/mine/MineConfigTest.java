package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MineConfigTest {

  @Test
  void readsEveryKey() {
    MineConfig c =
        from(
            Map.of(
                "mine.support", "Occurrences",
                "mine.min-support", "1%",
                "mine.max-length", "7",
                "mine.examples", "3",
                "mine.buckets", "16"));
    assertThat(c)
        .isEqualTo(new MineConfig(SupportMeasure.OCCURRENCES, MinSupport.fraction(0.01), 7, 3, 16));
    assertThat(from(Map.of())).isEqualTo(MineConfig.defaults());
    assertThat(from(Map.of("mine.min-support", "1")).minSupport().absolute()).isEqualTo(1);
    assertThat(from(Map.of("mine.min-support", "0.05")).minSupport().resolve(41)).isEqualTo(3);
  }

  @Test
  void rejectsBadValuesNamingTheKey() {
    assertThatThrownBy(() -> from(Map.of("mine.support", "posts")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.support' = 'posts': unknown support measure (valid: traces,"
                + " questions, occurrences)");
    assertThatThrownBy(() -> from(Map.of("mine.min-support", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.min-support' = 0: it must be an integer >= 1 (absolute) or a fraction"
                + " in (0, 1]");
    for (String odd : List.of("0x1.8p-1", "0.5d", "NaN%", "Infinity", "0x10")) {
      assertThatThrownBy(() -> from(Map.of("mine.min-support", odd)))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith("Cannot use 'mine.min-support' = ")
          .hasMessageContaining("(use an integer count like 2, or a fraction like 0.01 or 1%)");
    }
    assertThatThrownBy(() -> from(Map.of("mine.min-support", "two")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.min-support' = 'two': not a number (use an integer count like 2, or"
                + " a fraction like 0.01 or 1%)");
    assertThatThrownBy(() -> from(Map.of("mine.min-support", "123456789012345678901")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.min-support' = '123456789012345678901': a count must be at most"
                + " 9223372036854775807 (a fraction like 0.01 or 1% scales with the data)");
    assertThatThrownBy(() -> from(Map.of("mine.max-length", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use 'mine.max-length' = 0: it must be >= 1 (leave it unset for no limit)");
    assertThatThrownBy(() -> from(Map.of("mine.examples", "-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot use 'mine.examples' = -1: it must be >= 0");
    assertThatThrownBy(() -> from(Map.of("mine.examples", "many")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'mine.examples' is set to 'many' but must be an integer");
    assertThatThrownBy(() -> from(Map.of("mine.minsup", "2")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "Unknown configuration key 'mine.minsup' (known keys with that prefix: mine.buckets,"
                + " mine.examples, mine.max-length, mine.min-support, mine.support,"
                + " mine.with-minsup1;");
  }

  @Test
  void theMinSupportOnePassIsDecidedByTheConfig() {
    assertThat(MineConfig.passes(settings(Map.of())))
        .containsExactly(
            Map.entry("", MineConfig.defaults()),
            Map.entry(
                "_minsup1",
                new MineConfig(SupportMeasure.TRACES, MinSupport.absolute(1), null, 5, 0)));
    assertThat(MineConfig.passes(settings(Map.of("mine.with-minsup1", "false"))))
        .containsOnlyKeys("");
    assertThat(MineConfig.passes(settings(Map.of("mine.min-support", "1")))).containsOnlyKeys("");
    assertThatThrownBy(() -> MineConfig.passes(settings(Map.of("mine.with-minsup1", "maybe"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'mine.with-minsup1' is set to 'maybe' but must be true or false");
  }

  private static Settings settings(Map<String, String> overrides) {
    return Settings.packagedDefaults().with(overrides);
  }

  private static MineConfig from(Map<String, String> overrides) {
    return MineConfig.from(settings(overrides));
  }
}
