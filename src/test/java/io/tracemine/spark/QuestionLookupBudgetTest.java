package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionLookupBudgetTest {
  private static final long GIB = 1L << 30;

  @Test
  void anEighthOfTheDriversHeapInLocalMode() {
    assertThat(QuestionLookup.questionsThatFit(1, 6 * GIB, -1, 0)).isEqualTo(6 * GIB / 8 / 18);
    assertThat(QuestionLookup.questionsThatFit(2, 6 * GIB, -1, 0)).isEqualTo(6 * GIB / 8 / 26);
  }

  @Test
  void theSmallerOfTheDriversAndAnExecutorsHeapInACluster() {
    assertThat(QuestionLookup.questionsThatFit(1, 6 * GIB, GIB, 0)).isEqualTo(GIB / 8 / 18);
    assertThat(QuestionLookup.questionsThatFit(1, GIB, 6 * GIB, 0)).isEqualTo(GIB / 8 / 18);
  }

  @Test
  void neverMoreThanHalfOfWhatTheDriverMayCollect() {
    assertThat(QuestionLookup.questionsThatFit(1, 32 * GIB, -1, GIB)).isEqualTo(GIB / 2 / 18);
    assertThat(QuestionLookup.questionsThatFit(1, 32 * GIB, -1, 0)).isEqualTo(32 * GIB / 8 / 18);
  }
}
