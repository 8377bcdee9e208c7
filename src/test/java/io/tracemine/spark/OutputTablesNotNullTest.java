package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A later stage's input table rewritten with nulls where docs/TABLES.md allows none (same row
 * count, so the committed-rows check passes) is refused before any work, naming table, column and
 * file, from the null counts in the files' footers.
 */
@ExtendWith(SharedSpark.class)
class OutputTablesNotNullTest {
  private static final StructType QUESTIONS =
      Schemas.struct(
          Schemas.nullable("question_id", DataTypes.LongType),
          Schemas.nullable("library", DataTypes.StringType),
          Schemas.nullable("has_trace", DataTypes.BooleanType));
  private final SparkSession spark = SharedSpark.session();

  /** A committed 'extract' output: 'questions' 1 (2020-01), 2 and 3 (2020-02). */
  private OutputTables committed(Path root) {
    StructType schema = QUESTIONS.add(MonthPartitions.COLUMN, DataTypes.StringType, false);
    List<Row> rows =
        List.of(
            RowFactory.create(1L, "keras", true, "2020-01"),
            RowFactory.create(2L, "keras", false, "2020-02"),
            RowFactory.create(3L, "nltk", true, "2020-02"));
    StageCommit commit = new StageCommit(spark, root.toString(), "extract", "R1", Map.of());
    commit.writePartitionedTable("questions", spark.createDataFrame(rows, schema).coalesce(1));
    commit.commit();
    return new OutputTables(spark, root.toString());
  }

  private static Path fileOf(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
  }

