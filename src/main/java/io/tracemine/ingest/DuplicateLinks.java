package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads the optional {@code PostLinks} input and keeps the duplicate links ({@code LinkTypeId = 3})
 * of the selected questions as the {@code duplicate_links} table. Every row read ends in exactly
 * one of: rejected (unreadable, a required value missing, a post linked to itself), a duplicate
 * link of a selected question, a duplicate link of another question, another link type; each count
 * is computed from its own rows.
 */
public final class DuplicateLinks {
  /** {@code LinkTypeId} of a duplicate link. */
  public static final int DUPLICATE = 3;

  private static final String[] REQUIRED = {"Id", "PostId", "RelatedPostId", "LinkTypeId"};

  /** A PostLinks row's size limit in a file read whole (a row is about 120 bytes). */
  private static final int MAX_ROW_BYTES = 1 << 20;

  /** The column of {@link #questionIds}. */
  static final String QUESTION = "_question";

  private final SparkSession spark;
  private final PostLinksConfig config;
  private List<InputFiles.InputFile> files;
  private final XmlLayouts layouts = new XmlLayouts();

  public DuplicateLinks(SparkSession spark, PostLinksConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** The table, its rejects and counts; {@code note} is set when there was no input. */
  public record Result(
      Dataset<Row> links, Dataset<Row> rejects, Map<String, Long> counts, String note) {}

  /** Links of the selected questions in {@code posts} ({@link Schemas#POSTS}). */
  public Result run(Dataset<Row> posts) {
    return runOnQuestions(questionIds(posts));
  }

  /**
   * Links of the selected questions whose Ids {@code questions} holds (column {@value #QUESTION},
   * each once: {@link #questionIds}, or {@code IngestStage.IngestResult#questionIds}).
   */
  public Result runOnQuestions(Dataset<Row> questions) {
    if (config.type() == PostLinksConfig.Type.NONE) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("postlinks_read", 0L);
      counts.put("duplicate_links", 0L);
      return new Result(
          spark.createDataFrame(List.of(), Schemas.DUPLICATE_LINKS),
          spark.createDataFrame(List.of(), Schemas.REJECTS),
          counts,
          "no PostLinks input (" + config.note() + "): duplicate_links is empty");
    }
    // persisted before anything counts it: the input is read and parsed once, by the first count
    Dataset<Row> parsed = validated(read()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> raw = oneRowPerId(parsed);
    if (raw != parsed) {
      raw.persist(StorageLevel.MEMORY_AND_DISK());
    }
    Dataset<Row> rejects =
        raw.filter(col(ParsePostLinksRows.REJECT_REASON).isNotNull())
            .select(
                lit("ingest").as("stage"),
                lit("postlinks").as("source"),
                col("Id").cast("string").as("record_id"),
                col(ParsePostLinksRows.REJECT_REASON).as("reason"),
                col(ParsePostLinksRows.REJECT_DETAIL).as("detail"))
            .orderBy("record_id", "reason");
    Dataset<Row> good = raw.filter(col(ParsePostLinksRows.REJECT_REASON).isNull());
    Dataset<Row> duplicates = good.filter(col("LinkTypeId").equalTo(DUPLICATE));
    Dataset<Row> selected =
        duplicates.join(questions, col("PostId").equalTo(col(QUESTION)), "left_semi");
    Dataset<Row> table =
        table(
            selected.select(
                col("PostId").as("question_id"),
                col("RelatedPostId").as("original_id"),
                col("CreationDate").as("link_date")),
            questions);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("postlinks_read", raw.count());
    counts.put("postlinks_rejected", rejects.count());
    counts.put("postlinks_other_type", good.filter(col("LinkTypeId").notEqual(DUPLICATE)).count());
    counts.put(
        "duplicate_links_unselected",
        duplicates.join(questions, col("PostId").equalTo(col(QUESTION)), "left_anti").count());
    counts.put("duplicate_links", table.count());
    return new Result(table, spark.createDataFrame(rejects.rdd(), Schemas.REJECTS), counts, null);
  }

  /**
   * The ids of the questions in {@code posts} ({@link Schemas#POSTS}), column {@value QUESTION}.
   */
  static Dataset<Row> questionIds(Dataset<Row> posts) {
    return posts.filter(col("PostTypeId").equalTo(1)).select(col("Id").as(QUESTION)).distinct();
  }

  /**
   * The {@code duplicate_links} table of {@code links} ({@code question_id, original_id,
   * link_date}): {@code original_selected} when the original is among {@code questions} (from
   * {@link #questionIds}), ordered by {@code question_id, original_id}.
   */
  static Dataset<Row> table(Dataset<Row> links, Dataset<Row> questions) {
    Dataset<Row> table =
        links
            .join(questions, col("original_id").equalTo(col(QUESTION)), "left_outer")
            .select(
                col("question_id"),
                col("original_id"),
                col("link_date"),
                col(QUESTION).isNotNull().as("original_selected"))
            .orderBy("question_id", "original_id");
    return links.sparkSession().createDataFrame(table.rdd(), Schemas.DUPLICATE_LINKS);
  }

  /** A description of the input, for the summary. */
  public String describe() {
    return config.type() == PostLinksConfig.Type.NONE
        ? "no PostLinks"
        : "postlinks " + config.type().key() + " " + config.location();
  }

  /** The XML input's files (listed and probed on first use); empty for other sources. */
  List<InputFiles.InputFile> files() {
    if (files == null) {
      files =
          switch (config.type()) {
            case XML, PARQUET ->
                InputFiles.list(
                    InputFiles.POSTLINKS,
                    config.location(),
                    config.type() == PostLinksConfig.Type.XML
                        ? IngestConfig.SourceType.XML
                        : IngestConfig.SourceType.PARQUET,
                    spark.sparkContext().hadoopConfiguration());
            case BIGQUERY, NONE -> List.of();
          };
    }
    return files;
  }

  /**
   * The file of this input that {@code failure} found markup over several lines in, read whole from
   * now on ({@link PostsSource#readWholeAfter}); empty for any other failure.
   */
  public Optional<InputFiles.InputFile> readWholeAfter(Throwable failure) {
    return config.type() == PostLinksConfig.Type.XML
        ? layouts.readWholeAfter(failure, files())
        : Optional.empty();
  }

  /** The file input read, for naming it in read failures; empty for BigQuery and none. */
  public Optional<ReadFailures.Input> input() {
    return switch (config.type()) {
      case XML, PARQUET ->
          Optional.of(
              new ReadFailures.Input(
                  InputFiles.POSTLINKS, PostsSource.absolute(config.location()), files()));
      case BIGQUERY, NONE -> Optional.empty();
    };
  }

  private Dataset<Row> read() {
    return switch (config.type()) {
      case XML -> readXml();
      case PARQUET -> readParquet();
      case BIGQUERY -> conform(readBigQuery(), "BigQuery table " + config.location(), Set.of());
      case NONE -> throw new IllegalStateException("no PostLinks input");
    };
  }

  private Dataset<Row> readBigQuery() {
    try {
      return spark
          .read()
          .format("bigquery")
          .options(BigQueryPushdown.tableOptions(config.bigQuery(), config.location()))
          .load();
    } catch (RuntimeException e) {
      throw MalformedInputException.namingRootCause(
          "Cannot read PostLinks from BigQuery table "
              + config.location()
              + BigQueryPushdown.CONNECTION_HINT,
          e);
    }
  }

  /**
   * Each group of files with the same column types ({@link ParquetFileGroups}: a file whose columns
   * differ only in case is refused naming them) read on its own and conformed.
   */
  private Dataset<Row> readParquet() {
    List<ParquetFileGroups.FileGroup> groups =
        ParquetFileGroups.of(
            files().stream().map(InputFiles.InputFile::path).toList(),
            spark.sparkContext().hadoopConfiguration(),
            "PostLinks");
    return ParquetFileGroups.readEach(
        groups,
        config.location(),
        (files, schema) -> ParquetFileGroups.readFiles(spark, files, schema),
        DuplicateLinks::conform);
  }

  /**
   * Files written one row per line are read by lines, in parallel splits; any other layout (a
   * PostLinks.xml on one line) file by file, as for posts ({@link ParseXmlDocuments}).
   */
  private Dataset<Row> readXml() {
    return layouts.read(spark, files(), MAX_ROW_BYTES, ParseXmlDocuments.Table.POSTLINKS);
  }

  /**
   * SOTorrent's PostLinks columns (names matched case-insensitively, else also ignoring
   * underscores: {@code post_id} of the public BigQuery tables), cast to our types as posts' are
   * ({@link RawPosts#conformedColumns}: a column of an incompatible type fails naming it; a value
   * beyond its column's type, such as an int64 {@code LinkTypeId} of 4294967299, rejects its row as
   * {@code bad LinkTypeId '4294967299' (out of range)} instead of wrapping around to 3).
   */
  static Dataset<Row> conform(Dataset<Row> table, String source, Set<String> nanosColumns) {
    List<Column> outOfRange = new ArrayList<>();
    List<Column> columns =
        RawPosts.conformedColumns(
            table.schema(),
            Schemas.SOTORRENT_POSTLINKS,
            "PostLinks",
            source,
            nanosColumns,
            outOfRange);
    String problems = "_out_of_range";
    columns.add(functions.concat_ws("; ", outOfRange.toArray(Column[]::new)).as(problems));
    Column yearProblem = RawPosts.yearProblem(col("CreationDate"));
    List<Column> ordered = new ArrayList<>();
    for (String name : Schemas.SOTORRENT_POSTLINKS.fieldNames()) {
      ordered.add(
          name.equals("CreationDate") ? when(yearProblem.isNull(), col(name)).as(name) : col(name));
    }
    Column reasons =
        functions.concat_ws(
            "; ",
            when(col(problems).notEqual(""), col(problems)),
            RawPosts.badDate("CreationDate", col("CreationDate"), yearProblem));
    Column reason = when(reasons.notEqual(""), reasons);
    ordered.add(reason.as(ParsePostLinksRows.REJECT_REASON));
    ordered.add(lit(null).cast("string").as(ParsePostLinksRows.REJECT_DETAIL));
    return table.select(columns.toArray(Column[]::new)).select(ordered.toArray(Column[]::new));
  }

  /**
   * {@code links} with every accepted copy but one of each {@code Id} rejected as {@value
   * DuplicateIds#REASON} (a PostLinks file given twice would otherwise double its links), the kept
   * copy chosen as for posts ({@link DuplicateIds}); {@code links} itself when no Id repeats.
   * Counts the repeated Ids (a Spark job over {@code links}: persist it first).
   */
  static Dataset<Row> oneRowPerId(Dataset<Row> links) {
    Dataset<Row> duplicatedIds = DuplicateIds.duplicatedIds(links);
    long duplicated = duplicatedIds.count();
    return duplicated == 0
        ? links
        : DuplicateIds.rejectExtraCopies(
            links,
            duplicatedIds,
            duplicated,
            Schemas.SOTORRENT_POSTLINKS.fieldNames(),
            links.columns());
  }

  /** Adds the reason for a missing required value or a self-link to rows not yet rejected. */
  static Dataset<Row> validated(Dataset<Row> raw) {
    Column reason = col(ParsePostLinksRows.REJECT_REASON);
    Column problem =
        when(
            col("PostId").isNotNull().and(col("PostId").equalTo(col("RelatedPostId"))),
            lit("links a post to itself"));
    for (int i = REQUIRED.length - 1; i >= 0; i--) {
      problem = when(col(REQUIRED[i]).isNull(), lit("missing " + REQUIRED[i])).otherwise(problem);
    }
    Column detail =
        functions.concat_ws(
            " ",
            lit("Id"),
            col("Id").cast("string"),
            lit("PostId"),
            col("PostId").cast("string"),
            lit("RelatedPostId"),
            col("RelatedPostId").cast("string"),
            lit("LinkTypeId"),
            col("LinkTypeId").cast("string"));
    return raw.withColumn(
            ParsePostLinksRows.REJECT_DETAIL,
            when(reason.isNull().and(problem.isNotNull()), detail)
                .otherwise(col(ParsePostLinksRows.REJECT_DETAIL)))
        .withColumn(ParsePostLinksRows.REJECT_REASON, functions.coalesce(reason, problem));
  }
}
