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

  @Test
  void aKeyOneOrTwoEditsFromOneSparkDefinesIsATypoNamedWithTheKeyItMeant() {
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.sql.shuffle.partitons", "4"), "--conf "))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "--conf spark.sql.shuffle.partitons is not a setting Spark knows (Spark would ignore"
                + " it): did you mean 'spark.sql.shuffle.partitions'?");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.executor.memroy", "2g"), "spark.conf."))
        .hasMessage(
            "'spark.conf.spark.executor.memroy' is not a setting Spark knows (Spark would ignore"
                + " it): did you mean 'spark.conf.spark.executor.memory'?");
    // defined outside the main registry, loaded on demand: spark.ui.*, spark.kryo.*, static SQL
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.ui.enabeld", "false"), "--conf "))
        .hasMessageEndingWith("did you mean 'spark.ui.enabled'?");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.sql.extension", "x"), "--conf "))
        .hasMessageEndingWith("did you mean 'spark.sql.extensions'?");
  }

  @Test
  void keysSparkPassesOnOrDoesNotDefineCentrallyAreNotTypos() {
    assertThatCode(
            () ->
                SparkSettingsCheck.check(
                    Map.ofEntries(
                        Map.entry("spark.hadoop.fs.s3a.access.key", "k"),
                        Map.entry("spark.hadoop.fs.defaultFS", "file:///"),
                        Map.entry("spark.executorEnv.PYTHONPATH", "/x"),
                        Map.entry("spark.datasource.bigquery.viewsEnabled", "true"),
                        Map.entry(
                            "spark.sql.catalog.local", "org.apache.iceberg.spark.SparkCatalog"),
                        Map.entry("spark.sql.catalog.local.type", "hadoop"),
                        Map.entry("spark.driver.extraJavaOptions", "-Dx=y"),
                        Map.entry("spark.yarn.queue", "q"),
                        Map.entry("spark.kubernetes.namespace", "ns"),
                        Map.entry("spark.sql.legacy.parquet.nanosAsLong", "true"),
                        Map.entry("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED"),
                        Map.entry("spark.cassandra.connection.host", "h"),
                        Map.entry("spark.app.submitTime", "1")),
                    "--conf "))
        .doesNotThrowAnyException();
  }
}
