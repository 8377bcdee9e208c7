package io.tracemine.extract;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.TestSettings;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.traceback.ProfileExtractor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** extract.max-frame-repeats: default, override, rejection; the extractor it configures. */
class ExtractConfigTest {
  @Test
  void maxFrameRepeatsDefaultsToWhatPythonPrints() {
    assertThat(ExtractConfig.from(TestSettings.withOverrides(null, Map.of())))
        .isEqualTo(new ExtractConfig("default", 3));
    assertThat(
            ExtractConfig.from(
                TestSettings.withOverrides("paper", Map.of("extract.max-frame-repeats", "0"))))
        .isEqualTo(new ExtractConfig("paper", 0));
  }

  @Test
  void negativeOrNonNumericRepeatsAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () ->
                ExtractConfig.from(
                    TestSettings.withOverrides(null, Map.of("extract.max-frame-repeats", "-1"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'extract.max-frame-repeats' is set to -1 but must be >= 0");
    assertThatThrownBy(
            () ->
                ExtractConfig.from(
                    TestSettings.withOverrides(null, Map.of("extract.max-frame-repeats", "three"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'extract.max-frame-repeats' is set to 'three' but must be an integer");
  }

  @Test
  void theProfileExtractorSurvivesSerialization() {
    List<Block> blocks =
        List.of(
            new Block(
                0,
                BlockKind.CODE,
                "java.lang.IllegalStateException: x\n"
                    + "\tat a.B.c(B.java:1)\n"
                    + "\tat a.B.c(B.java:1)\n"));
    for (String profile : ExtractConfig.PROFILES) {
      ProfileExtractor extractor = ProfileExtractor.of(profile, 1);
      assertThat(roundTrip(extractor).extract(blocks)).isEqualTo(extractor.extract(blocks));
    }
    assertThat(
            ProfileExtractor.of("default", 1)
                .extract(blocks)
                .traces()
                .get(0)
                .traceback()
                .frames()
                .get(0)
                .moreRepeats())
        .isEqualTo(1);
  }
}
