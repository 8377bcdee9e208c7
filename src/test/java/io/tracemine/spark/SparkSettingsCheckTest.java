package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSettingsCheckTest {
  @Test
  void aValueSparkCannotUseIsNamedWithItsKeyBeforeAnySessionStarts() {
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.check(
                    Map.of("spark.sql.shuffle.partitions", "abc"), "spark.conf."))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'spark.conf.spark.sql.shuffle.partitions' is set to 'abc', which Spark cannot use:"
                + " spark.sql.shuffle.partitions should be int, but was abc");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.executor.memory", "lots"), "--conf "))
        .hasMessageStartingWith(
            "--conf spark.executor.memory is set to 'lots', which Spark cannot use: Size must be");
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.check(
                    Map.of("spark.sql.shuffle.partitions", "-3"), "spark.conf."))
        .hasMessageContaining("must be positive");
  }

  @Test
  void validValuesAndKeysSparkDoesNotDefinePass() {
    assertThatCode(
            () ->
                SparkSettingsCheck.check(
                    Map.of(
                        "spark.sql.shuffle.partitions", "8",
                        "spark.executor.memory", "2g",
                        "spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED",
                        "spark.my.own.setting", "anything"),
                    "spark.conf."))
        .doesNotThrowAnyException();
  }
}
