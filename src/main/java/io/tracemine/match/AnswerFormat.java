package io.tracemine.match;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The two ways {@code match} prints its answers: a readable table, or JSON for tools. */
public final class AnswerFormat {
  /** Created on first use: loading Jackson costs a single text answer a tenth of a second. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private AnswerFormat() {}

  /** One JSON document: the knowledge base used and one entry per traceback. */
  public static String json(String knowledge, List<TraceAnswer> answers) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("knowledge", knowledge);
    doc.put("tracebacks", answers.size());
    doc.put("answers", answers);
    try {
      return Json.MAPPER.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the answer as JSON: " + e.getMessage(), e);
    }
  }

  /** A table per traceback; an explicit line when the input holds no traceback at all. */
  public static String text(List<TraceAnswer> answers) {
    StringBuilder b = new StringBuilder();
    if (answers.isEmpty()) {
      return "No Python traceback found in the input (nothing to match).\n";
    }
    for (TraceAnswer a : answers) {
      b.append(
          String.format("Traceback %d of %d: %s%n", a.traceback(), answers.size(), headline(a)));
      b.append(
          String.format(
              "  %d frames (%d in the knowledge base), %d mined patterns contained" + " in it%n",
              a.frames(), a.knownFrames(), a.matchedPatterns()));
      if (a.note() != null) {
        b.append("  ").append(a.note()).append('\n');
      }
      if (reordered(a.hits())) {
        b.append("  ").append(NEAR_BEST_NOTE).append('\n');
      }
      if (!a.hits().isEmpty()) {
        b.append(
            String.format(
                "  %2s %7s  %-10s  %-12s  %-19s %s%n",
                "#", "score", "question", "library", "accepted answer", "title"));
      }
      for (Hit h : a.hits()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %2d %7.2f  %-10d  %-12s  %-19s %s%n",
                h.rank(),
                h.score(),
                h.questionId(),
                printable(h.library()),
                h.acceptedAnswerId() == null ? "none" : "yes " + h.acceptedAnswerId(),
                h.title() == null ? "(no title)" : printable(h.title())));
        b.append("     ").append(h.link()).append('\n');
        SharedPattern p = h.shared();
        b.append(
            String.format(
                Locale.ROOT,
                "     why: %d shared frame%s (weight %.2f), mined in %d"
                    + " traces of %d questions: %s%n",
                p.frames().size(),
                p.frames().size() == 1 ? "" : "s",
                p.weight(),
                p.traceSupport(),
                p.questionSupport(),
                printable(String.join(" > ", p.frames()))));
        b.append(
            String.format(
                Locale.ROOT,
                "          exception type %s, message template %s" + " (+%.2f)%n",
                h.typeAgrees() ? "agrees" : "differs",
                h.templateAgrees() ? "agrees" : "differs",
                h.score() - p.weight()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Said when a hit is listed above a higher score (docs/MATCH.md, "Ranking"). */
  static final String NEAR_BEST_NOTE =
      "questions scoring at least 75% of the best are listed best answered first";

  private static boolean reordered(List<Hit> hits) {
    for (int i = 1; i < hits.size(); i++) {
      if (hits.get(i).score() > hits.get(i - 1).score()) {
        return true;
      }
    }
    return false;
  }

  private static String headline(TraceAnswer a) {
    if (a.exceptionType() == null) {
      return "(no exception line)";
    }
    String message = a.message() == null ? "" : ": " + a.message().lines().findFirst().orElse("");
    String line = printable(a.exceptionType() + message);
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }

  /**
   * {@code text} as one line a terminal shows as it is: a tab becomes a blank, and a control
   * character, a line or paragraph separator or a bidirectional override becomes U+FFFD. A post's
   * title could otherwise set the terminal's title, erase lines or print a forged result line.
   */
  static String printable(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean tab = c == '\t';
      if (tab || isUnprintable(c)) {
        if (b == null) {
          b = new StringBuilder(text.length()).append(text, 0, i);
        }
        b.append(tab ? ' ' : '\uFFFD');
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? text : b.toString();
  }

  private static boolean isUnprintable(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
