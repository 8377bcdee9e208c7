package io.tracemine.cli;

import io.tracemine.ingest.IngestConfig;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the ingest stage reads posts from. */
public final class SourceOptions {
  enum Source {
    sample,
    xml,
    parquet,
    bigquery
  }

  @Option(
      names = "--source",
      description =
          "Input kind: ${COMPLETION-CANDIDATES} (source.type). Default: guessed from --input"
              + " (.xml/.xml.gz/.xml.bz2: xml, Parquet: parquet) when given, else from config:"
              + " sample.")
  Source source;

  @Option(
      names = "--input",
      description = "Posts.xml file/directory or Parquet table path (source.path).")
  String input;

  @Option(
      names = "--partitions",
      description = "Repartition the input into N partitions (source.partitions).")
  Integer partitions;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Only questions created at or after DATE (UTC; 2024-01-31 or an ISO date-time)"
              + " (source.since).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description =
          "Only questions created before DATE (exclusive; same forms as --since) (source.until).")
  String until;

  void addTo(Map<String, String> overrides) {
    if (since != null) {
      overrides.put(IngestConfig.SOURCE_SINCE, since);
    }
    if (until != null) {
      overrides.put(IngestConfig.SOURCE_UNTIL, until);
    }
    if (source != null) {
      overrides.put(IngestConfig.SOURCE_TYPE, source.name());
    } else if (input != null) {
      overrides.put(IngestConfig.SOURCE_TYPE, SourceGuess.of(input).name());
    }
    if (input != null) {
      overrides.put(IngestConfig.SOURCE_PATH, input);
    }
    if (partitions != null) {
      overrides.put(IngestConfig.SOURCE_PARTITIONS, partitions.toString());
    }
  }
}
