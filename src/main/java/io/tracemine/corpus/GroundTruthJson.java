package io.tracemine.corpus;

import java.util.List;

/**
 * One-line JSON for the ground-truth files: {@code planted.jsonl} (one object per planted trace)
 * and {@code runs.jsonl} (one object per shared run). Keys are snake_case like the table columns.
 */
public final class GroundTruthJson {
  private GroundTruthJson() {}

  /**
   * {@code {"question_id", "original_id", "link_date", "library", "variant", "format", "os"}}:
   * one planted duplicate ({@code duplicates.jsonl}).
   */
  public static String duplicate(PlantedDuplicate d) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"question_id\":").append(d.questionId());
    sb.append(",\"original_id\":").append(d.originalId());
    sb.append(",\"link_date\":");
    str(sb, PostsXmlWriter.DATE.format(d.linkDate()));
    sb.append(",\"library\":");
    str(sb, d.library());
    sb.append(",\"variant\":");
    str(sb, d.variant());
    sb.append(",\"format\":");
    str(sb, d.format());
    sb.append(",\"os\":");
    str(sb, d.os());
    return sb.append('}').toString();
  }

  /**
   * {@code {"question_id", "block_index", "block_kind", "position", "format", "variant", "os",
   * "exception_type", "message", "chained_from", "chain_kind", "libraries", "language",
   * "parent_position", "common_frames_omitted", "frames": [{"raw_path",
   * "file", "line", "function"}], "runs": [{"run_id", "start"}]}}.
   */
  public static String trace(PlantedTrace t) {
    StringBuilder sb = new StringBuilder(512);
    sb.append("{\"question_id\":").append(t.questionId());
    sb.append(",\"block_index\":").append(t.blockIndex());
    sb.append(",\"block_kind\":");
    str(sb, t.blockKind());
    sb.append(",\"position\":").append(t.position());
    sb.append(",\"format\":");
    str(sb, t.format());
    sb.append(",\"variant\":");
    str(sb, t.variant());
    sb.append(",\"os\":");
    str(sb, t.os());
    sb.append(",\"exception_type\":");
    str(sb, t.exceptionType());
    sb.append(",\"message\":");
    str(sb, t.message());
    sb.append(",\"chained_from\":").append(t.chainedFrom());
    sb.append(",\"chain_kind\":");
    str(sb, t.chainKind());
    sb.append(",\"libraries\":");
    strings(sb, t.libraries());
    sb.append(",\"language\":");
    str(sb, t.language());
    sb.append(",\"parent_position\":").append(t.parentPosition());
    sb.append(",\"common_frames_omitted\":").append(t.commonFramesOmitted());
    sb.append(",\"frames\":[");
    for (int i = 0; i < t.frames().size(); i++) {
      PlantedFrame f = t.frames().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"raw_path\":");
      str(sb, f.rawPath());
      sb.append(",\"file\":");
      str(sb, f.file());
      sb.append(",\"line\":").append(f.line());
      sb.append(",\"function\":");
      str(sb, f.function());
      sb.append('}');
    }
    sb.append("],\"runs\":[");
    for (int i = 0; i < t.runs().size(); i++) {
      RunOccurrence r = t.runs().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"run_id\":").append(r.runId()).append(",\"start\":").append(r.start()).append('}');
    }
    return sb.append("]}").toString();
  }

  /** {@code {"run_id", "name", "libraries", "items": [{"file", "function"}], "planted_traces"}}. */
  public static String run(PlantedRun r, long plantedTraces) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"run_id\":").append(r.runId()).append(",\"name\":");
    str(sb, r.name());
    sb.append(",\"libraries\":");
    strings(sb, r.libraries());
    sb.append(",\"items\":[");
    for (int i = 0; i < r.items().size(); i++) {
      RunItem it = r.items().get(i);
      sb.append(i == 0 ? "" : ",").append("{\"file\":");
      str(sb, it.file());
      sb.append(",\"function\":");
      str(sb, it.function());
      sb.append('}');
    }
    return sb.append("],\"planted_traces\":").append(plantedTraces).append('}').toString();
  }

  private static void strings(StringBuilder sb, List<String> values) {
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      str(sb, values.get(i));
    }
    sb.append(']');
  }

  /** A JSON string literal (RFC 8259), or {@code null}. */
  static void str(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
