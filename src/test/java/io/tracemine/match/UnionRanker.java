package io.tracemine.match;

import io.tracemine.extract.template.MessageTemplates;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Experiment: a trace scores the idf of the union of the frames of all patterns it shares. */
final class UnionRanker implements TraceRanker {
  private final KnowledgeIndex index;
  private final Matcher matcher;
  private final boolean global;

  UnionRanker(KnowledgeIndex index, boolean global) {
    this.index = index;
    this.matcher = new Matcher(index);
    this.global = global;
  }

  @Override
  public String name() {
    return global ? "union-global" : "union-library";
  }

  private double itemIdf(int item, int l) {
    if (!global) {
      return Matcher.idf(index.itemDf(item, l));
    }
    int df = 0;
    for (int x = 0; x < index.libraryCount(); x++) {
      df += index.itemDf(item, x);
    }
    return Matcher.idf(df);
  }

  private double keyWeight(int key, int l) {
    if (key < 0 || index.keyDf(key, l) == 0) {
      return 0;
    }
    if (!global) {
      return Matcher.idf(index.keyDf(key, l));
    }
    int df = 0;
    for (int x = 0; x < index.libraryCount(); x++) {
      df += index.keyDf(key, x);
    }
    return Matcher.idf(df);
  }

  @Override
  public List<Long> rank(List<KnownTrace> query, long excluded, int depth) {
    Map<Integer, Double> best = new HashMap<>();
    for (KnownTrace q : query) {
      var tb = MatcherRanker.traceback(q);
      int[] items = new int[tb.frames().size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = index.itemId(tb.frames().get(i).file(), tb.frames().get(i).function());
      }
      int[] matched = matcher.matchedPatterns(items, 0);
      Map<Integer, BitSet> covered = new HashMap<>();
      for (int p : matched) {
        for (int t : index.postings(p)) {
          BitSet b = covered.computeIfAbsent(t, x -> new BitSet());
          for (int i = 0; i < index.patternLength(p); i++) {
            b.set(index.patternItem(p, i));
          }
        }
      }
      String type = Matcher.simpleType(q.exceptionType());
      String template = MessageTemplates.template(q.message());
      int typeKey = type == null ? -1 : index.keyId(IndexFormat.TYPE_KEY + type);
      int templateKey =
          typeKey < 0 || template == null ? -1 : index.keyId(IndexFormat.TEMPLATE_KEY + template);
      for (var e : covered.entrySet()) {
        int t = e.getKey();
        if (index.questionId(index.traceQuestion(t)) == excluded) {
          continue;
        }
        int l = index.traceLibrary(t);
        double s = e.getValue().stream().mapToDouble(i -> itemIdf(i, l)).sum();
        boolean typeAgrees = typeKey >= 0 && index.traceTypeKey(t) == typeKey;
        if (typeAgrees) {
          s += keyWeight(typeKey, l);
          if (templateKey >= 0 && index.traceTemplateKey(t) == templateKey) {
            s += keyWeight(templateKey, l);
          }
        }
        best.merge(index.traceQuestion(t), s, Math::max);
      }
    }
    List<Map.Entry<Integer, Double>> all = new ArrayList<>(best.entrySet());
    all.sort(
        (a, b) -> {
          int c = Double.compare(b.getValue(), a.getValue());
          if (c != 0) {
            return c;
          }
          int qa = a.getKey();
          int qb = b.getKey();
          c = Boolean.compare(index.acceptedAnswerId(qa) < 0, index.acceptedAnswerId(qb) < 0);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(index.questionScore(qb), index.questionScore(qa));
          return c != 0 ? c : Long.compare(index.questionId(qa), index.questionId(qb));
        });
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < all.size() && i < depth; i++) {
      out.add(index.questionId(all.get(i).getKey()));
    }
    return out;
  }
}
