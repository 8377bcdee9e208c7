package io.tracemine.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code _COMMITTED-<stage>.json} file a stage writes last, after all its tables are in place.
 *
 * @param stage the stage that committed (ingest, extract, mine, stats, report)
 * @param runId the id of the invocation that wrote it
 * @param committedAt when (ISO-8601, UTC)
 * @param upstream run id of each upstream stage's manifest the stage read its inputs under
 * @param input fingerprint of outside inputs (ingest: source, path, files, bytes, newest mtime)
 * @param tables every table (and CSV copy) the stage wrote, with its rows (-1 for CSV copies)
 */
public record StageManifest(
    String stage,
    String runId,
    String committedAt,
    Map<String, String> upstream,
    Map<String, Object> input,
    Map<String, Long> tables) {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** The manifest's file name for {@code stage}. */
  public static String fileName(String stage) {
    return "_COMMITTED-" + stage + ".json";
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise manifest of '" + stage + "'", e);
    }
  }

  static StageManifest fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, StageManifest.class);
  }
}
