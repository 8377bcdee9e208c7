package io.tracemine.match;

import io.tracemine.extract.template.MessageTemplates;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.PathStyle;
import io.tracemine.extract.traceback.Traceback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A small random knowledge base over int items ({@code mod<i>:f<i>}), its index, and the
 * brute-force answer (every question scored from the raw lists, no index) to compare with.
 */
final class SmallKnowledge {
  record Question(long id, String title, int score, Long accepted) {}

  record Trace(String id, long question, String library, String type, String message, int[] items) {
    String template() {
      return MessageTemplates.template(message);
    }
  }

  record Pattern(String library, int[] items) {}

  /** An answer reduced to what the ranking decides: question id and score. */
  record Ranked(long question, double score) {}

  final List<Question> questions = new ArrayList<>();
  final List<Trace> traces = new ArrayList<>();
  final List<Pattern> patterns = new ArrayList<>();

  static final String[] TYPES = {null, "ValueError", "keras.ValueError", "KeyError"};
  static final String[] MESSAGES = {null, "bad 3", "bad 4", "other"};

  static String file(int item) {
    return "mod" + item;
  }

  static String function(int item) {
    return "f" + item;
  }

  /** Random questions, traces of {@code libraries} over items 0..alphabet-1, random patterns. */
  static SmallKnowledge random(Random r, int alphabet, String... libraries) {
    return random(r, alphabet, 6, 14, 12, libraries);
  }

  /** As above with up to the given numbers of questions, traces and patterns. */
  static SmallKnowledge random(
      Random r,
      int alphabet,
      int maxQuestions,
      int maxTraces,
      int maxPatterns,
      String... libraries) {
    SmallKnowledge kb = new SmallKnowledge();
    int questions = 1 + r.nextInt(maxQuestions);
    for (int q = 0; q < questions; q++) {
      kb.questions.add(
          new Question(100 + q, "question " + q, r.nextInt(3), r.nextBoolean() ? null : 1000L + q));
    }
    int traces = 1 + r.nextInt(maxTraces);
    for (int t = 0; t < traces; t++) {
      kb.traces.add(
          new Trace(
              "t" + t,
              100 + r.nextInt(questions),
              libraries[r.nextInt(libraries.length)],
              TYPES[r.nextInt(TYPES.length)],
              MESSAGES[r.nextInt(MESSAGES.length)],
              randomItems(r, alphabet, 8)));
    }
    int patterns = r.nextInt(maxPatterns);
    for (int p = 0; p < patterns; p++) {
      Trace t = kb.traces.get(r.nextInt(traces));
      if (t.items().length > 0) {
        int from = r.nextInt(t.items().length);
        int to = from + 1 + r.nextInt(t.items().length - from);
        Pattern candidate = new Pattern(t.library(), Arrays.copyOfRange(t.items(), from, to));
        if (kb.patterns.stream()
            .noneMatch(
                x ->
                    x.library().equals(candidate.library())
                        && Arrays.equals(x.items(), candidate.items()))) {
          kb.patterns.add(candidate);
        }
      }
    }
    return kb;
  }

  static int[] randomItems(Random r, int alphabet, int maxLength) {
    int[] items = new int[r.nextInt(maxLength + 1)];
    for (int i = 0; i < items.length; i++) {
      items[i] = r.nextInt(alphabet);
    }
    return items;
  }

  static boolean contains(int[] sequence, int[] pattern) {
    for (int i = 0; i + pattern.length <= sequence.length; i++) {
      if (Arrays.equals(sequence, i, i + pattern.length, pattern, 0, pattern.length)) {
        return true;
      }
    }
    return false;
  }

  List<Trace> supporting(Pattern p) {
    return traces.stream()
        .filter(t -> t.library().equals(p.library()) && contains(t.items(), p.items()))
        .toList();
  }

