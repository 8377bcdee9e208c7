package io.tracemine.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline (a): what a user finds by searching for the exception: the questions having a traceback
 * with the same simple exception type and the same message template as one of the query's, ranked
 * by the question's votes, then the smaller id.
 */
public final class TemplateBaseline implements TraceRanker {
  private record Question(long id, int score) {}

  private final Map<String, List<Question>> byKey = new HashMap<>();

  public TemplateBaseline(List<KnownTrace> knowledge) {
    for (KnownTrace t : knowledge) {
      String key = key(t);
      if (key != null) {
        List<Question> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        Question q = new Question(t.questionId(), t.questionScore());
        if (!list.contains(q)) {
          list.add(q);
        }
      }
    }
    Comparator<Question> order =
        Comparator.comparingInt((Question q) -> -q.score()).thenComparingLong(Question::id);
    byKey.values().forEach(list -> list.sort(order));
  }

  static String key(KnownTrace t) {
    String type = Matcher.simpleType(t.exceptionType());
    return type == null || t.template() == null ? null : type + "\0" + t.template();
  }

  @Override
  public String name() {
    return "type+template";
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    List<Question> all = new ArrayList<>();
    for (KnownTrace t : query) {
      String key = key(t);
      if (key != null) {
        all.addAll(byKey.getOrDefault(key, List.of()));
      }
    }
    all.sort(Comparator.comparingInt((Question q) -> -q.score()).thenComparingLong(Question::id));
    List<Long> out = new ArrayList<>();
    for (Question q : all) {
      if (out.size() == depth) {
        break;
      }
      if (q.id() != excluded && !out.contains(q.id())) {
        out.add(q.id());
      }
    }
    return out;
  }
}
