package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The source kind of an {@code --input} given without {@code --source}: a {@code .xml}, {@code
 * .xml.gz} or {@code .xml.bz2} file, or a directory holding such files, is {@code xml}; a {@code
 * .parquet} file or a directory holding Parquet files (or Spark's {@code _SUCCESS}) is {@code
 * parquet}. A URI (hdfs://, gs://) is judged by its name only. Anything else is refused, in one
 * line.
 */
final class SourceGuess {
  private static final int MAX_DEPTH = 8;

  private SourceGuess() {}

  static SourceOptions.Source of(String input) {
    return guess(input)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    "Cannot tell what kind of input '"
                        + input
                        + "' is (not a .xml/.xml.gz/.xml.bz2 file, nor Parquet, "
                        + "nor a directory of them): add --source=xml or --source=parquet"));
  }

  private static Optional<SourceOptions.Source> guess(String input) {
    Optional<SourceOptions.Source> byName = byName(input);
    boolean uri = input.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*") && !input.startsWith("file:");
    if (byName.isPresent() || uri) {
      return byName;
    }
    Path path = Path.of(input.startsWith("file:") ? input.substring("file:".length()) : input);
    if (!Files.isDirectory(path)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(path, MAX_DEPTH)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              f ->
                  f.getFileName().toString().equals("_SUCCESS")
                      ? Optional.of(SourceOptions.Source.parquet)
                      : byName(f.getFileName().toString()))
          .flatMap(Optional::stream)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list --input '" + input + "'", e);
    }
  }

  private static Optional<SourceOptions.Source> byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (n.endsWith(".xml") || n.endsWith(".xml.gz") || n.endsWith(".xml.bz2")) {
      return Optional.of(SourceOptions.Source.xml);
    }
    if (n.endsWith(".parquet")) {
      return Optional.of(SourceOptions.Source.parquet);
    }
    return Optional.empty();
  }
}
