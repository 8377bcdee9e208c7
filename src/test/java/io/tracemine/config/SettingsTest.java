package io.tracemine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.mine.MineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @Test
  void laterLayersWinAndProfilesApply() {
    Settings local = TestSettings.withOverrides("local", Map.of());
    assertThat(local.string(RunKeys.SPARK_MASTER)).isEqualTo("local[*]");
    assertThat(local.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "8");
    Settings paper = TestSettings.withOverrides("paper", Map.of("mine.min-support", "3"));
    assertThat(paper.string(ExtractConfig.PROFILE)).isEqualTo("paper");
    assertThat(paper.string(MineConfig.SUPPORT)).isEqualTo("occurrences");
    assertThat(paper.longValue(MineConfig.MIN_SUPPORT, 1)).isEqualTo(3);
  }

  @Test
  void theJarCarriesTheSameConfiguration() {
    Settings fromJar = Settings.of(Settings.baseLayers(null, "cluster"));
    assertThat(fromJar.string(IngestConfig.SOURCE_TYPE)).isEqualTo("bigquery");
    assertThat(fromJar.list(IngestConfig.LIBRARIES)).hasSize(7);
  }

  @Test
  void unknownKeysFailNamingTheKey() {
    assertThatThrownBy(() -> TestSettings.withOverrides(null, Map.of("mine.minsup", "2")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "Unknown configuration key 'mine.minsup' (known keys with that prefix: mine.buckets,"
                + " mine.examples,");
  }

  @Test
  void badValuesFailNamingKeyAndRule() {
    Settings s =
        TestSettings.withOverrides(null, Map.of("source.type", "bq", "source.partitions", "-1"));
    assertThatThrownBy(() -> s.choice(IngestConfig.SOURCE_TYPE, List.of("sample", "xml")))
        .hasMessage("'source.type' is set to 'bq' (valid: sample, xml)");
    assertThatThrownBy(() -> s.intValue(IngestConfig.SOURCE_PARTITIONS, 0))
        .hasMessage("'source.partitions' is set to -1 but must be >= 0");
    Settings huge =
        TestSettings.withOverrides(
            null,
            Map.of("source.partitions", "99999999999", "stats.seed", "123456789012345678901"));
    assertThatThrownBy(() -> huge.intValue(IngestConfig.SOURCE_PARTITIONS, 0))
        .hasMessage("'source.partitions' is set to 99999999999 but must be <= 2147483647");
    assertThatThrownBy(() -> huge.longValue("stats.seed", Long.MIN_VALUE))
        .hasMessage(
            "'stats.seed' is set to 123456789012345678901 but must be <= 9223372036854775807");
    assertThatThrownBy(() -> IngestConfig.from(s, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'source.type' is set to 'bq' (valid: sample, xml, parquet, bigquery)");
    // before (hostile sweep 6): accepted, and the driver ran out of heap after the work began
    Settings absurd =
        TestSettings.withOverrides(
            null,
            Map.of("source.type", "xml", "source.path", "/x", "source.partitions", "100000000"));
    assertThatThrownBy(() -> IngestConfig.from(absurd, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'source.partitions' is set to 100000000 but must be <= 100000");
  }

  @Test
  void aLibraryCanBeAddedByConfigurationAlone() {
    Settings s =
        TestSettings.withOverrides(
            null,
            Map.of("libraries", "tensorflow,xgboost", "library.xgboost.stems", "xgboost,xgb"));
    var selector = IngestConfig.selector(s);
    assertThat(selector.librariesOf(List.of("python", "xgboost1.5"))).containsExactly("xgboost");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(TestSettings.withOverrides(null, Map.of("libraries", "jax"))))
        .hasMessage("Library 'jax' is listed in 'libraries' but 'library.jax.stems' is not set");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "jax", "library.jax.stems", ""))))
        .hasMessage(
            "Library 'jax' is listed in 'libraries' but 'library.jax.stems' is set to ''"
                + " (empty): give its tag stems");
  }

  @Test
  void aLibraryNamedAllOrListedTwiceIsRefused() {
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "keras,all", "library.all.stems", "all"))))
        .hasMessage(
            "'libraries' names a library 'all': the name is reserved for the rows over every"
                + " library in the stats and report tables; give the library another name");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(null, Map.of("libraries", "keras, nltk,keras"))))
        .hasMessage("'libraries' names library 'keras' twice");
  }

  @Test
  void aListWithAnEmptyEntryIsRefusedNotShortened() {
    for (String libraries : List.of("keras,,nltk", "keras,nltk,", ",keras", "keras, ,nltk")) {
      assertThatThrownBy(
              () ->
                  IngestConfig.selector(
                      TestSettings.withOverrides(null, Map.of("libraries", libraries))))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage(
              "'libraries' is set to '"
                  + libraries
                  + "', which has an empty entry; give names separated by single commas");
    }
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "keras", "library.keras.stems", "keras,"))))
        .hasMessageStartingWith("'library.keras.stems' is set to 'keras,', which has an empty");
  }

  @Test
  void aStemGivenTwiceOrToTwoLibrariesIsRefused() {
    assertThatThrownBy(() -> libraries("keras,tensorflow", "keras", "keras,tensorflow"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Stem 'tensorflow' is given for library 'keras' and for library 'tensorflow': both"
                + " would select the same questions by it; give each stem to one library");
    assertThatThrownBy(() -> libraries("keras", "keras", "keras, keras"))
        .hasMessage("'library.keras.stems' gives stem 'keras' twice");
    assertThat(
            libraries("keras,tensorflow", "tensorflow", "tensorflow,tf")
                .librariesOf(List.of("python", "tf.keras")))
        .containsExactly("keras", "tensorflow");
  }

  /** The selector of {@code libraries}, library {@code name} having {@code stems}. */
  private static io.tracemine.ingest.LibrarySelector libraries(
      String libraries, String name, String stems) {
    return IngestConfig.selector(
        TestSettings.withOverrides(
            null, Map.of("libraries", libraries, "library." + name + ".stems", stems)));
  }

  @Test
  void aFractionIsAPlainDecimalNumber() {
    for (String plain : List.of("0.05", ".5", "1", "0", "5e-2", "+0.5")) {
      Settings s = TestSettings.withOverrides(null, Map.of("ingest.max-rejected-fraction", plain));
      assertThat(s.fraction("ingest.max-rejected-fraction")).isEqualTo(Double.parseDouble(plain));
    }
    for (String odd : List.of("0x1p-3", "0.5d", "0.5f", "NaN", "Infinity", "0,5", "5%")) {
      Settings s = TestSettings.withOverrides(null, Map.of("ingest.max-rejected-fraction", odd));
      assertThatThrownBy(() -> s.fraction("ingest.max-rejected-fraction"))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage(
              "'ingest.max-rejected-fraction' is set to '"
                  + odd
                  + "' but must be a decimal number such as 0.05");
    }
  }

  @Test
  void namesAndStemsThatCouldNeverSelectAQuestionAreRefused() {
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "keras", "library.keras.stems", "Keras"))))
        .hasMessage(
            "'library.keras.stems' holds 'Keras', which no tag can contain: tags are lower-case"
                + " letters, digits and + # . -; write 'keras'");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "keras", "library.keras.stems", "ker*as"))))
        .hasMessage(
            "'library.keras.stems' holds 'ker*as', which no tag can contain: tags are lower-case"
                + " letters, digits and + # . -");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(null, Map.of("libraries", "keras,Deep Learning"))))
        .hasMessage(
            "'libraries' names a library 'Deep Learning': a library name is lower-case letters,"
                + " digits, '-' and '_'");
    assertThatThrownBy(
            () ->
                IngestConfig.selector(
                    TestSettings.withOverrides(null, Map.of("selection.python-tag-prefix", "py'"))))
        .hasMessageStartingWith("'selection.python-tag-prefix' holds 'py''");
    assertThat(
            IngestConfig.selector(
                    TestSettings.withOverrides(
                        null, Map.of("libraries", "c_sharp", "library.c_sharp.stems", "c#,.net")))
                .librariesOf(List.of("python", "c#")))
        .containsExactly("c_sharp");
  }

  @Test
  void missingProfileAndFilesAreNamed(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Settings.baseLayers(Path.of("conf"), "prod"))
        .hasMessage(
            "Cannot load profile 'prod': no file profiles/prod.properties in 'conf' (valid:"
                + " cluster, local, paper)");
    assertThatThrownBy(() -> Settings.baseLayers(Path.of("conf"), " "))
        .as("--profile '' (before: no profile at all, not even the default local one)")
        .hasMessage("Cannot load profile ' ': the name is empty (valid: cluster, local, paper)");
    assertThatThrownBy(() -> Settings.baseLayers(Path.of("conf"), "../tracemine"))
        .hasMessage(
            "Cannot load profile '../tracemine': a profile is named, not a path (valid:"
                + " cluster, local, paper); give a file of settings with --config FILE");
    assertThatThrownBy(() -> Settings.loadFile(dir.resolve("x.properties")))
        .hasMessage("Cannot read config file '" + dir.resolve("x.properties") + "': no such file");
    assertThatThrownBy(() -> Settings.loadFile(Path.of("/dev/null")))
        .hasMessage(
            "Cannot read config file '/dev/null': it is not a regular file (a device or a pipe)");
    Files.writeString(dir.resolve("y.properties"), "output.dir = /tmp/x\nsource.typ = xml\n");
    assertThatThrownBy(() -> Settings.of(List.of(Settings.loadFile(dir.resolve("y.properties")))))
        .hasMessageStartingWith(
            "In config file '"
                + dir.resolve("y.properties")
                + "': Unknown configuration key"
                + " 'source.typ'");
    assertThatThrownBy(() -> Settings.parseAssignments(List.of("novalue")))
        .hasMessage("Cannot parse --set 'novalue': expected key=value");
  }

  /**
   * A key given twice with --set is refused as a key set twice in a --config file is (before: the
   * last won silently, session 38).
   */
  @Test
  void aKeySetTwiceOnTheCommandLineIsRefusedAsInAFile() {
    assertThatThrownBy(
            () ->
                Settings.parseAssignments(
                    List.of("mine.min-support=3", "output.dir=/o", "mine.min-support = 4")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot use --set: key 'mine.min-support' is set twice ('3', then '4'); give it once");
    assertThatThrownBy(() -> Settings.parseAssignments(List.of("stats.seed=7", "stats.seed=7")))
        .hasMessage(
            "Cannot use --set: key 'stats.seed' is set twice ('7', then '7'); give it once");
    assertThat(Settings.parseAssignments(List.of("mine.min-support=3", "stats.seed=7")))
        .containsExactly(Map.entry("mine.min-support", "3"), Map.entry("stats.seed", "7"));
  }

  @Test
  void aConfigFileSavedWithAByteOrderMarkIsRead(@TempDir Path dir) throws Exception {
    Path bom = dir.resolve("bom.properties");
    Files.writeString(bom, "\uFEFFmine.min-support = 3\noutput.dir = /o\n");
    assertThat(Settings.loadFile(bom)).containsEntry("mine.min-support", "3");
  }

  @Test
  void aConfigFileThatIsADirectoryNotUtf8OrSetsAKeyTwiceIsNamed(@TempDir Path dir)
      throws Exception {
    assertThatThrownBy(() -> Settings.loadFile(dir))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot read config file '" + dir + "': it is a directory, not a properties file");
    Path latin1 = dir.resolve("latin1.properties");
    Files.write(
        latin1,
        "output.dir = /tmp/x\nstats.codebook = caf\u00e9.csv\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Settings.loadFile(latin1))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot read config file '"
                + latin1
                + "': it is not UTF-8 text (line 2, byte 40 is 0xe9); save it as UTF-8");
    Path twice = dir.resolve("twice.properties");
    Files.writeString(twice, "mine.min-support = 2\noutput.dir = /o\nmine.min-support: 5\n");
    assertThatThrownBy(() -> Settings.loadFile(twice))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot read config file '"
                + twice
                + "': key 'mine.min-support' is set twice ('2', then '5')");
    Path escape = dir.resolve("escape.properties");
    Files.writeString(escape, "stats.codebook = C:\\users\\x.csv\n");
    assertThatThrownBy(() -> Settings.loadFile(escape))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot read config file '" + escape + "': Malformed \\uxxxx encoding.");
    Path fine = dir.resolve("fine.properties");
    Files.writeString(fine, "stats.codebook = caf\u00e9.csv\n");
    assertThat(Settings.loadFile(fine))
        .containsExactly(Map.entry("stats.codebook", "caf\u00e9.csv"));
  }

  @Test
  void anEmptyValueIsNamedAsEmptyNotMissing() {
    Settings s = TestSettings.withOverrides(null, Map.of("mine.min-support", " "));
    assertThatThrownBy(() -> MineConfig.from(s))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'mine.min-support' is set to '' (empty) but needs a value (see"
                + " conf/tracemine.properties)");
  }

  @Test
  void theDefaultsFileGivesEveryOwnedKeyAndNoOther() throws Exception {
    java.util.Properties defaults = new java.util.Properties();
    try (var in = java.nio.file.Files.newBufferedReader(Path.of("conf/tracemine.properties"))) {
      defaults.load(in);
    }
    java.util.Set<String> plainKeys = new java.util.TreeSet<>(defaults.stringPropertyNames());
    plainKeys.removeIf(k -> k.startsWith(RunKeys.SPARK_CONF_PREFIX));
    java.util.Set<String> owned = new java.util.TreeSet<>(KnownKeys.KNOWN);
    owned.removeAll(java.util.List.of("libraries", "selection.python-tag-prefix"));
    assertThat(plainKeys).isEqualTo(owned);
    assertThat(Settings.packagedDefaults().asMap())
        .containsKeys("libraries", "selection.python-tag-prefix");
  }
}
