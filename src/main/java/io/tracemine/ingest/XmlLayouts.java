package io.tracemine.ingest;

import io.tracemine.ingest.InputFiles.InputFile;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * How each XML input file is read: by lines in parallel splits when it is written one row per line
 * ({@link InputFiles#rowPerLine}), else whole by one task ({@link ParseXmlDocuments}); and whole
 * from then on when reading it by lines found markup over several lines ({@link MarkupOverLines}).
 */
final class XmlLayouts {
  private final Set<String> readWhole = new HashSet<>();

  boolean byLines(InputFile file, Configuration conf) {
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
