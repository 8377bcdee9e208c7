package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table changed since its stage committed it (a file copied beside the others, a month removed,
 * emptied) is refused by the next stage naming both row counts, instead of being read as if the
 * stage had written it.
 */
@ExtendWith(SharedSpark.class)
class OutputTablesCommittedRowsTest {
  private static final StructType SCHEMA =
      Schemas.struct(
          Schemas.required("id", DataTypes.LongType),
          Schemas.required(MonthPartitions.COLUMN, DataTypes.StringType));
  private final SparkSession spark = SharedSpark.session();

  /** A committed 'extract' output whose 'traces' has rows 1 (2020-01), 2 and 3 (2020-02). */
  private OutputTables committed(Path root) {
    List<Row> rows =
        List.of(
            RowFactory.create(1L, "2020-01"),
            RowFactory.create(2L, "2020-02"),
            RowFactory.create(3L, "2020-02"));
    StageCommit commit = new StageCommit(spark, root.toString(), "extract", "R1", Map.of());
    commit.writePartitionedTable("traces", spark.createDataFrame(rows, SCHEMA).coalesce(1));
    commit.commit();
    return new OutputTables(spark, root.toString());
  }

  private static Path fileOf(Path month) throws Exception {
    try (Stream<Path> files = Files.list(month)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().get();
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Another stage's manifest copied over a stage's, or one without its run id or table list, is
   * refused naming the stage to rerun (before, mine accepted the mine manifest as extract's and
   * checked no table, and stats then sent the user to rerun mine, forever).
   */
  @Test
  void aManifestThatIsNotTheStagesOwnIsRefusedNamingTheStageToRerun(@TempDir Path root)
      throws Exception {
    committed(root);
    Path extract = root.resolve(StageManifest.fileName("extract"));
    String json = Files.readString(extract);
    Files.writeString(extract, json.replace("\"stage\" : \"extract\"", "\"stage\" : \"mine\""));
    Files.deleteIfExists(root.resolve("." + extract.getFileName() + ".crc"));
    assertThatThrownBy(() -> StageCommit.read(spark, root.toString(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageEndingWith(
            "it is the manifest of stage 'mine', not of 'extract' (a file copied or renamed);"
                + " rerun 'extract'");
    Files.writeString(extract, json.replaceAll("\"tables\" : \\{[^}]*\\}", "\"tables\" : null"));
    assertThatThrownBy(() -> StageCommit.read(spark, root.toString(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageEndingWith("it has no tables (it was edited or damaged); rerun 'extract'");
    Files.writeString(
        extract, json.replaceAll("\"upstream\" : \\{[^}]*\\}", "\"upstream\" : null"));
    assertThatThrownBy(() -> StageCommit.read(spark, root.toString(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageEndingWith("it has no upstream (it was edited or damaged); rerun 'extract'");
    Files.writeString(extract, "{ not json");
    assertThatThrownBy(() -> StageCommit.read(spark, root.toString(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("(rerun 'extract')");
    Files.writeString(extract, json);
    assertThat(StageCommit.read(spark, root.toString(), "extract")).isPresent();
  }

  /**
   * A manifest edited so that it no longer records a table's rows (-1, or the table left out of
   * {@code tables}) or its files: before, the row and file checks were skipped, and a file copied
   * beside the others was read twice without a word.
   */
  @Test
  void aManifestThatNoLongerRecordsATableIsRefusedNotTakenAsLeaveToSkipTheChecks(@TempDir Path root)
      throws Exception {
    OutputTables tables = committed(root);
    Path file = fileOf(root.resolve("traces/creation_month=2020-02"));
    Files.copy(file, file.resolveSibling("copy-" + file.getFileName()));
    Path extract = root.resolve(StageManifest.fileName("extract"));
    String json = Files.readString(extract);
    Files.deleteIfExists(root.resolve("." + extract.getFileName() + ".crc"));
    Map<String, String> edits =
        Map.of(
            json.replace("\"traces\" : 3", "\"traces\" : -1"), "the row count -1",
            json.replace("\"traces\" : 3", "\"other\" : 3"), "no row count",
            json.replaceFirst("\"files\" : \\{\\s*\"traces\"", "\"files\" : { \"other\""),
                "no files");
    for (var edit : edits.entrySet()) {
      assertThat(edit.getKey()).isNotEqualTo(json);
      Files.writeString(extract, edit.getKey());
      assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
          .isInstanceOf(MalformedInputException.class)
          .hasMessage(
              "Cannot use table 'traces': the 'extract' stage's manifest records "
                  + edit.getValue()
                  + " for it (the manifest was edited or damaged, or the table is not one that"
                  + " stage committed); rerun 'extract'");
    }
  }

  @Test
  void anUnchangedTableIsRead(@TempDir Path root) {
    assertThat(committed(root).readCommitted("traces", new StructType(), "extract").count())
        .isEqualTo(3);
  }

  @Test
  void aFileCopiedBesideTheOthersIsRefusedNotReadTwice(@TempDir Path root) throws Exception {
    OutputTables tables = committed(root);
    Path file = fileOf(root.resolve("traces/creation_month=2020-02"));
    Files.copy(file, file.resolveSibling("copy-" + file.getFileName()));
    // what the stages read before: the copy's rows twice, without a word
    assertThat(tables.read("traces", new StructType(), "extract").count()).isEqualTo(5);
    assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'traces': it has 5 rows but the 'extract' stage committed 3"
                + " (changed since: a file copied, removed or replaced); rerun 'extract'");
  }

  @Test
  void aMonthRemovedOrAllRowsRemovedIsRefused(@TempDir Path root) throws Exception {
    OutputTables tables = committed(root);
    deleteTree(root.resolve("traces/creation_month=2020-02"));
    assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'traces': it has 1 rows but the 'extract'");
    deleteTree(root.resolve("traces/creation_month=2020-01"));
    assertThatThrownBy(() -> tables.requireCommittedRows("traces", "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'traces': it has 0 rows but the 'extract'");
  }

  @Test
  void aTableLeftWithoutAnyFileIsNamedNotSparksSchemaError(@TempDir Path root) throws Exception {
    OutputTables tables = committed(root);
    deleteTree(root.resolve("traces/creation_month=2020-01"));
    deleteTree(root.resolve("traces/creation_month=2020-02"));
    assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'traces': it has 0 rows but the 'extract'");
    // without a manifest naming it (before: Spark's [UNABLE_TO_INFER_SCHEMA] line, exit 1)
    Files.delete(root.resolve("_COMMITTED-extract.json"));
    assertThatThrownBy(() -> tables.read("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read table 'traces' at "
                + root.resolve("traces")
                + ": it holds no Parquet file (no rows, no schema); rerun the 'extract' stage");
  }

  @Test
  void aTableCommittedWithoutRowsReadsAsEmptyWithItsSchema(@TempDir Path root) {
    // a dated run whose window holds no question: a partitioned write of no rows leaves no file
    StageCommit commit = new StageCommit(spark, root.toString(), "extract", "R1", Map.of());
    commit.writePartitionedTable("traces", spark.createDataFrame(List.of(), SCHEMA));
    commit.commit();
    OutputTables tables = new OutputTables(spark, root.toString());
    StructType required = Schemas.struct(Schemas.required("id", DataTypes.LongType));
    var read = tables.readCommitted("traces", required, "extract");
    assertThat(read.count()).isZero();
    assertThat(read.schema().fieldNames()).containsExactly("id");
    var months = tables.readMonths("traces", required, "extract", java.util.Set.of("2020-01"));
    assertThat(months.count()).isZero();
    assertThat(months.schema().fieldNames()).containsExactly("id", MonthPartitions.COLUMN);
  }

  @Test
  void aDamagedFileIsNamedAlsoWhenTheStageWouldReadNoneOfItsRows(@TempDir Path root)
      throws Exception {
    OutputTables tables = committed(root);
    Path file = fileOf(root.resolve("traces/creation_month=2020-01"));
    // a file cut in half beside its stale .crc: Hadoop refuses to read it
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    // before, the check left it to Spark's read, which an incremental extract may never do
    assertThatThrownBy(() -> tables.requireCommittedRows("traces", "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(
            "Cannot read table 'traces': its file '"
                + file
                + "' is damaged (ChecksumException: Checksum error: ")
        .hasMessageEndingWith(
            "); rerun 'extract', the stage that writes table 'traces' (./submit.sh extract"
                + " --output "
                + root
                + ", with the run's other options)");
    Files.delete(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot read table 'traces': its file '" + file + "' is damaged (")
        .hasMessageContaining("is not a Parquet file");
    // the stage's read would have said the same (cli.DamagedTables), had it read the file
  }

  @Test
  void aFileReplacedByACopyOfAnotherWithTheSameRowCountIsRefused(@TempDir Path root)
      throws Exception {
    List<Row> rows =
        List.of(
            RowFactory.create(1L, "2020-01"),
            RowFactory.create(2L, "2020-01"),
            RowFactory.create(3L, "2020-02"),
            RowFactory.create(4L, "2020-02"));
    StageCommit commit = new StageCommit(spark, root.toString(), "extract", "R1", Map.of());
    commit.writePartitionedTable("traces", spark.createDataFrame(rows, SCHEMA).coalesce(1));
    commit.commit();
    OutputTables tables = new OutputTables(spark, root.toString());
    Path january = fileOf(root.resolve("traces/creation_month=2020-01"));
    Path february = fileOf(root.resolve("traces/creation_month=2020-02"));
    Files.delete(february.resolveSibling("." + february.getFileName() + ".crc"));
    Files.copy(january, february, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // what the stages read before: 4 rows as committed, traces 1 and 2 twice, 3 and 4 gone
    assertThat(tables.read("traces", new StructType(), "extract").count()).isEqualTo(4);
    assertThatThrownBy(() -> tables.readCommitted("traces", new StructType(), "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot use table 'traces': its file '"
                + february
                + "' is not the one the 'extract' stage committed under that name (replaced or"
                + " rewritten since: its footer differs); rerun 'extract'");
  }

  @Test
  void aFileMovedToAnotherMonthWithTheSameRowCountIsRefused(@TempDir Path root) throws Exception {
    OutputTables tables = committed(root);
    Path january = fileOf(root.resolve("traces/creation_month=2020-01"));
    Path moved = root.resolve("traces/creation_month=2020-03").resolve(january.getFileName());
    Files.createDirectories(moved.getParent());
    Files.move(january, moved);
    assertThat(tables.read("traces", new StructType(), "extract").count()).isEqualTo(3);
    assertThatThrownBy(() -> tables.requireCommittedRows("traces", "extract"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot use table 'traces': its file '")
        .hasMessageEndingWith(
            "creation_month=2020-03/"
                + january.getFileName()
                + "' is not one the 'extract' stage committed (copied or written there since);"
                + " rerun 'extract'");
    // the manifest names each file with a digest of its footer
    assertThat(StageCommit.read(spark, root.toString(), "extract").get().files().get("traces"))
        .containsOnlyKeys(
            "creation_month=2020-01/" + january.getFileName(),
            "creation_month=2020-02/"
                + fileOf(root.resolve("traces/creation_month=2020-02")).getFileName());
  }
}
