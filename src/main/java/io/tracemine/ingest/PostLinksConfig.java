package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import io.tracemine.config.Settings;
import io.tracemine.ingest.IngestConfig.SourceType;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the optional {@code PostLinks} input comes from ({@code source.postlinks.*}); {@code type}
 * NONE means there is none, and {@code note} then says why.
 *
 * @param location the file or directory (xml, parquet) or the BigQuery table
 * @param bigQuery the project and credentials a BigQuery table is read with (those of the posts)
 */
public record PostLinksConfig(
    Type type, String location, String note, IngestConfig.BigQueryOptions bigQuery)
    implements Serializable {
  public static final String POSTLINKS_TYPE = "source.postlinks.type";
  public static final String POSTLINKS_PATH = "source.postlinks.path";
  public static final String BIGQUERY_POSTLINKS_TABLE = "source.bigquery.postlinks-table";

  /** The keys this input owns. */
  public static final List<String> KEYS =
      List.of(POSTLINKS_TYPE, POSTLINKS_PATH, BIGQUERY_POSTLINKS_TABLE);

  /** The PostLinks sources. */
  public enum Type {
    NONE,
    XML,
    PARQUET,
    BIGQUERY;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PostLinksConfig(Type type, String location, String note) {
    this(type, location, note, null);
  }

  static final List<String> CHOICES = List.of("none", "auto", "xml", "parquet", "bigquery");

  /** The bundled corpus's duplicate links. */
  public static final String SAMPLE_FILE = "PostLinks.xml.gz";

  /**
   * Resolves {@code source.postlinks.type}: {@code auto} looks beside the posts input (see
   * conf/tracemine.properties) and gives NONE with a note when nothing is there; {@code xml} and
   * {@code parquet} need {@code source.postlinks.path}.
   */
  public static PostLinksConfig from(Settings settings, IngestConfig posts) {
    String choice = settings.choice(POSTLINKS_TYPE, CHOICES);
    String path = settings.stringOr(POSTLINKS_PATH, null);
    String table = settings.stringOr(BIGQUERY_POSTLINKS_TABLE, null);
    return switch (choice) {
      case "none" -> none("'" + POSTLINKS_TYPE + "' is none");
      case "xml", "parquet" -> {
        if (path == null) {
          throw new InvalidConfigException(
              "'" + POSTLINKS_PATH + "' must be set when '" + POSTLINKS_TYPE + "' is " + choice);
        }
        checkExists(path);
        yield new PostLinksConfig(Type.valueOf(choice.toUpperCase(Locale.ROOT)), path, null);
      }
      case "bigquery" -> {
        if (table == null) {
          throw new InvalidConfigException(
              "'"
                  + BIGQUERY_POSTLINKS_TABLE
                  + "' must be set when '"
                  + POSTLINKS_TYPE
                  + "' is bigquery");
        }
        yield new PostLinksConfig(Type.BIGQUERY, table, null, posts.bigQuery());
      }
      default -> {
        if (path != null) {
          checkExists(path);
          yield byName(path);
        }
        yield auto(posts, table);
      }
    };
  }

  /** A PostLinks input that does not exist is unreadable input (exit 3), as a posts input is. */
  private static void checkExists(String path) {
    if (!path.contains("://") && !Files.exists(Path.of(path))) {
      throw new io.tracemine.MalformedInputException(
          "Cannot read PostLinks: '"
              + POSTLINKS_PATH
              + "' is '"
              + path
              + "', which does not exist");
    }
  }

  private static PostLinksConfig none(String why) {
    return new PostLinksConfig(Type.NONE, null, why);
  }

  /** An explicit path with type auto: Parquet for a directory or .parquet file, else xml. */
  private static PostLinksConfig byName(String path) {
    boolean parquet =
        path.endsWith(".parquet")
            || Files.isDirectory(Path.of(path)) && !Files.exists(Path.of(path, "PostLinks.xml"));
    return new PostLinksConfig(parquet ? Type.PARQUET : Type.XML, path, null);
  }

  private static PostLinksConfig auto(IngestConfig posts, String table) {
    if (posts.sourceType() == SourceType.BIGQUERY) {
      return table == null
          ? none("'" + BIGQUERY_POSTLINKS_TABLE + "' is empty")
          : new PostLinksConfig(Type.BIGQUERY, table, null, posts.bigQuery());
    }
    String postsPath = posts.path();
    if (postsPath == null || postsPath.contains("://")) {
      return none("no PostLinks found beside a remote posts input; set '" + POSTLINKS_PATH + "'");
    }
    Path p = Path.of(postsPath).toAbsolutePath();
    Path dir = Files.isDirectory(p) ? p : p.getParent();
    if (posts.sourceType() == SourceType.PARQUET) {
      Path links = dir.resolve(Files.isDirectory(p) ? "../postlinks" : "postlinks").normalize();
      return Files.isDirectory(links)
          ? new PostLinksConfig(Type.PARQUET, links.toString(), null)
          : none("no 'postlinks' table beside " + postsPath);
    }
    List<Path> found =
        List.of("PostLinks.xml", SAMPLE_FILE, "PostLinks.xml.bz2").stream()
            .map(dir::resolve)
            .filter(Files::isRegularFile)
            .toList();
    if (found.size() > 1) {
      // one is read beside the posts: the other's links would be counted nowhere
      throw new io.tracemine.MalformedInputException(
          "Cannot read PostLinks: '"
              + dir
              + "' holds "
              + found.stream()
                  .map(file -> file.getFileName().toString())
                  .collect(java.util.stream.Collectors.joining(" and "))
              + ", and one PostLinks file is read beside the posts; set '"
              + POSTLINKS_PATH
              + "' to the one to read, or remove the other");
    }
    return found.isEmpty()
        ? none("no PostLinks.xml[.gz|.bz2] beside " + postsPath)
        : new PostLinksConfig(Type.XML, found.get(0).toString(), null);
  }
}
