package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.RunKeys;
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

  /**
   * Spark's keys are case-sensitive: a key that differs from one Spark knows only in case is
   * ignored by Spark (before: accepted silently, and recorded in the manifest, session 38).
   */
  @Test
  void aKeyDifferingOnlyInCaseFromOneSparkKnowsIsRefusedNamingTheKeyItMeant() {
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.check(
                    Map.of("spark.SQL.Shuffle.Partitions", "1"), RunKeys.SPARK_CONF_PREFIX))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'spark.conf.spark.SQL.Shuffle.Partitions' is not a setting Spark knows (Spark's keys"
                + " are case-sensitive: it would ignore it): did you mean"
                + " 'spark.conf.spark.sql.shuffle.partitions'?");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.Executor.Memory", "2g"), "--conf "))
        .hasMessageEndingWith("did you mean 'spark.executor.memory'?");
    // a prefix Spark passes on, in another case: Spark passes nothing on
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.Hadoop.fs.defaultFS", "x"), "--conf "))
        .hasMessage(
            "--conf spark.Hadoop.fs.defaultFS is not a setting Spark knows (Spark's keys are"
                + " case-sensitive: it would ignore it): did you mean"
                + " 'spark.hadoop.fs.defaultFS'?");
  }

  /**
   * A setting of the driver's JVM or of spark-submit, given as a TraceMine setting, reaches Spark
   * after the driver started: Spark ignores it (before: accepted silently, and recorded in the
   * manifest as a setting the stage ran with, session 38). The same key given to spark-submit
   * ({@code --conf}) is spark-submit's, and applies.
   */
  @Test
  void aDriverSettingThatCannotApplyOnceTheDriverRunsIsRefusedNamingTheOptionThatDoes(
      @TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> checkSet("spark.conf.spark.driver.memory=64m"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'spark.conf.spark.driver.memory' is set to '64m', which cannot take effect: the"
                + " driver's JVM is already running when TraceMine reads its settings (Spark would"
                + " ignore it); give it to submit.sh or spark-submit: --driver-memory 64m (or"
                + " TRACEMINE_DRIVER_MEMORY=64m for submit.sh)");
    assertThatThrownBy(() -> checkSet("spark.conf.spark.driver.extraJavaOptions=-Dx=1 -Dy=2"))
        .hasMessageEndingWith(
            "give it to submit.sh or spark-submit: --driver-java-options '-Dx=1 -Dy=2'");
    assertThatThrownBy(() -> checkSet("spark.conf.spark.driver.cores=4"))
        .hasMessageEndingWith("give it to submit.sh or spark-submit: --conf spark.driver.cores=4");
    assertThatThrownBy(() -> checkSet("spark.conf.spark.jars.packages=a:b:1"))
        .hasMessageEndingWith("give it to submit.sh or spark-submit: --packages a:b:1");
    Path file =
        Files.writeString(dir.resolve("d.properties"), "spark.conf.spark.driver.memory=8g\n");
    List<Map<String, String>> layers = new ArrayList<>(Settings.baseLayers(null, null));
    layers.add(Settings.loadFile(file));
    assertThatThrownBy(() -> SparkSessions.checkSettings(Settings.of(layers)))
        .hasMessageStartingWith(
            "In config file '" + file + "': 'spark.conf.spark.driver.memory' is set to '8g'");
    // spark-submit's --conf applies them before the driver starts
    assertThatCode(
            () ->
                SparkSettingsCheck.check(
                    Map.of("spark.driver.memory", "8g", "spark.driver.cores", "2"), "--conf "))
        .doesNotThrowAnyException();
  }

  /**
   * A Spark setting TraceMine's results depend on, given another value by spark-submit's {@code
   * --conf} or a cluster's {@code spark-defaults.conf} (which apply over TraceMine's settings) or
   * by a TraceMine setting, is refused before any work. Before (hostile sweep 6): {@code
   * spark.sql.session.timeZone=Asia/Tokyo} moved 20 of 1,171 Parquet posts to another month, and
   * {@code spark.sql.files.ignoreCorruptFiles=true} committed a {@code posts} table 54 rows short,
   * both with exit 0.
   */
  @Test
  void aSettingThatWouldChangeTheResultsSilentlyIsRefused() {
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.requireIntegritySettings(
                    Map.of("spark.sql.session.timeZone", "Asia/Tokyo"), "--conf "))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "--conf spark.sql.session.timeZone is set to 'Asia/Tokyo', but TraceMine needs"
                + " spark.sql.session.timeZone=UTC (posts' dates and months are UTC; another zone"
                + " moves posts between months): remove that setting from spark-submit's --conf or"
                + " spark-defaults.conf, or give --conf spark.sql.session.timeZone=UTC");
    assertThatThrownBy(() -> checkSet("spark.conf.spark.sql.files.ignoreCorruptFiles=true"))
        .hasMessageStartingWith(
            "'spark.conf.spark.sql.files.ignoreCorruptFiles' is set to 'true', but TraceMine needs"
                + " spark.sql.files.ignoreCorruptFiles=false");
    for (String utc : List.of("UTC", "utc", "Etc/UTC", "Z", "+00:00", "GMT")) {
      assertThatCode(
              () ->
                  SparkSettingsCheck.requireIntegritySettings(
                      Map.of("spark.sql.session.timeZone", utc), "--conf "))
          .as(utc)
          .doesNotThrowAnyException();
    }
    assertThatCode(
            () ->
                SparkSettingsCheck.requireIntegritySettings(
                    Map.of(
                        "spark.sql.files.ignoreMissingFiles",
                        "FALSE",
                        "spark.sql.legacy.parquet.nanosAsLong",
                        "true",
                        "spark.sql.shuffle.partitions",
                        "8"),
                    "--conf "))
        .doesNotThrowAnyException();
  }

  private static void checkSet(String assignment) {
    List<Map<String, String>> layers = new ArrayList<>(Settings.baseLayers(null, null));
    layers.add(Settings.parseAssignments(List.of(assignment)));
    SparkSessions.checkSettings(Settings.of(layers));
  }

  /**
   * Spark refuses to start with an executor memory below 1.5 times the 300 MiB it reserves, and its
   * check reads a number without unit as bytes (before: exit 1 and Spark's 37-line stack trace,
   * session 38).
   */
  @Test
  void anExecutorMemoryBelowSparksMinimumIsRefusedBeforeSparkStarts() {
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.check(
                    Map.of("spark.executor.memory", "32m"), RunKeys.SPARK_CONF_PREFIX))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'spark.conf.spark.executor.memory' is set to '32m', which Spark cannot use: it needs"
                + " at least 450m (1.5 times the 300m of heap it reserves)");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.executor.memory", "449m"), "--conf "))
        .hasMessageStartingWith("--conf spark.executor.memory is set to '449m', which Spark");
    assertThatThrownBy(
            () -> SparkSettingsCheck.check(Map.of("spark.executor.memory", "4096"), "--conf "))
        .hasMessage(
            "--conf spark.executor.memory is set to '4096', which Spark cannot use: it needs at"
                + " least 450m (1.5 times the 300m of heap it reserves), and its check reads a"
                + " number without unit as bytes: write 4096m");
    assertThatCode(
            () -> SparkSettingsCheck.check(Map.of("spark.executor.memory", "450m"), "--conf "))
        .doesNotThrowAnyException();
  }

  /** The driver's heap (its JVM's -Xmx) below Spark's minimum: named, with how to raise it. */
  @Test
  void aDriverHeapBelowSparksMinimumIsRefusedNamingHowToRaiseIt() {
    assertThatThrownBy(() -> SparkSettingsCheck.requireDriverHeap(448L << 20, Map.of(), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "The driver's heap is 448m, below the 450m Spark needs to start (1.5 times the 300m it"
                + " reserves): give the driver at least 512m with --driver-memory of submit.sh or"
                + " spark-submit (or TRACEMINE_DRIVER_MEMORY for submit.sh)");
    assertThatCode(() -> SparkSettingsCheck.requireDriverHeap(450L << 20, Map.of()))
        .doesNotThrowAnyException();
    // _JAVA_OPTIONS' -Xmx overrides the command line's (hostile sweep 7, F9: the advice named the
    // --driver-memory that had been given)
    assertThatThrownBy(
            () ->
                SparkSettingsCheck.requireDriverHeap(
                    192L << 20, Map.of(), "-Dx=1 -Xmx100m -Xmx200m -Dfile.encoding=UTF-8"))
        .hasMessageEndingWith(
            "_JAVA_OPTIONS sets -Xmx200m, which overrides --driver-memory: remove it from"
                + " _JAVA_OPTIONS, or raise it to at least -Xmx512m");
    // Spark's own tests reserve nothing
    assertThatCode(
            () -> SparkSettingsCheck.requireDriverHeap(64L << 20, Map.of("spark.testing", "true")))
        .doesNotThrowAnyException();
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
