package io.tracemine.ingest;

import io.tracemine.ingest.InputFiles.InputFile;
import io.tracemine.spark.SparkSessions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * How each XML input file is read: by lines in parallel splits when it is written one row per line
 * ({@link InputFiles#rowPerLine}), else whole by one task ({@link ParseXmlDocuments}); and whole
 * from then on when reading it by lines found markup over several lines ({@link MarkupOverLines}).
 */
final class XmlLayouts {
  private final Set<String> readWhole = new HashSet<>();

  /**
   * The rows of {@code files} of one dump table: the files read by lines parsed by {@code
   * lineParser} (their lines as bytes, then the file) into {@code schema}; the others whole by one
   * task each ({@link ParseXmlDocuments}), a row longer than {@code maxRowBytes} rejected.
   */
  Dataset<Row> read(
      SparkSession spark,
      List<InputFile> files,
      MapPartitionsFunction<Row, Row> lineParser,
      StructType schema,
      int maxRowBytes,
      ParseXmlDocuments.Table table) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> byLines = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    for (InputFile f : files) {
      (byLines(f, conf) ? byLines : whole).add(f.path());
    }
    Dataset<Row> rows = null;
    if (!byLines.isEmpty() || whole.isEmpty()) {
      String[] paths = byLines.stream().map(SparkSessions::literal).toArray(String[]::new);
      rows =
          SparkSessions.readListed(spark, paths, () -> spark.read().text(paths))
              .select(functions.col("value").cast("binary"), functions.col("_metadata.file_path"))
              .mapPartitions(lineParser, Encoders.row(schema));
    }
    if (!whole.isEmpty()) {
      Dataset<Row> documents = ParseXmlDocuments.read(spark, whole, conf, maxRowBytes, table);
      rows = rows == null ? documents : rows.union(documents);
    }
    return rows;
  }

  private boolean byLines(InputFile file, Configuration conf) {
    return !readWhole.contains(ReadFailures.hadoopPath(file.path()))
        && InputFiles.rowPerLine(file, conf);
  }

  /**
   * The file of {@code files} that {@code failure} found markup over lines in, when it was read by
   * lines: it is read whole from now on. Empty when the failure is another one.
   */
  Optional<InputFile> readWholeAfter(Throwable failure, List<InputFile> files) {
    String named = MarkupOverLines.fileIn(failure);
    if (named == null) {
      return Optional.empty();
    }
    String path = ReadFailures.hadoopPath(named);
    Optional<InputFile> file =
        files.stream().filter(f -> ReadFailures.hadoopPath(f.path()).equals(path)).findFirst();
    return file.filter(f -> readWhole.add(path));
  }
}