  /** Replaces {@code file} by a Parquet file of {@code rows}, as another program would. */
  private void replace(Path file, Dataset<Row> rows, Path scratch) throws Exception {
    rows.coalesce(1).write().parquet(scratch.toString());
    Files.copy(fileOf(scratch), file, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  @Test
  void aNullInANotNullColumnWithTheSameRowCountIsRefusedNamingColumnAndFile(@TempDir Path root)
      throws Exception {
    OutputTables tables = committed(root);
    Path file = fileOf(root.resolve("questions/creation_month=2020-02"));
    replace(
        file,
        spark.createDataFrame(
            List.of(RowFactory.create(null, "keras", false), RowFactory.create(3L, "nltk", null)),
            QUESTIONS),
        root.resolve("_scratch"));
    // what stats read before: 3 rows, one question without an id, one without has_trace
    assertThat(tables.read("questions", new StructType(), "extract").count()).isEqualTo(3);
    assertThatThrownBy(() -> tables.readCommitted("questions", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'questions': column 'question_id' is null in 1 of the 2 rows of its"
                + " file '"
                + file
                + "', which the table does not allow; rerun 'extract'");
  }

  @Test
  void aFileWithoutTheColumnIsRefusedAsItWouldBeReadAsNull(@TempDir Path root) throws Exception {
    OutputTables tables = committed(root);
    Path file = fileOf(root.resolve("questions/creation_month=2020-02"));
    replace(
        file,
        spark.createDataFrame(
            List.of(RowFactory.create("keras", false), RowFactory.create("nltk", true)),
            Schemas.struct(
                Schemas.nullable("library", DataTypes.StringType),
                Schemas.nullable("has_trace", DataTypes.BooleanType))),
        root.resolve("_scratch"));
    assertThatThrownBy(() -> tables.requireCommittedRows("questions", "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'questions': its file '")
        .hasMessageEndingWith(
            "' has no column 'question_id', which would be read as null in its 2 rows (not a file"
                + " the 'extract' stage wrote); rerun 'extract'");
  }

  @Test
  void postsMayHaveANullBodyButNotANullIdOrEmptyLibraries(@TempDir Path root) throws Exception {
    StructType posts =
        Schemas.struct(
            Schemas.nullable("Id", DataTypes.LongType),
            Schemas.nullable("Body", DataTypes.StringType),
            Schemas.nullable("Libraries", DataTypes.createArrayType(DataTypes.StringType, false)));
    String[] keras = {"keras"};
    StageCommit commit = new StageCommit(spark, root.toString(), "ingest", "R1", Map.of());
    commit.writeParquet(
        "posts",
        spark
            .createDataFrame(
                List.of(RowFactory.create(1L, null, keras), RowFactory.create(2L, "<p>", keras)),
                posts)
            .coalesce(1));
    commit.commit();
    OutputTables tables = new OutputTables(spark, root.toString());
    assertThat(tables.readCommitted("posts", new StructType(), "ingest").count()).isEqualTo(2);

    Path scratch = root.resolve("_scratch");
    Path file = fileOf(root.resolve("posts"));
    replace(
        file,
        spark.createDataFrame(
            List.of(RowFactory.create(1L, null, new String[0]), RowFactory.create(2L, "", keras)),
            posts),
        scratch);
    assertThatThrownBy(() -> tables.readCommitted("posts", new StructType(), "ingest"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(
            "Cannot use table 'posts': column 'Libraries' is null or empty in 1 of the 2 rows");
    replace(
        file,
        spark.createDataFrame(
            List.of(RowFactory.create(1L, null, keras), RowFactory.create(null, "", keras)), posts),
        root.resolve("_scratch2"));
    assertThatThrownBy(() -> tables.readCommitted("posts", new StructType(), "ingest"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'posts': column 'Id' is null in 1 of the 2 rows");
  }

  /**
   * Parquet drops a chunk's statistics, null count included, when its untruncated min and max
   * exceed 4 KiB: a 2M-question run's longest pattern lists did, and 'stats' refused the table.
   */
  @Test
  void aStagesOwnFileWithValuesOver4KiBRecordsItsNullCounts(@TempDir Path root) {
    byte[] longTraces = new byte[3 * 4096];
    Arrays.fill(longTraces, (byte) 7);
    byte[] otherTraces = longTraces.clone();
    otherTraces[0] = 1;
    String longLibrary = "l".repeat(5000);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create(longLibrary, new byte[] {1}, longTraces),
                RowFactory.create("keras", new byte[] {2}, otherTraces)),
            Schemas.PATTERN_TRACES);
    StageCommit commit = new StageCommit(spark, root.toString(), "mine", "R1", Map.of());
    commit.writeParquet("pattern_traces", rows.coalesce(1)); // local rows: written by the driver
    commit.writeParquet("pattern_traces_minsup1", rows.repartition(1)); // by a Spark job
    commit.commit();
    OutputTables tables = new OutputTables(spark, root.toString());
    assertThat(tables.readCommitted("pattern_traces", new StructType(), "mine").count())
        .isEqualTo(2);
    assertThat(tables.readCommitted("pattern_traces_minsup1", new StructType(), "mine").count())
        .isEqualTo(2);
  }

  @Test
  void aFooterWithoutNullCountsIsRefusedAsNotWrittenByAStage() {
    PrimitiveType id = Types.optional(PrimitiveType.PrimitiveTypeName.INT64).named("question_id");
    BlockMetaData block = new BlockMetaData();
    block.setRowCount(5);
    block.addColumn(
        ColumnChunkMetaData.get(
            ColumnPath.get("question_id"),
            id,
            CompressionCodecName.UNCOMPRESSED,
            null,
            java.util.Set.of(),
            Statistics.getBuilderForReading(id).build(), // no null count, as the footer had none
            4,
            0,
            5,
            40,
            40));
    ParquetMetadata footer =
        new ParquetMetadata(
            new FileMetaData(new MessageType("spark_schema", id), Map.of(), "another writer"),
            List.of(block));
    TableFooters.FileFacts facts = TableFooters.facts(footer, List.of("question_id", "library"));
    assertThat(facts.rows()).isEqualTo(5);
    assertThat(facts.nulls())
        .containsExactly(
            Map.entry("question_id", TableFooters.UNKNOWN),
            Map.entry("library", TableFooters.MISSING));
    var file =
        new TableFooters.FileFacts(
            "file:/out/questions/f.parquet", "f.parquet", 5, facts.nulls(), facts.digest());
    assertThatThrownBy(
            () -> OutputTables.requireNoNulls("questions", "extract", "question_id", List.of(file)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'questions': its file '/out/questions/f.parquet' records no"
                + " null count for column 'question_id' (written with statistics off, or by a"
                + " TraceMine before 2026-12-02 with values over 4 KiB, whose statistics"
                + " parquet-mr left out; the stages record them now), so its nulls cannot be"
                + " checked; rerun 'extract'");
    // a column no file has is left to the column check (or is an older layout's)
    OutputTables.requireNoNulls("questions", "extract", "library", List.of(file));
  }

  @Test
  void theCheckedColumnsAreTheNotNullableOnesOfTablesMd() {
    assertThat(OutputTables.notNullColumns("posts"))
        .containsExactly("Id", "PostTypeId", "Libraries");
    assertThat(OutputTables.notNullColumns("traces"))
        .containsExactly(
            "trace_id",
            "question_id",
            "library",
            "block_index",
            "block_kind",
            "position",
            "os",
            "frame_count",
            "language",
            "profile");
    assertThat(OutputTables.notNullColumns("patterns_minsup1"))
        .containsExactly(
            "library",
            "pattern_id",
            "items",
            "length",
            "trace_support",
            "question_support",
            "occurrence_support",
            "support_measure",
            "min_support");
    assertThat(OutputTables.notNullColumns("duplicate_links"))
        .containsExactly("question_id", "original_id", "original_selected");
    assertThat(OutputTables.notNullColumns("pattern_traces_minsup1"))
        .containsExactly("library", "pattern_id", "traces");
    assertThat(OutputTables.notNullColumns("table1_population")).isEmpty();
  }
}
