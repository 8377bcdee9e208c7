package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  @Test
  void shufflePartitionsAreFourPerCoreUpToSparksDefault() {
    assertThat(SparkSessions.shufflePartitions(1)).isEqualTo(4);
    assertThat(SparkSessions.shufflePartitions(2)).isEqualTo(8);
    assertThat(SparkSessions.shufflePartitions(50)).isEqualTo(200);
    assertThat(SparkSessions.shufflePartitions(64)).isEqualTo(200);
    assertThat(SparkSessions.shufflePartitions(0)).isEqualTo(1);
  }
}
