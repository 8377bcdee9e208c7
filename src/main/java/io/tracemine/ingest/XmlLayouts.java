package io.tracemine.ingest;

import io.tracemine.ingest.InputFiles.InputFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How each XML input file is read: by lines in parallel splits when it is written one row per line
 * ({@link InputFiles#rowPerLine}), else whole by one task ({@link ParseXmlDocuments}); and whole
 * from then on when reading it by lines found markup over several lines ({@link MarkupOverLines}).
 */
final class XmlLayouts {
  private final Set<String> readWhole = new HashSet<>();

  /**
   * The rows of {@code files} of one dump table: the files written one row per line read by lines
   * in parallel ranges ({@link ParseXmlLines}), the others whole by one task each ({@link
   * ParseXmlDocuments}); a row longer than {@code maxRowBytes} is rejected either way.
   */
  Dataset<Row> read(
      SparkSession spark, List<InputFile> files, int maxRowBytes, ParseXmlDocuments.Table table) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<InputFile> byLines = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    for (InputFile f : files) {
      if (byLines(f, conf)) {
        byLines.add(f);
      } else {
        whole.add(f.path());
      }
    }
    Dataset<Row> rows = null;
    if (!byLines.isEmpty() || whole.isEmpty()) {
      rows = ParseXmlLines.read(spark, byLines, maxRowBytes, table);
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