  KnowledgeIndex build(Path file) {
    try (IndexBuilder b = new IndexBuilder("default")) {
      for (Question q : questions) {
        b.addQuestion(q.id(), q.title(), q.score(), q.accepted());
      }
      for (Trace t : traces) {
        b.addTrace(
            t.id(),
            t.question(),
            t.library(),
            t.type(),
            t.template(),
            Arrays.stream(t.items()).mapToObj(SmallKnowledge::file).toList(),
            Arrays.stream(t.items()).mapToObj(SmallKnowledge::function).toList());
      }
      for (Pattern p : patterns) {
        List<Trace> support = supporting(p);
        b.addPattern(
            p.library(),
            Arrays.stream(p.items()).mapToObj(SmallKnowledge::file).toArray(String[]::new),
            Arrays.stream(p.items()).mapToObj(SmallKnowledge::function).toArray(String[]::new),
            support.size(),
            support.stream().map(Trace::question).distinct().count(),
            support.stream().map(Trace::id).toList());
      }
      b.write(file);
    }
    return KnowledgeIndex.open(file);
  }

  static Traceback query(int[] items, String type, String message) {
    List<Frame> frames =
        Arrays.stream(items)
            .mapToObj(
                i -> new Frame("/x/" + file(i) + ".py", file(i), 1, function(i), PathStyle.UNIX))
            .toList();
    return new Traceback(0, frames, type, message, null, null);
  }

  private long df(String library, java.util.function.Predicate<Trace> holds) {
    return traces.stream().filter(t -> t.library().equals(library) && holds.test(t)).count();
  }

  /** Every question scored by definition (docs/MATCH.md), best k first. */
  List<Ranked> bruteForce(int[] query, String type, String message, int k) {
    return bruteForce(query, type, message, k, Matcher.NO_QUESTION);
  }

  /** As above, question {@code excluded} not a candidate (nor counted in the best score). */
  List<Ranked> bruteForce(int[] query, String type, String message, int k, long excluded) {
    String simple = Matcher.simpleType(type);
    String template = MessageTemplates.template(message);
    Map<Long, Double> best = new HashMap<>();
    for (Trace t : traces) {
      double w = Double.NEGATIVE_INFINITY;
      for (Pattern p : patterns) {
        if (p.library().equals(t.library())
            && contains(t.items(), p.items())
            && contains(query, p.items())) {
          double pw = 0;
          for (int item : p.items()) {
            pw +=
                Matcher.idf(
                    (int) df(t.library(), x -> Arrays.stream(x.items()).anyMatch(i -> i == item)));
          }
          w = Math.max(w, pw);
        }
      }
      if (w == Double.NEGATIVE_INFINITY) {
        continue;
      }
      boolean typeAgrees = simple != null && simple.equals(Matcher.simpleType(t.type()));
      boolean templateAgrees = typeAgrees && template != null && template.equals(t.template());
      double typeWeight =
          Matcher.idf(
              (int)
                  df(
                      t.library(),
                      x -> simple != null && simple.equals(Matcher.simpleType(x.type()))));
      double templateWeight =
          Matcher.idf(
              (int)
                  df(t.library(), x -> x.type() != null && Objects.equals(x.template(), template)));
      double score = w + (typeAgrees ? typeWeight : 0) + (templateAgrees ? templateWeight : 0);
      best.merge(t.question(), score, Math::max);
    }
    best.remove(excluded);
    Map<Long, Question> byId = new HashMap<>();
    questions.forEach(q -> byId.put(q.id(), q));
    double top = best.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Comparator<Map.Entry<Long, Double>> answerQuality =
        Comparator.comparing(
                (Map.Entry<Long, Double> e) ->
                    byId.get(e.getKey()) == null || byId.get(e.getKey()).accepted() == null)
            .thenComparingInt(e -> byId.get(e.getKey()) == null ? 0 : -byId.get(e.getKey()).score())
            .thenComparingLong(Map.Entry::getKey);
    // near-best (score >= 0.75 x the best) first, by answer quality; then by score
    return best.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Long, Double> e) -> e.getValue() < 0.75 * top)
                .thenComparingDouble(e -> e.getValue() >= 0.75 * top ? 0 : -e.getValue())
                .thenComparing(answerQuality))
        .limit(k)
        .map(e -> new Ranked(e.getKey(), e.getValue()))
        .toList();
  }

  /** The patterns (indexes into {@link #patterns}) contained in {@code query}. */
  Set<Integer> containedIn(int[] query) {
    Set<Integer> out = new HashSet<>();
    for (int p = 0; p < patterns.size(); p++) {
      if (contains(query, patterns.get(p).items())) {
        out.add(p);
      }
    }
    return out;
  }

  static List<Ranked> ranked(TraceAnswer answer) {
    return answer.hits().stream().map(h -> new Ranked(h.questionId(), h.score())).toList();
  }
}
