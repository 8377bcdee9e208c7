package io.tracemine.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Baseline (b): a text search engine over the tracebacks. Each traceback is a document of the words
 * of its message and of its frames' file and function names (split at anything but letters, digits
 * and {@code _}, lower-cased); weights are {@code tf * idf} with the smoothed {@code idf(w) = ln((1
 * + N) / (1 + df(w))) + 1} over the N known tracebacks; documents are compared by cosine. A
 * question scores its best traceback's cosine with any of the query's tracebacks; questions sharing
 * no word are not listed; ties go to the smaller id.
 */
public final class TfIdfBaseline implements TraceRanker {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{Alnum}_]+");

  private record Posting(int trace, double weight) {}

  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final List<List<Posting>> postings = new ArrayList<>();
  private final double[] idf;
  private final long[] questionOf;

  public TfIdfBaseline(List<KnownTrace> knowledge) {
    List<Map<Integer, Integer>> counts = new ArrayList<>();
    List<Integer> df = new ArrayList<>();
    questionOf = new long[knowledge.size()];
    for (int t = 0; t < knowledge.size(); t++) {
      questionOf[t] = knowledge.get(t).questionId();
      Map<Integer, Integer> tf = new HashMap<>();
      for (String w : words(knowledge.get(t))) {
        int id =
            vocabulary.computeIfAbsent(
                w,
                k -> {
                  df.add(0);
                  postings.add(new ArrayList<>());
                  return vocabulary.size();
                });
        if (tf.merge(id, 1, Integer::sum) == 1) {
          df.set(id, df.get(id) + 1);
        }
      }
      counts.add(tf);
    }
    idf = new double[df.size()];
    for (int w = 0; w < idf.length; w++) {
      idf[w] = Math.log((1.0 + knowledge.size()) / (1.0 + df.get(w))) + 1;
    }
    for (int t = 0; t < counts.size(); t++) {
      Map<Integer, Double> v = weights(counts.get(t));
      for (Map.Entry<Integer, Double> e : v.entrySet()) {
        postings.get(e.getKey()).add(new Posting(t, e.getValue()));
      }
    }
  }

  /** The words of a traceback's message and frames, in order, repeats kept. */
  static List<String> words(KnownTrace t) {
    List<String> out = new ArrayList<>();
    addWords(t.message(), out);
    for (String frame : t.frames()) {
      addWords(frame, out);
    }
    return out;
  }

  private static void addWords(String text, List<String> out) {
    if (text == null) {
      return;
    }
    for (String w : SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
  }

  /** Unit-length tf-idf weights of known words. */
  private Map<Integer, Double> weights(Map<Integer, Integer> tf) {
    Map<Integer, Double> v = new HashMap<>();
    double norm = 0;
    for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
      double w = e.getValue() * idf[e.getKey()];
      v.put(e.getKey(), w);
      norm += w * w;
    }
    double length = Math.sqrt(norm);
    v.replaceAll((k, w) -> w / length);
    return v;
  }

  @Override
  public String name() {
    return "tf-idf";
  }

  /** Cosine of the best pair (known traceback, query traceback) per question. */
  Map<Long, Double> scores(List<KnownTrace> query) {
    Map<Long, Double> best = new HashMap<>();
    for (KnownTrace q : query) {
      Map<Integer, Integer> tf = new HashMap<>();
      for (String w : words(q)) {
        Integer id = vocabulary.get(w);
        if (id != null) {
          tf.merge(id, 1, Integer::sum);
        }
      }
      if (tf.isEmpty()) {
        continue;
      }
      Map<Integer, Double> dot = new HashMap<>();
      for (Map.Entry<Integer, Double> e : weights(tf).entrySet()) {
        for (Posting p : postings.get(e.getKey())) {
          dot.merge(p.trace(), e.getValue() * p.weight(), Double::sum);
        }
      }
      for (Map.Entry<Integer, Double> e : dot.entrySet()) {
        best.merge(questionOf[e.getKey()], e.getValue(), Math::max);
      }
    }
    return best;
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    List<Map.Entry<Long, Double>> all = new ArrayList<>(scores(query).entrySet());
    all.removeIf(e -> e.getKey() == excluded);
    all.sort(
        Comparator.comparingDouble((Map.Entry<Long, Double> e) -> -e.getValue())
            .thenComparingLong(Map.Entry::getKey));
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < all.size() && i < depth; i++) {
      out.add(all.get(i).getKey());
    }
    return out;
  }
}
