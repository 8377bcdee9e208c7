package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class TableWriterTest {
  private static final StructType SCHEMA =
      Schemas.struct(
          Schemas.required("k", DataTypes.StringType), Schemas.required("v", DataTypes.LongType));
  private final SparkSession spark = SharedSpark.session();

  private org.apache.spark.sql.Dataset<Row> rows(String... keys) {
    List<Row> rows = Stream.of(keys).map(k -> RowFactory.create(k, (long) k.length())).toList();
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void replacesATableWholeAndKeepsCsvRowsInOrder(@TempDir Path root) throws Exception {
    TableWriter writer = new TableWriter(spark, root.toString());
    writer.writeParquetAndCsv("t", rows("b", "a", "all"));
    writer.writeParquetAndCsv("t", rows("z", "y", "x", "all"));
    assertThat(spark.read().parquet(writer.pathOf("t")).collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("z", "y", "x", "all");
    assertThat(Files.readAllLines(root.resolve("t.csv")))
        .containsExactly("k,v", "z,1", "y,1", "x,1", "all,3");
    try (Stream<Path> left = Files.list(root)) {
      // Hadoop's local file system keeps a checksum beside the CSV (.t.csv.crc): not a table
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactlyInAnyOrder("t", "t.csv");
    }
  }

  @Test
  void aFailedWriteLeavesThePreviousTableAndNoStagingBehind(@TempDir Path root) throws Exception {
    TableWriter writer = new TableWriter(spark, root.toString());
    writer.writeParquet("t", rows("kept"));
    var failing =
        rows("x")
            .withColumn(
                "v",
                functions
                    .udf(
                        (org.apache.spark.sql.api.java.UDF1<Long, Long>)
                            v -> {
                              throw new IllegalStateException("boom");
                            },
                        DataTypes.LongType)
                    .apply(functions.col("v")));
    assertThatThrownBy(() -> writer.writeParquet("t", failing)).hasStackTraceContaining("boom");
    assertThat(spark.read().parquet(writer.pathOf("t")).collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("kept");
    try (Stream<Path> left = Files.list(root)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("t");
    }
  }

  @Test
  void deleteRemovesTheTableAndItsCsvCopy(@TempDir Path root) {
    TableWriter writer = new TableWriter(spark, root.toString());
    writer.writeParquetAndCsv("t", rows("a"));
    assertThat(writer.exists("t")).isTrue();
    writer.delete("t");
    writer.delete("never-written");
    assertThat(writer.exists("t")).isFalse();
    assertThat(root.resolve("t.csv")).doesNotExist();
  }

  @Test
  void csvCopiesNeutraliseFormulaLikeTextButKeepNumbersNumeric(@TempDir Path root)
      throws Exception {
    StructType schema =
        Schemas.struct(
            Schemas.required("k", DataTypes.StringType),
            Schemas.required("v", DataTypes.LongType),
            Schemas.nullable("d", DataTypes.DoubleType));
    var table =
        spark.createDataFrame(
            List.of(
                RowFactory.create("=1+1", -3L, -0.5),
                RowFactory.create("@cmd", 1L, null),
                RowFactory.create("-x", 2L, 1.0),
                RowFactory.create("\tTAB", 3L, 1.0),
                RowFactory.create("  =2+5+cmd|' -c calc'!A0", 5L, 1.0),
                RowFactory.create(" kept  ", 6L, 1.0),
                RowFactory.create("plain", 4L, 1.0)),
            schema);
    TableWriter writer = new TableWriter(spark, root.toString());
    writer.writeParquetAndCsv("t", table);
    // hostile sweep 7, F2: Spark's writer trimmed the blanks after the check, leaving "=2+5…"
    List<String> expected =
        List.of(
            "k,v,d",
            "'=1+1,-3,-0.5",
            "'@cmd,1,",
            "'-x,2,1.0",
            "'\tTAB,3,1.0",
            "'  =2+5+cmd|' -c calc'!A0,5,1.0",
            " kept  ,6,1.0",
            "plain,4,1.0");
    assertThat(Files.readAllLines(root.resolve("t.csv"))).isEqualTo(expected);
    writer.writeParquetAndCsv("spark", table.repartition(1).sortWithinPartitions("v"));
    assertThat(Files.readAllLines(root.resolve("spark.csv")))
        .as("written by Spark's tasks, not the driver")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(spark.read().parquet(writer.pathOf("t")).collectAsList())
        .extracting(r -> r.getString(0))
        .as("the Parquet table keeps the text as it is")
        .containsExactly(
            "=1+1", "@cmd", "-x", "\tTAB", "  =2+5+cmd|' -c calc'!A0", " kept  ", "plain");
  }

  @Test
  void nearlyUniqueColumnsAreWrittenWithoutADictionary(@TempDir Path root) throws Exception {
    StructType schema =
        Schemas.struct(
            Schemas.required("library", DataTypes.StringType),
            Schemas.required("pattern_id", DataTypes.StringType),
            Schemas.required(
                "example_question_ids", DataTypes.createArrayType(DataTypes.LongType, false)));
    var table =
        spark.createDataFrame(
            List.of(
                RowFactory.create("keras", "ab", List.of(1L, 2L)),
                RowFactory.create("keras", "cd", List.of(1L, 3L))),
            schema);
    TableWriter writer = new TableWriter(spark, root.toString());
    writer.writeParquet("t", table.coalesce(1));
    Map<String, Boolean> dictionary = dictionaryEncoded(root.resolve("t"));
    assertThat(dictionary)
        .containsExactly(
            Map.entry("example_question_ids.list.element", false),
            Map.entry("library", true),
            Map.entry("pattern_id", false));
  }

  @Test
  void monthPartitionedTablesWriteTheirDistinctColumnsWithoutADictionary(@TempDir Path root)
      throws Exception {
    StructType schema =
        Schemas.struct(
            Schemas.required("Id", DataTypes.LongType),
            Schemas.required("Body", DataTypes.StringType),
            Schemas.required("Tags", DataTypes.StringType),
            Schemas.required(MonthPartitions.COLUMN, DataTypes.StringType));
    var table =
        spark.createDataFrame(
            List.of(
                RowFactory.create(1L, "<p>a</p>", "<python>", "2020-01"),
                RowFactory.create(2L, "<p>b</p>", "<python>", "2020-01")),
            schema);
    Path staged =
        Path.of(
            new TableWriter(spark, root.toString())
                .stagePartitioned("p", table.coalesce(1))
                .toUri()
                .getPath());
    Map<String, Boolean> dictionary =
        dictionaryEncoded(staged.resolve(MonthPartitions.COLUMN + "=2020-01"));
    assertThat(dictionary)
        .containsExactly(Map.entry("Body", false), Map.entry("Id", false), Map.entry("Tags", true));
  }

  @Test
  void tracesAndQuestionsWriteTheirDistinctValuesWithoutADictionaryButFramesKeepTheirs(
      @TempDir Path root) throws Exception {
    StructType traces = Schemas.TRACES.add(MonthPartitions.COLUMN, DataTypes.StringType, false);
    Row frame = RowFactory.create("/usr/lib/python3/x.py", "x.py", 3, "f", "posix", 0);
    Object[] values = new Object[traces.size()];
    for (int i = 0; i < traces.size(); i++) {
      var field = traces.fields()[i];
      values[i] =
          switch (field.dataType().typeName()) {
            case "string" -> field.name().equals(MonthPartitions.COLUMN) ? "2020-01" : "v";
            case "long" -> 1L;
            case "integer" -> 1;
            default -> List.of(frame);
          };
    }
    Map<String, Boolean> traceColumns =
        dictionaryEncodedPartition(
            root, "traces", traces, List.of(RowFactory.create(values), RowFactory.create(values)));
    assertThat(traceColumns)
        .containsEntry("trace_id", false)
        .containsEntry("message", false)
        .containsEntry("template", false)
        .containsEntry("frames.list.element.raw_path", false)
        .containsEntry("frames.list.element.file", true)
        .containsEntry("frames.list.element.function", true)
        .containsEntry("exception_type", true)
        .containsEntry("library", true);

    StructType questions =
        Schemas.struct(
            Schemas.required("question_id", DataTypes.LongType),
            Schemas.nullable("hours_to_first_answer", DataTypes.DoubleType),
            Schemas.nullable("hours_to_accepted_answer", DataTypes.DoubleType),
            Schemas.nullable("views", DataTypes.LongType),
            Schemas.required(MonthPartitions.COLUMN, DataTypes.StringType));
    Map<String, Boolean> questionColumns =
        dictionaryEncodedPartition(
            root,
            "questions",
            questions,
            List.of(
                RowFactory.create(1L, 1.5, 2.5, 10L, "2020-01"),
                RowFactory.create(2L, 1.5, 2.5, 10L, "2020-01")));
    assertThat(questionColumns)
        .containsEntry("hours_to_first_answer", false)
        .containsEntry("hours_to_accepted_answer", false)
        .containsEntry("views", true);
  }

  private Map<String, Boolean> dictionaryEncodedPartition(
      Path root, String name, StructType schema, List<Row> rows) throws Exception {
    Path staged =
        Path.of(
            new TableWriter(spark, root.toString())
                .stagePartitioned(name, spark.createDataFrame(rows, schema).coalesce(1))
                .toUri()
                .getPath());
    return dictionaryEncoded(staged.resolve(MonthPartitions.COLUMN + "=2020-01"));
  }

  /** Per column of the first Parquet file in {@code dir}: whether it is dictionary-encoded. */
  private static Map<String, Boolean> dictionaryEncoded(Path dir) throws Exception {
    Map<String, Boolean> dictionary = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      Path file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
      try (ParquetFileReader reader =
          ParquetFileReader.open(
              HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
        for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
          dictionary.put(
              c.getPath().toDotString(),
              c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                  || c.getEncodings().contains(Encoding.RLE_DICTIONARY));
        }
      }
    }
    return dictionary;
  }
}
