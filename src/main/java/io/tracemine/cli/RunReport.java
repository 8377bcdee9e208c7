package io.tracemine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one invocation did, printed by {@code --json} as one JSON document when it ends, whether it
 * succeeded or failed. The schema is documented in docs/CLI-JSON.md; schedulers parse it.
 */
final class RunReport {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Instant started = Instant.now();
  private String runId;
  private String outputDir;
  private String sparkUi;
  private final List<StageSummary> stages = new ArrayList<>();
  private boolean printed;

  synchronized void run(String runId, String outputDir) {
    this.runId = runId;
    this.outputDir = outputDir;
  }

  synchronized void sparkUi(String url) {
    this.sparkUi = url;
  }

  synchronized void stage(StageSummary summary) {
    stages.add(summary);
  }

  /**
   * The document, or null when one was already made: a command prints one, when it ends or when a
   * signal ends it, never both. {@code error} is null when {@code exitCode} is 0.
   */
  synchronized String json(String command, int exitCode, String error, Instant ended) {
    if (printed) {
      return null;
    }
    printed = true;
    return write(document(command, exitCode == 0 ? "succeeded" : "failed", exitCode, error, ended));
  }

  /**
   * The document of a command a signal ended (status {@code interrupted}), or a fatal task error on
   * which Spark ended the JVM (status {@code failed}); null when one was already made: {@code
   * exitCode} the JVM's (128 + the signal's number, Spark's 52 or 50 for a fatal error; null when
   * neither was noted), {@code error} the {@code tracemine:} line without its prefix, and an object
   * {@code interrupted} naming the signal or the fatal error, the stage that ran, whether it
   * committed, and the lock.
   */
  synchronized String interrupted(
      String command,
      Integer exitCode,
      String error,
      Instant ended,
      String signal,
      Throwable fatalError,
      String stage,
      boolean stageCommitted,
      String lock) {
    if (printed) {
      return null;
    }
    printed = true;
    String status = fatalError == null ? "interrupted" : "failed";
    ObjectNode doc = document(command, status, exitCode, error, ended);
    ObjectNode what = MAPPER.createObjectNode();
    what.put("signal", signal);
    what.put("fatal_error", fatalError == null ? null : fatalError.toString());
    what.put("stage", stage);
    what.put("stage_committed", stageCommitted);
    what.put("lock", lock);
    doc.set("interrupted", what);
    return write(doc);
  }

  private static String write(ObjectNode doc) {
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the run's JSON summary", e);
    }
  }

  private ObjectNode document(
      String command, String status, Integer exitCode, String error, Instant ended) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("schema_version", SCHEMA_VERSION);
    doc.put("tracemine_version", TraceMine.VERSION);
    doc.put("command", command);
    doc.put("status", status);
    doc.put("exit_code", exitCode);
    doc.put("error", error);
    doc.put("run_id", runId);
    doc.put("started_at", started.toString());
    doc.put("ended_at", ended.toString());
    doc.put("seconds", Math.round((ended.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0);
    doc.put("output_dir", outputDir);
    doc.put("spark_ui", sparkUi);
    ArrayNode list = doc.putArray("stages");
    for (StageSummary stage : stages) {
      list.add(stage.toJson(MAPPER));
    }
    return doc;
  }
}
