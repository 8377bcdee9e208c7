package io.tracemine.cli;

import static org.apache.spark.sql.functions.col;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.InputFiles;
import io.tracemine.match.BatchMatchStage;
import io.tracemine.match.CommittedIndex;
import io.tracemine.match.CsvQuoting;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.spark.SparkSessions;
import io.tracemine.spark.StageCommit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@code match --input TABLE}: the Spark side of {@link MatchCommand}, kept apart from it. */
final class BatchMatch {
  static final List<String> FORMATS = List.of("auto", "parquet", "json", "csv");

  private BatchMatch() {}

  static void run(
      CommonOptions common,
      String input,
      String format,
      String textColumn,
      String idColumn,
      Path knowledge,
      int k) {
    requireKnownFormat(format);
    try (Invocation invocation = new Invocation("match", common, Map.of(), System.out)) {
      long start = System.nanoTime();
      Path dir = knowledge != null ? knowledge : Path.of(invocation.outputDir());
      Path indexFile = KnowledgeIndex.fileOf(dir);
      CommittedIndex.open(dir);
      invocation.open();
      org.apache.hadoop.conf.Configuration conf =
          invocation.spark().sparkContext().hadoopConfiguration();
      InputFiles.requireANameSparkReadsIfAFile("--input " + input, input, conf);
      List<String> files = InputFiles.filesSparkLists("--input " + input, input, conf);
      String resolved = format(input, format, files);
      if (resolved.equals("csv")) {
        requireCsvQuoting(input, files, conf);
      }
      StageCommit commit = invocation.stage("match", List.of());
      invocation.begin(
          "match", 1, 1, "matching the tracebacks of " + input + " (" + resolved + ")");
      Dataset<Row> rows =
          SparkSessions.readListed(
              invocation.spark(), new String[] {input}, () -> readAs(invocation, input, resolved));
      BatchMatchStage.Result result =
          new BatchMatchStage(
                  invocation.spark(),
                  indexFile,
                  k,
                  invocation.settings.intValue(IngestConfig.INGEST_MAX_BODY_CHARS, 1))
              .run(rows, textColumn, idColumn);
      var tables = invocation.tables();
      // matched once: written, then counted (before: every text parsed and matched twice)
      Dataset<Row> written = result.matches().persist();
      commit.writeParquet("matches", written);
      commit.writeRejects(result.rejected());
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("rows_read", rows.count());
      counts.put("rejected", commit.rows("rejects/stage=match"));
      counts.put("match_rows", commit.rows("matches"));
      counts.put("tracebacks_matched", written.filter(col("rank").equalTo(1)).count());
      counts.put(
          "tracebacks_without_match",
          written.filter(col("traceback").isNotNull().and(col("rank").isNull())).count());
      counts.put("rows_without_traceback", written.filter(col("traceback").isNull()).count());
      counts.put("rows_answered", written.select("input_id").distinct().count());
      written.unpersist();
      commit.writeCounts(counts);
      commit.commit();
      invocation.summary(
          StageSummary.since("match", start, counts, List.of(tables.pathOf("matches"))));
    }
  }

  private static void requireKnownFormat(String format) {
    if (!FORMATS.contains(format)) {
      throw new InvalidConfigException(
          "Cannot match: unknown --format '"
              + format
              + "' (valid: "
              + String.join(", ", FORMATS)
              + ")");
    }
  }

  /**
   * The format {@code format} names, or for {@code auto} the one the input's name gives, else the
   * one all the names of the {@code files} Spark lists under it give; else Parquet.
   */
  static String format(String input, String format, List<String> files) {
    if (!format.equals("auto")) {
      return format;
    }
    String byName = formatByName(input);
    if (byName != null) {
      return byName;
    }
    java.util.Set<String> inside = new java.util.TreeSet<>();
    files.forEach(f -> inside.add(String.valueOf(formatByName(f))));
    // a directory of CSV or JSON-lines files alone is read as that format
    return inside.size() == 1 && !inside.contains("null") ? inside.iterator().next() : "parquet";
  }

  /** The format a file's name gives (compressed or not), or null. */
  private static String formatByName(String path) {
    String name = path.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|bz2)$", "");
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "json";
    }
    return name.endsWith(".parquet") ? "parquet" : null;
  }

  /**
   * Fails naming the file and line of a CSV input whose quoting Spark's lenient reader would
   * misread ({@link CsvQuoting}); before (hostile sweep 6), 3 rows were read as 9, a traceback's
   * lines matched as rows of their own, exit 0. A file that cannot be opened here is left to
   * Spark's read, which names it.
   */
  private static void requireCsvQuoting(
      String input, List<String> files, org.apache.hadoop.conf.Configuration conf) {
    for (String file : files) {
      try (java.io.Reader csv =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  InputFiles.openDecompressed(file, conf),
                  java.nio.charset.StandardCharsets.UTF_8))) {
        java.util.Optional<String> problem = CsvQuoting.problem(csv);
        if (problem.isPresent()) {
          throw new MalformedInputException(
              "Cannot read --input "
                  + input
                  + " as csv: '"
                  + InputFiles.display(file)
                  + "' "
                  + problem.get()
                  + "; nothing was matched");
        }
      } catch (java.io.IOException e) {
        // Spark's read names a file it cannot read
      }
    }
  }

  private static Dataset<Row> readAs(Invocation invocation, String input, String format) {
    try {
      switch (format) {
        case "csv":
          return invocation
              .spark()
              .read()
              .option("header", "true")
              .option("multiLine", "true")
              .option("escape", "\"")
              .csv(input);
        case "json":
          return invocation.spark().read().json(input);
        default:
          return invocation.spark().read().parquet(input);
      }
    } catch (RuntimeException e) {
      if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
        throw new MalformedInputException(
            "Cannot read --input "
                + input
                + " as "
                + format
                + ": "
                + e.getMessage().lines().findFirst().orElse(""),
            e);
      }
      throw e;
    }
  }
}
