package io.tracemine.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Experiment: TraceMine's score plus a message-similarity term (weight w, mode). */
final class MessageExperimentRanker implements TraceRanker {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{Alnum}_]+");
  private final Matcher matcher;
  private final Map<String, Integer> df = new HashMap<>();
  private final Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
  private final double w;
  private final String mode;

  MessageExperimentRanker(KnowledgeIndex index, List<KnownTrace> knowledge, double w, String mode) {
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

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String s : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!s.isEmpty() && !(mode2 && s.chars().anyMatch(Character::isDigit))) {
        out.add(s);
      }
    }
    return out;
  }

  static boolean mode2 = Boolean.getBoolean("nodigits");
  static boolean useTemplate = Boolean.getBoolean("tmpl");

  private static String text(KnownTrace t) {
    return useTemplate ? t.template() : t.message();
  }

  private double idf(String tok) {
    Integer d = df.get(tok);
    return d == null ? 0 : Matcher.idf(d);
  }

  private Map<String, Double> vector(String msg) {
    Map<String, Double> v = new HashMap<>();
    for (String t : tokens(msg)) {
      double i = idf(t);
      if (i > 0) {
        v.merge(t, i, Double::sum);
      }
    }
    return v;
  }

  private double sim(String a, String b) {
    Map<String, Double> va = vector(a);
    Map<String, Double> vb = vector(b);
    if (mode.equals("overlap")) {
      double s = 0;
      Set<String> common = new HashSet<>(va.keySet());
      common.retainAll(vb.keySet());
      for (String t : common) {
        s += idf(t);
      }
      return s;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (Map.Entry<String, Double> e : va.entrySet()) {
      na += e.getValue() * e.getValue();
      Double o = vb.get(e.getKey());
      if (o != null) {
        dot += e.getValue() * o;
      }
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
    for (KnownTrace t : query) {
      for (Hit h : matcher.match(1, MatcherRanker.traceback(t), 100_000, excluded).hits()) {
        double s = 0;
        for (KnownTrace k : byQuestion.getOrDefault(h.questionId(), List.of())) {
          s = Math.max(s, sim(text(t), text(k)));
        }
        double base = mode.equals("tie") ? h.score() : h.score() + w * s;
        double total = mode.equals("tie") ? base + 1e-6 * s : base;
        if (mode.equals("pattern")) {
          total = h.shared().weight() + w * s;
        }
        best.merge(h.questionId(), total, Math::max);
      }
    }
    List<Long> ids = new ArrayList<>(best.keySet());
    ids.sort(
        (a, b) -> {
          int c = Double.compare(best.get(b), best.get(a));
          return c != 0 ? c : Long.compare(a, b);
        });
    return ids.subList(0, Math.min(depth, ids.size()));
  }
}
