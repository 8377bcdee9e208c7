package io.tracemine.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code _COMMITTED-<stage>.json} file a stage writes last, after all its tables are in place.
 *
 * @param stage the stage that committed (ingest, extract, mine, stats, report)
 * @param runId the id of the invocation that wrote it
 * @param committedAt when (ISO-8601, UTC)
 * @param upstream run id of each upstream stage's manifest the stage read its inputs under
 * @param input fingerprint of outside inputs (ingest: source, path, files, bytes, newest mtime)
 * @param tables every table (and CSV copy) the stage wrote, with its rows (-1 for CSV copies)
 * @param partitions for each month-partitioned table ({@link MonthPartitions}), every partition on
 *     disk after the commit with the run id of the run that last wrote it ({@code unknown} when no
 *     manifest said so); empty when the stage has no such table
 * @param files for each Parquet table, every file (path below the table) with a digest of its
 *     footer ({@link TableFooters}): a reader refuses a table whose files are not these (null in
 *     manifests written before session 22: not checked)
 * @param outputFiles each output that is a file rather than a table ({@code match_index/index.tmm},
 *     each file of the {@code report/} page folder), path below the output, with its size and
 *     digest: a reader refuses the index when it is missing or differs (null in manifests written
 *     before session 38)
 */
public record StageManifest(
    String stage,
    String runId,
    String committedAt,
    Map<String, String> upstream,
    Map<String, Object> input,
    Map<String, Long> tables,
    Map<String, Map<String, String>> partitions,
    Map<String, Map<String, String>> files,
    Map<String, OutputFile> outputFiles) {

  /**
   * A file a stage commits beside its tables.
   *
   * @param bytes its size
   * @param digest a digest naming its scheme, e.g. {@code header-sha256:<hex>} (the match index)
   */
  public record OutputFile(long bytes, String digest) {}

  /** The record of output file {@code path} (below the output), if this manifest has one. */
  public Optional<OutputFile> outputFile(String path) {
    return Optional.ofNullable(outputFiles == null ? null : outputFiles.get(path));
  }

  /** The partitions of {@code table} with their writers' run ids (empty if not partitioned). */
  public Map<String, String> partitionsOf(String table) {
    return partitions == null ? Map.of() : partitions.getOrDefault(table, Map.of());
  }

  private static final String FILE_PREFIX = "_COMMITTED-";
  private static final String FILE_SUFFIX = ".json";
  private static final String REPORT_STAGE = "report";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** A JSON object read from a manifest ({@code input}'s maps) as strings by key, sorted. */
  public static Map<String, String> stringMap(Object json) {
    Map<String, String> out = new java.util.TreeMap<>();
    ((Map<?, ?>) json).forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /**
   * The manifest of {@code stage} read from {@code json} (its file {@code path}), refused naming
   * the stage to rerun when it is not that stage's ({@link #problemFor}).
   *
   * @throws IOException when it is no manifest JSON
   */
  static StageManifest of(String stage, byte[] json, String path) throws IOException {
    StageManifest manifest = fromJson(json);
    String wrong = manifest.problemFor(stage);
    if (wrong != null) {
      throw new MalformedInputException(
          "Cannot read manifest '" + path + "': " + wrong + "; rerun '" + stage + "'");
    }
    return manifest;
  }

  /**
   * Why this manifest, read from {@code stage}'s file, cannot be that stage's: another stage's
   * manifest copied or renamed there, or one without its run id, table list or upstream runs; null
   * when it can.
   */
  String problemFor(String stage) {
    if (!stage.equals(this.stage)) {
      return "it is the manifest of stage '"
          + this.stage
          + "', not of '"
          + stage
          + "' (a file copied or renamed)";
    }
    String missing =
        runId == null || runId.isBlank()
            ? "run_id"
            : tables == null ? "tables" : upstream == null ? "upstream" : null;
    if (missing != null) {
      return "it has no " + missing + " (it was edited or damaged)";
    }
    return null;
  }

  /**
   * An upstream run a manifest was made from that is no longer its output's: {@code current} is the
   * run id of that stage's manifest now, or null when there is none.
   */
  public record StaleUpstream(String stage, String recorded, String current) {
    /** {@code it was made from another 'extract' run (r1; the current one is r2)}. */
    public String madeFromAnother() {
      return "it was made from another '"
          + stage
          + "' run ("
          + recorded
          + "; the current one is "
          + current
          + ")";
    }
  }

  /**
   * The first of this manifest's upstream runs (by stage name) that {@code manifestOf} (a stage's
   * manifest in the same output now) no longer gives, if any.
   */
  public Optional<StaleUpstream> staleUpstream(
      java.util.function.Function<String, Optional<StageManifest>> manifestOf) {
    if (upstream == null) {
      return Optional.empty();
    }
    for (var ref : new java.util.TreeMap<>(upstream).entrySet()) {
      Optional<StageManifest> current = manifestOf.apply(ref.getKey());
      if (current.isEmpty() || !current.get().runId().equals(ref.getValue())) {
        return Optional.of(
            new StaleUpstream(
                ref.getKey(), ref.getValue(), current.map(StageManifest::runId).orElse(null)));
      }
    }
    return Optional.empty();
  }

  /** The manifest's file name for {@code stage}. */
  public static String fileName(String stage) {
    return FILE_PREFIX + stage + FILE_SUFFIX;
  }

  /**
   * Whether a file named {@code name} makes its directory a run's output: the manifest of a stage
   * whose tables later stages read. The report's own manifest does not, so bare tables (copied
   * without manifests) stay readable as they are after a report of them was committed there.
   */
  public static boolean marksAnOutput(String name) {
    return name.startsWith(FILE_PREFIX)
        && name.endsWith(FILE_SUFFIX)
        && !name.equals(fileName(REPORT_STAGE));
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise manifest of '" + stage + "'", e);
    }
  }

  /**
   * The manifest of {@code stage} in local output directory {@code dir}, if any, read without
   * Hadoop (for {@code match}, which runs without Spark on its classpath).
   *
   * @throws MalformedInputException if it cannot be read or parsed
   */
  public static Optional<StageManifest> readLocal(Path dir, String stage) {
    Path path = dir.resolve(fileName(stage));
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(of(stage, Files.readAllBytes(path), path.toString()));
    } catch (IOException e) {
      throw new MalformedInputException(
          "Cannot read manifest '" + path + "': " + e.getMessage(), e);
    }
  }

  static StageManifest fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, StageManifest.class);
  }
}
