package io.tracemine.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Experiment (docs/MATCH.md, "Message similarity"): TraceMine's candidates re-scored with a graded
 * similarity of the exception messages. A message's tokens are its runs of letters, digits and
 * {@code _}, lower-cased; a token weighs {@code Matcher.idf(df)}, df the knowledge's traces whose
 * message holds it. {@code sim} of the query traceback and a candidate question is the best over
 * the question's tracebacks of:
 *
 * <ul>
 *   <li>{@code cosine}: cosine of the idf-weighted token vectors, score {@code = score + w * sim};
 *   <li>{@code overlap}: the sum of the shared tokens' idf, score {@code = score + w * sim};
 *   <li>{@code tie}: TraceMine's score, equal scores ordered by the cosine (before the votes);
 *   <li>{@code pattern}: the shared pattern's weight {@code + w * cosine}, no type/template term.
 * </ul>
 *
 * System properties: {@code tmpl=true} compares the message templates instead of the messages,
 * {@code nodigits=true} drops tokens holding a digit. A question's score is its best over the
 * query's tracebacks; ties as the matcher's: an accepted answer, then votes, then the smaller id.
 */
final class MessageExperimentRanker implements TraceRanker {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{Alnum}_]+");
  private static final boolean NO_DIGITS = Boolean.getBoolean("nodigits");
  private static final boolean TEMPLATES = Boolean.getBoolean("tmpl");

  private final Matcher matcher;
  private final Map<String, Integer> df = new HashMap<>();
  private final Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
  private final double w;
  private final String mode;

  MessageExperimentRanker(KnowledgeIndex index, List<KnownTrace> knowledge, double w, String mode) {
    if (!List.of("cosine", "overlap", "tie", "pattern").contains(mode)) {
      throw new IllegalArgumentException(
          "Cannot rank: unknown mode '" + mode + "' (valid: cosine, overlap, tie, pattern)");
    }
    this.matcher = new Matcher(index);
    this.w = w;
    this.mode = mode;
    for (KnownTrace t : knowledge) {
      byQuestion.computeIfAbsent(t.questionId(), k -> new ArrayList<>()).add(t);
      for (String tok : new HashSet<>(tokens(text(t)))) {
        df.merge(tok, 1, Integer::sum);
      }
    }
  }

  private static String text(KnownTrace t) {
    return TEMPLATES ? t.template() : t.message();
  }

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String s : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!s.isEmpty() && !(NO_DIGITS && s.chars().anyMatch(Character::isDigit))) {
        out.add(s);
      }
    }
    return out;
  }

  private double idf(String token) {
    Integer d = df.get(token);
    return d == null ? 0 : Matcher.idf(d);
  }

  private Map<String, Double> vector(String message) {
    Map<String, Double> v = new HashMap<>();
    for (String t : tokens(message)) {
      double i = idf(t);
      if (i > 0) {
        v.merge(t, i, Double::sum);
      }
    }
    return v;
  }

  private double similarity(String a, String b) {
    Map<String, Double> va = vector(a);
    Map<String, Double> vb = vector(b);
    if (mode.equals("overlap")) {
      Set<String> common = new HashSet<>(va.keySet());
      common.retainAll(vb.keySet());
      return common.stream().mapToDouble(this::idf).sum();
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (Map.Entry<String, Double> e : va.entrySet()) {
      na += e.getValue() * e.getValue();
      dot += e.getValue() * vb.getOrDefault(e.getKey(), 0.0);
    }
    for (double x : vb.values()) {
      nb += x * x;
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  @Override
  public String name() {
    return "msg-" + mode + "-" + w;
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Long, Double> best = new HashMap<>();
    Map<Long, Hit> hits = new HashMap<>();
    for (KnownTrace t : query) {
      for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000, excluded).hits()) {
        double sim = 0;
        for (KnownTrace k : byQuestion.getOrDefault(h.questionId(), List.of())) {
          sim = Math.max(sim, similarity(text(t), text(k)));
        }
        double total =
            switch (mode) {
              case "tie" -> h.score() + 1e-6 * sim;
              case "pattern" -> h.shared().weight() + w * sim;
              default -> h.score() + w * sim;
            };
        best.merge(h.questionId(), total, Math::max);
        hits.put(h.questionId(), h);
      }
    }
    List<Long> ids = new ArrayList<>(best.keySet());
    ids.sort(
        Comparator.comparingDouble((Long id) -> -best.get(id))
            .thenComparing(id -> hits.get(id).acceptedAnswerId() == null)
            .thenComparingInt(id -> -hits.get(id).questionScore())
            .thenComparingLong(id -> id));
    return ids.subList(0, Math.min(depth, ids.size()));
  }
}
