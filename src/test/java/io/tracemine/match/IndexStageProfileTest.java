package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import org.junit.jupiter.api.Test;

/** The index records the one extract profile of the traces, checked while they stream in. */
class IndexStageProfileTest {
  @Test
  void tracesOfOneProfileGiveThatProfile() {
    String profile = null;
    for (String next : new String[] {"paper", "paper", "paper"}) {
      profile = IndexStage.sameProfile(profile, next);
    }
    assertThat(profile).isEqualTo("paper");
  }

  @Test
  void aSecondProfileFailsNamingBoth() {
    String first = IndexStage.sameProfile(null, "default");
    assertThatThrownBy(() -> IndexStage.sameProfile(first, "paper"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot index traces parsed with two profiles (default, paper): rerun extract");
  }
}
