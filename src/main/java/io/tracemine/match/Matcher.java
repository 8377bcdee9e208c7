package io.tracemine.match;

import io.tracemine.extract.template.MessageTemplates;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.Traceback;
import io.tracemine.mine.PatternIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a knowledge base's questions for one traceback (docs/MATCH.md, "Ranking").
 *
 * <p>A question is a candidate when one of its traces contains a mined closed pattern (of the
 * trace's library) that the user's traceback contains too. Its score is that of its best trace:
 *
 * <pre>
 *   score(trace) = weight(P) + [type agrees] idf(type) + [type and template agree] idf(template)
 *   weight(P)    = sum over P's frames f of idf(f),   idf(x) = ln(1 + 1,000,000 / df(x))
 * </pre>
 *
 * where P is the heaviest such pattern and df(x) the number of traces of the library holding frame
 * (or exception type, or template) x. The constant (not the library's size) makes a score depend
 * only on what the question shares with the query: adding unrelated questions never reorders.
 *
 * <p>Order: the <em>near-best</em> questions, those scoring at least {@link #NEAR_BEST} times the
 * best score, come first, ordered by answer quality alone (an accepted answer first, then the
 * question's votes, then the smaller question id); the others follow by score, ties in the same
 * answer-quality order. The result is exact: patterns are visited by descending weight and the walk
 * stops only once no unvisited trace can join the near-best questions or enter the top k.
 */
public final class Matcher {
  /** Windows (start, length) of a traceback looked up at most; longer tracebacks are cut. */
  public static final int MAX_WINDOWS = 2_000_000;

  private final KnowledgeIndex index;

  public Matcher(KnowledgeIndex index) {
    this.index = index;
  }

  /** The last dotted component of an exception name, or null. */
  public static String simpleType(String exceptionType) {
    if (exceptionType == null || exceptionType.isBlank()) {
      return null;
    }
    String t = exceptionType.strip();
    return t.substring(t.lastIndexOf('.') + 1);
  }

  /** The reference size in {@link #idf}. */
  public static final double REFERENCE = 1_000_000;

  /**
   * A question scoring at least this share of the query's best score is <em>near-best</em>: it
   * ranks with the best, by answer quality (docs/MATCH.md, "Ranking").
   */
  public static final double NEAR_BEST = 0.75;

  /** Whether {@code score} is near-best when the query's best score is {@code best}. */
  public static boolean nearBest(double score, double best) {
    return score >= NEAR_BEST * best;
  }

  /** {@code ln(1 + REFERENCE / df)}: high for rare frames, always positive. */
  public static double idf(int df) {
    return Math.log1p(REFERENCE / Math.max(1, df));
  }

  private static final class Candidate {
    final int question;
    double score = Double.NEGATIVE_INFINITY;
    int pattern;
    int trace;
    boolean typeAgrees;
    boolean templateAgrees;

    Candidate(int question) {
      this.question = question;
    }
  }

  /**
   * The top {@code k} questions for {@code traceback}, the {@code number}-th of the input.
   *
   * @param k at least 1
   */
  public TraceAnswer match(int number, Traceback traceback, int k) {
    return match(number, traceback, k, NO_QUESTION);
  }

  /** No question id: {@code match} without an excluded question. */
  public static final long NO_QUESTION = Long.MIN_VALUE;

  /**
   * As {@link #match(int, Traceback, int)}, never listing question {@code excludedQuestionId} (the
   * evaluation's query: a duplicate must not find itself).
   */
  public TraceAnswer match(int number, Traceback traceback, int k, long excludedQuestionId) {
    if (k < 1) {
      throw new IllegalArgumentException("Cannot match: k is " + k + " but must be >= 1");
    }
    List<Frame> frames = traceback.frames();
    String type = simpleType(traceback.exceptionType());
    String template = MessageTemplates.template(traceback.message());
    int[] items = new int[frames.size()];
    int known = 0;
    for (int i = 0; i < items.length; i++) {
      items[i] = index.itemId(frames.get(i).file(), frames.get(i).function());
      known += items[i] >= 0 ? 1 : 0;
    }
    int from = firstFrameWithinBudget(items);
    String note =
        from == 0
            ? null
            : String.format(
                "huge traceback: matched on its innermost %,d of %,d frames",
                items.length - from, items.length);
    int[] matched = matchedPatterns(items, from);
    if (matched.length == 0) {
      String why =
          frames.isEmpty()
              ? "no known pattern: the traceback has no frames"
              : String.format(
                  "no known pattern: none of its %d frames' runs is a mined pattern of"
                      + " this knowledge base (%d of the frames occur in it)",
                  frames.size(), known);
      return new TraceAnswer(
          number,
          traceback.exceptionType(),
          traceback.message(),
          template,
          frames.size(),
          known,
          0,
          note == null ? why : note + "; " + why,
          List.of());
    }
    List<Candidate> top = rank(matched, type, template, k, excludedQuestionId);
    List<Hit> hits = new ArrayList<>();
    for (Candidate c : top) {
      hits.add(hit(hits.size() + 1, c));
    }
    return new TraceAnswer(
        number,
        traceback.exceptionType(),
        traceback.message(),
        template,
        frames.size(),
        known,
        matched.length,
        note,
        hits);
  }

  /** The first frame to use so that at most {@link #MAX_WINDOWS} windows are looked up. */
  private int firstFrameWithinBudget(int[] items) {
    int maxLength = index.maxPatternLength();
    long windows = 0;
    int from = items.length;
    int run = 0;
    // from the innermost frame outwards: the frames nearest the error matter most
    while (from > 0) {
      int i = from - 1;
      run = items[i] < 0 ? 0 : run + 1;
      windows += Math.min(run, maxLength);
      if (windows > MAX_WINDOWS) {
        break;
      }
      from = i;
    }
    return from;
  }

  /** Patterns (of any library) occurring contiguously in {@code items[from..]}, ascending. */
  int[] matchedPatterns(int[] items, int from) {
    int maxLength = index.maxPatternLength();
    int count = index.patternCount();
    BitSet found = new BitSet();
    for (int i = from; i < items.length; i++) {
      long hash = 0;
      for (int j = i; j < items.length && items[j] >= 0 && j - i < maxLength; j++) {
        hash = IndexFormat.extend(hash, items[j]);
        int length = j - i + 1;
        for (int p = index.firstPatternWithHash(hash);
            p < count && index.patternHash(p) == hash;
            p++) {
          if (index.patternLength(p) == length && sameItems(p, items, i)) {
            found.set(p);
          }
        }
      }
    }
    return found.stream().toArray();
  }

  private boolean sameItems(int p, int[] items, int from) {
    for (int i = 0; i < index.patternLength(p); i++) {
      if (index.patternItem(p, i) != items[from + i]) {
        return false;
      }
    }
    return true;
  }

  double weight(int p) {
    int library = index.patternLibrary(p);
    double w = 0;
    for (int i = 0; i < index.patternLength(p); i++) {
      w += idf(index.itemDf(index.patternItem(p, i), library));
    }
    return w;
  }

  private List<Candidate> rank(int[] matched, String type, String template, int k, long excluded) {
    int libraries = index.libraryCount();
    int typeKey = type == null ? -1 : index.keyId(IndexFormat.TYPE_KEY + type);
    int templateKey =
        typeKey < 0 || template == null ? -1 : index.keyId(IndexFormat.TEMPLATE_KEY + template);
    double[] typeWeight = new double[libraries];
    double[] templateWeight = new double[libraries];
    double maxBonus = 0;
    for (int l = 0; l < libraries; l++) {
      typeWeight[l] = keyWeight(typeKey, l);
      templateWeight[l] = keyWeight(templateKey, l);
      maxBonus = Math.max(maxBonus, typeWeight[l] + templateWeight[l]);
    }
    double[] weights = new double[matched.length];
    Integer[] order = new Integer[matched.length];
    for (int i = 0; i < matched.length; i++) {
      weights[i] = weight(matched[i]);
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> -weights[i]).thenComparingInt(i -> matched[i]));

    Map<Integer, Candidate> byQuestion = new HashMap<>();
    List<Candidate> top = new ArrayList<>(Math.min(k, index.traceCount()));
    Comparator<Candidate> best = scoreOrder();
    BitSet seen = new BitSet(index.traceCount());
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int o = 0; o < order.length; o++) {
      double w = weights[order[o]];
      // a trace first seen now scores at most w + maxBonus: stop when that can neither reach the
      // near-best group nor enter the top k by score
      double bound = w + maxBonus;
      if (top.size() == k && worst(top, best).score > bound && !nearBest(bound, bestScore)) {
        break;
      }
      int p = matched[order[o]];
      for (int t : index.postings(p)) {
        if (seen.get(t)) {
          continue;
        }
        seen.set(t);
        if (excluded != NO_QUESTION && index.questionId(index.traceQuestion(t)) == excluded) {
          continue;
        }
        int l = index.traceLibrary(t);
        boolean typeAgrees = typeKey >= 0 && index.traceTypeKey(t) == typeKey;
        boolean templateAgrees =
            typeAgrees && templateKey >= 0 && index.traceTemplateKey(t) == templateKey;
        double score =
            w + (typeAgrees ? typeWeight[l] : 0) + (templateAgrees ? templateWeight[l] : 0);
        int q = index.traceQuestion(t);
        Candidate c = byQuestion.computeIfAbsent(q, Candidate::new);
        if (score > c.score) {
          c.score = score;
          c.pattern = p;
          c.trace = t;
          c.typeAgrees = typeAgrees;
          c.templateAgrees = templateAgrees;
          bestScore = Math.max(bestScore, score);
          offer(top, c, k, best);
        }
      }
    }
    return nearBestFirst(byQuestion.values(), top, bestScore, k);
  }

  /**
   * The answer: every near-best candidate by answer quality, then {@code top} (the best {@code k}
   * by score, which holds every near-best candidate when there are fewer than {@code k}).
   */
  private List<Candidate> nearBestFirst(
      Iterable<Candidate> candidates, List<Candidate> top, double bestScore, int k) {
    List<Candidate> answer = new ArrayList<>();
    for (Candidate c : candidates) {
      if (nearBest(c.score, bestScore)) {
        answer.add(c);
      }
    }
    answer.sort(answerQualityOrder());
    if (answer.size() >= k) {
      return new ArrayList<>(answer.subList(0, k));
    }
    top.sort(scoreOrder());
    for (Candidate c : top) {
      if (answer.size() < k && !nearBest(c.score, bestScore)) {
        answer.add(c);
      }
    }
    return answer;
  }

  private double keyWeight(int key, int library) {
    if (key < 0) {
      return 0;
    }
    int df = index.keyDf(key, library);
    return df == 0 ? 0 : idf(df);
  }

  /** Keeps {@code top} the best {@code k} candidates seen, after {@code c}'s score rose. */
  private static void offer(List<Candidate> top, Candidate c, int k, Comparator<Candidate> best) {
    if (top.contains(c)) {
      return;
    }
    if (top.size() < k) {
      top.add(c);
      return;
    }
    Candidate worst = worst(top, best);
    if (best.compare(c, worst) < 0) {
      top.set(top.indexOf(worst), c);
    }
  }

  private static Candidate worst(List<Candidate> top, Comparator<Candidate> best) {
    Candidate worst = top.get(0);
    for (Candidate c : top) {
      if (best.compare(c, worst) > 0) {
        worst = c;
      }
    }
    return worst;
  }

  /** Best first: score, then answer quality. */
  private Comparator<Candidate> scoreOrder() {
    return Comparator.comparingDouble((Candidate c) -> -c.score)
        .thenComparing(answerQualityOrder());
  }

  /** Best first: an accepted answer, then the question's votes, then the smaller id. */
  private Comparator<Candidate> answerQualityOrder() {
    return Comparator.comparing((Candidate c) -> index.acceptedAnswerId(c.question) < 0)
        .thenComparingInt(c -> -index.questionScore(c.question))
        .thenComparingLong(c -> index.questionId(c.question));
  }

  private Hit hit(int rank, Candidate c) {
    int p = c.pattern;
    int library = index.patternLibrary(p);
    int length = index.patternLength(p);
    String[] files = new String[length];
    String[] functions = new String[length];
    List<String> frames = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      files[i] = index.itemFile(index.patternItem(p, i));
      functions[i] = index.itemFunction(index.patternItem(p, i));
      frames.add(files[i] + ":" + functions[i]);
    }
    String lib = index.library(library);
    SharedPattern shared =
        new SharedPattern(
            PatternIds.of(lib, files, functions),
            lib,
            frames,
            index.patternTraceSupport(p),
            index.patternQuestionSupport(p),
            weight(p));
    long id = index.questionId(c.question);
    long accepted = index.acceptedAnswerId(c.question);
    return new Hit(
        rank,
        id,
        index.questionTitle(c.question),
        "https://stackoverflow.com/q/" + id,
        index.library(index.traceLibrary(c.trace)),
        c.score,
        index.questionScore(c.question),
        accepted < 0 ? null : accepted,
        shared,
        c.typeAgrees,
        c.templateAgrees);
  }
}
