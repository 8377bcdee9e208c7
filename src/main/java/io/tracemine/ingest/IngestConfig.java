package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ingest stage's slice of the configuration.
 *
 * @param maxRejectedFraction the stage fails when a larger share of the rows read is rejected
 * @param maxBodyChars a longer Body (in Unicode code points) is rejected as {@code body too large}
 */
public record IngestConfig(
    SourceType sourceType,
    String path,
    int partitions,
    BigQueryOptions bigQuery,
    LibrarySelector selector,
    double maxRejectedFraction,
    int maxBodyChars)
    implements Serializable {

  public static final String LIBRARIES = "libraries";
  public static final String PYTHON_TAG_PREFIX = "selection.python-tag-prefix";

  /** The library label of the stats and report rows that count every library once. */
  public static final String ALL_LIBRARIES = "all";

  /** One library's tag stems: {@code library.<name>.stems}. */
  public static final String LIBRARY_STEMS_FORMAT = "library.%s.stems";

  public static final String SOURCE_TYPE = "source.type";
  public static final String SOURCE_PATH = "source.path";
  public static final String SOURCE_PARTITIONS = "source.partitions";

  /**
   * Most input partitions: one task's bookkeeping each on the driver, so 10^8 of them ran the
   * driver out of heap after the work began (hostile sweep 6); a whole Stack Overflow dump needs a
   * few thousand.
   */
  static final int MAX_PARTITIONS = 100_000;

  public static final String SOURCE_SINCE = "source.since";
  public static final String SOURCE_UNTIL = "source.until";
  public static final String BIGQUERY_TABLE = "source.bigquery.table";
  public static final String BIGQUERY_PROJECT = "source.bigquery.project";
  public static final String BIGQUERY_MATERIALIZATION_DATASET =
      "source.bigquery.materialization-dataset";
  public static final String BIGQUERY_CREDENTIALS_FILE = "source.bigquery.credentials-file";

  public static final String INGEST_MAX_REJECTED_FRACTION = "ingest.max-rejected-fraction";
  public static final String INGEST_MAX_BODY_CHARS = "ingest.max-body-chars";

  /** The keys this stage owns (library stems are the family {@link #LIBRARY_STEMS_FORMAT}). */
  public static final List<String> KEYS =
      List.of(
          LIBRARIES,
          PYTHON_TAG_PREFIX,
          SOURCE_TYPE,
          SOURCE_PATH,
          SOURCE_PARTITIONS,
          SOURCE_SINCE,
          SOURCE_UNTIL,
          BIGQUERY_TABLE,
          BIGQUERY_PROJECT,
          BIGQUERY_MATERIALIZATION_DATASET,
          BIGQUERY_CREDENTIALS_FILE,
          INGEST_MAX_REJECTED_FRACTION,
          INGEST_MAX_BODY_CHARS);

  /** Where posts come from. */
  public enum SourceType {
    SAMPLE,
    XML,
    PARQUET,
    BIGQUERY;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> keys() {
      return java.util.Arrays.stream(values()).map(SourceType::key).toList();
    }
  }

  /** BigQuery settings; the credentials file is a path only and never printed. */
  public record BigQueryOptions(
      String table, String project, String materializationDataset, String credentialsFile)
      implements Serializable {
    @Override
    public String toString() {
      return "BigQueryOptions[table="
          + table
          + ", project="
          + project
          + ", materializationDataset="
          + materializationDataset
          + ", credentialsFile="
          + (credentialsFile == null ? "unset" : "<set>")
          + "]";
    }
  }

  /** The bundled default corpus, relative to the project directory. */
  public static final String SAMPLE_PATH = "src/main/corpus/Posts.xml.gz";

  public static IngestConfig from(Settings settings, Map<String, String> env) {
    SourceType type =
        SourceType.valueOf(
            settings.choice(SOURCE_TYPE, SourceType.keys()).toUpperCase(java.util.Locale.ROOT));
    String path = settings.stringOr(SOURCE_PATH, null);
    if (type == SourceType.SAMPLE && path == null) {
      path = samplePath(env);
    }
    if ((type == SourceType.XML || type == SourceType.PARQUET) && path == null) {
      throw new InvalidConfigException(
          "'" + SOURCE_PATH + "' must be set when '" + SOURCE_TYPE + "' is " + type.key());
    }
    BigQueryOptions bq =
        new BigQueryOptions(
            settings.string(BIGQUERY_TABLE),
            settings.stringOr(BIGQUERY_PROJECT, env.get("GOOGLE_CLOUD_PROJECT")),
            settings.stringOr(BIGQUERY_MATERIALIZATION_DATASET, null),
            settings.stringOr(
                BIGQUERY_CREDENTIALS_FILE, env.get("GOOGLE_APPLICATION_CREDENTIALS")));
    if (type == SourceType.BIGQUERY && bq.materializationDataset() == null) {
      throw new InvalidConfigException(
          "'"
              + BIGQUERY_MATERIALIZATION_DATASET
              + "' must be set when '"
              + SOURCE_TYPE
              + "' is bigquery: the connector materialises the pushed-down query there");
    }
    return new IngestConfig(
        type,
        path,
        settings.intValue(SOURCE_PARTITIONS, 0, MAX_PARTITIONS),
        bq,
        selector(settings),
        settings.fraction(INGEST_MAX_REJECTED_FRACTION),
        settings.intValue(INGEST_MAX_BODY_CHARS, 1));
  }

  /** The bundled corpus: in the working directory, or in the project submit.sh runs from. */
  static String samplePath(Map<String, String> env) {
    String home = env.get("TRACEMINE_HOME");
    if (!java.nio.file.Files.exists(java.nio.file.Path.of(SAMPLE_PATH)) && home != null) {
      return java.nio.file.Path.of(home, SAMPLE_PATH).toString();
    }
    return SAMPLE_PATH;
  }

  /**
   * Fails when one of {@code userKeys} (a user's {@code --config} file or {@code --set}) gives the
   * tag stems of a library that {@code libraries} does not list: such a key would be ignored, so a
   * typo ({@code library.kears.stems}) would silently leave the intended library's stems as they
   * were. The stems of {@code conf/libraries.properties} for libraries left out of {@code
   * libraries} stay allowed.
   */
  public static void requireListedLibraries(
      Settings settings, java.util.Collection<String> userKeys) {
    String[] around = LIBRARY_STEMS_FORMAT.split("%s");
    List<String> listed = settings.has(LIBRARIES) ? settings.list(LIBRARIES) : List.of();
    for (String key : new java.util.TreeSet<>(userKeys)) {
      if (!key.startsWith(around[0]) || !key.endsWith(around[1])) {
        continue;
      }
      String name = key.substring(around[0].length(), key.length() - around[1].length());
      if (!listed.contains(name)) {
        throw new InvalidConfigException(
            "'"
                + key
                + "' gives the tag stems of library '"
                + name
                + "', which '"
                + LIBRARIES
                + "' does not list (it lists: "
                + String.join(", ", listed)
                + "): a typo, or add '"
                + name
                + "' to '"
                + LIBRARIES
                + "'");
      }
    }
  }

  /** The configured libraries and python-tag rule. */
  public static LibrarySelector selector(Settings settings) {
    List<LibraryDefinition> libraries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> libraryOfStem = new HashMap<>();
    for (String name : settings.list(LIBRARIES)) {
      if (name.equalsIgnoreCase(ALL_LIBRARIES)) {
        throw new InvalidConfigException(
            "'"
                + LIBRARIES
                + "' names a library '"
                + name
                + "': the name is reserved for the rows over every library in the stats and"
                + " report tables; give the library another name");
      }
      LibraryDefinition.requireName(name);
      if (!seen.add(name)) {
        throw new InvalidConfigException("'" + LIBRARIES + "' names library '" + name + "' twice");
      }
      String key = String.format(LIBRARY_STEMS_FORMAT, name);
      if (!settings.has(key)) {
        boolean empty = settings.isGivenEmpty(key);
        throw new InvalidConfigException(
            "Library '"
                + name
                + "' is listed in '"
                + LIBRARIES
                + "' but '"
                + key
                + (empty ? "' is set to '' (empty): give its tag stems" : "' is not set"));
      }
      List<String> stems = settings.list(key);
      for (String stem : stems) {
        String earlier = libraryOfStem.putIfAbsent(stem, name);
        if (earlier != null) {
          throw new InvalidConfigException(stemGivenTwice(stem, earlier, name));
        }
      }
      libraries.add(new LibraryDefinition(name, stems));
    }
    if (libraries.isEmpty()) {
      throw new InvalidConfigException("'" + LIBRARIES + "' names no library");
    }
    String pythonPrefix = settings.string(PYTHON_TAG_PREFIX);
    LibraryDefinition.requireTagText(pythonPrefix, PYTHON_TAG_PREFIX);
    return new LibrarySelector(pythonPrefix, libraries);
  }

  private static String stemGivenTwice(String stem, String earlier, String later) {
    if (earlier.equals(later)) {
      return "'" + String.format(LIBRARY_STEMS_FORMAT, later) + "' gives stem '" + stem + "' twice";
    }
    return "Stem '"
        + stem
        + "' is given for library '"
        + earlier
        + "' and for library '"
        + later
        + "': both would select the same questions by it; give each stem to one library";
  }
}
