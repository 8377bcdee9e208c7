package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * A typo in a {@code --config} file names the file, as an unknown key of it does (before: only
   * the key); the same key given with {@code --set} names no file, and a later {@code --set} of a
   * key takes it from the file.
   */
  @Test
  void aSparkKeyTypoInAConfigFileNamesTheFileTheKeyAndTheKeyItMeant(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("y.properties"),
            "mine.min-support = 3\nspark.conf.spark.executor.memroy = 2g\n");
    List<Map<String, String>> layers = new ArrayList<>(Settings.baseLayers(null, null));
    layers.add(Settings.loadFile(file));
    assertThatThrownBy(() -> SparkSessions.checkSettings(Settings.of(layers)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "In config file '"
                + file
                + "': 'spark.conf.spark.executor.memroy' is not a setting Spark knows (Spark would"
                + " ignore it): did you mean 'spark.conf.spark.executor.memory'?");

    Path values =
        Files.writeString(
            dir.resolve("v.properties"), "spark.conf.spark.sql.shuffle.partitions = many\n");
    List<Map<String, String>> badValue = new ArrayList<>(Settings.baseLayers(null, null));
    badValue.add(Settings.loadFile(values));
    assertThatThrownBy(() -> SparkSessions.checkSettings(Settings.of(badValue)))
        .hasMessage(
            "In config file '"
                + values
                + "': 'spark.conf.spark.sql.shuffle.partitions' is set to 'many', which Spark"
                + " cannot use: spark.sql.shuffle.partitions should be int, but was many");
    // the same value given again with --set is --set's: no file named
    badValue.add(
        Settings.parseAssignments(List.of("spark.conf.spark.sql.shuffle.partitions=lots")));
    assertThatThrownBy(() -> SparkSessions.checkSettings(Settings.of(badValue)))
        .hasMessageStartingWith("'spark.conf.spark.sql.shuffle.partitions' is set to 'lots'");
  }
}
