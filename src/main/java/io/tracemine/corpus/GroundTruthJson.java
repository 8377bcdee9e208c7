package io.tracemine.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One-line JSON for the ground-truth files: {@code planted.jsonl} (one object per planted trace),
 * {@code runs.jsonl} (one object per shared run) and {@code duplicates.jsonl} (one per planted
 * duplicate). Keys are snake_case like the table columns, in the order documented on each method.
 */
public final class GroundTruthJson {
  private GroundTruthJson() {}

  private static final ObjectWriter JSON = new ObjectMapper().writer();

  /**
   * {@code {"question_id", "original_id", "link_date", "library", "variant", "format", "os"}}: one
   * planted duplicate ({@code duplicates.jsonl}).
   */
  public static String duplicate(PlantedDuplicate d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("question_id", d.questionId());
    json.put("original_id", d.originalId());
    json.put("link_date", PostsXmlWriter.DATE.format(d.linkDate()));
    json.put("library", d.library());
    json.put("variant", d.variant());
    json.put("format", d.format());
    json.put("os", d.os());
    return write(json);
  }

  /**
   * {@code {"question_id", "block_index", "block_kind", "position", "format", "variant", "os",
   * "exception_type", "message", "chained_from", "chain_kind", "libraries", "language",
   * "parent_position", "common_frames_omitted", "frames": [{"raw_path", "file", "line",
   * "function"}], "runs": [{"run_id", "start"}]}}.
   */
  public static String trace(PlantedTrace t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("question_id", t.questionId());
    json.put("block_index", t.blockIndex());
    json.put("block_kind", t.blockKind());
    json.put("position", t.position());
    json.put("format", t.format());
    json.put("variant", t.variant());
    json.put("os", t.os());
    json.put("exception_type", t.exceptionType());
    json.put("message", t.message());
    json.put("chained_from", t.chainedFrom());
    json.put("chain_kind", t.chainKind());
    json.put("libraries", t.libraries());
    json.put("language", t.language());
    json.put("parent_position", t.parentPosition());
    json.put("common_frames_omitted", t.commonFramesOmitted());
    json.put(
        "frames",
        t.frames().stream()
            .map(
                f ->
                    object(
                        "raw_path", f.rawPath(),
                        "file", f.file(),
                        "line", f.line(),
                        "function", f.function()))
            .toList());
    json.put(
        "runs",
        t.runs().stream().map(r -> object("run_id", r.runId(), "start", r.start())).toList());
    return write(json);
  }

  /** {@code {"run_id", "name", "libraries", "items": [{"file", "function"}], "planted_traces"}}. */
  public static String run(PlantedRun r, long plantedTraces) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", r.runId());
    json.put("name", r.name());
    json.put("libraries", r.libraries());
    json.put(
        "items",
        r.items().stream().map(i -> object("file", i.file(), "function", i.function())).toList());
    json.put("planted_traces", plantedTraces);
    return write(json);
  }

  /** An object with the given keys and values, in that order (values may be null). */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      json.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return json;
  }

  private static String write(Map<String, Object> json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write ground truth as JSON", e);
    }
  }
}
