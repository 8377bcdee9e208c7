package io.tracemine.match;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import io.tracemine.mine.PatternIds;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The part of a match index that the report's "paste your traceback" box needs to answer like
 * {@link Matcher}, as compact JSON (docs/MATCH.md, "The knowledge slice"): the frame items, the
 * per-library idf of the patterns' frames, the exception keys' weights, the patterns (in index
 * order, so ties break the same way) with their postings, the traces and questions they name.
 *
 * <p>At most {@code maxPatterns} patterns and {@code maxPostings} pattern-trace postings are
 * included ({@link #selectPatterns}): when the index has more, the most specific patterns are taken
 * first (fewest postings, then highest question support, then index order). A large run's generic
 * patterns hold most of its traces and weigh least: two patterns of a 1M-trace run hold 50,000
 * traces, as many as 10,000 specific ones. The JSON is safe inside a {@code <script
 * type="application/json">} element: {@code <}, {@code >}, {@code &} and the line separators
 * U+2028/U+2029 are written as {@code \}{@code uXXXX} escapes.
 */
public final class KnowledgeSlice {
  public static final String FORMAT = "tracemine-knowledge-slice";
  public static final int VERSION = 2;

  /** Patterns included at most unless configured ({@code report.search-patterns}). */
  public static final int DEFAULT_MAX_PATTERNS = 10_000;

  /** Pattern-trace postings included at most unless configured ({@code report.search-postings}). */
  public static final int DEFAULT_MAX_POSTINGS = 50_000;

  public static final String SELECTION_RULE =
      "the most specific patterns: fewest traces first," + " then most questions";

  /**
   * What a slice holds.
   *
   * @param json the slice
   * @param patternsTotal patterns in the index
   * @param patternsIncluded patterns in the slice
   */
  public record Slice(
      String json, int patternsTotal, int patternsIncluded, int traces, int questions) {
    public boolean complete() {
      return patternsIncluded == patternsTotal;
    }
  }

  private KnowledgeSlice() {}

  /** The slice of {@code index} with the default budgets. */
  public static Slice of(KnowledgeIndex index) {
    return of(index, DEFAULT_MAX_PATTERNS, DEFAULT_MAX_POSTINGS);
  }

  /**
   * The slice of {@code index} holding at most {@code maxPatterns} patterns and {@code maxPostings}
   * postings.
   *
   * @param maxPatterns at least 1
   * @param maxPostings at least 1
   */
  public static Slice of(KnowledgeIndex index, int maxPatterns, int maxPostings) {
    if (maxPatterns < 1 || maxPostings < 1) {
      throw new IllegalArgumentException(
          "Cannot build a knowledge slice: maxPatterns is "
              + maxPatterns
              + " and maxPostings "
              + maxPostings
              + " but both must be >= 1");
    }
    int[] patterns = selectPatterns(index, maxPatterns, maxPostings);
    boolean complete = patterns.length == index.patternCount();
    int libraries = index.libraryCount();

    // traces named by the included postings, renumbered in index order (postings stay ascending)
    BitSet traceUsed = new BitSet(index.traceCount());
    int[][] postings = new int[patterns.length][];
    for (int i = 0; i < patterns.length; i++) {
      postings[i] = index.postings(patterns[i]);
      for (int t : postings[i]) {
        traceUsed.set(t);
      }
    }
    int[] traceOrdinal = renumber(traceUsed, index.traceCount());
    BitSet questionUsed = new BitSet(index.questionCount());
    BitSet keyUsed = new BitSet(index.keyCount());
    traceUsed.stream()
        .forEach(
            t -> {
              questionUsed.set(index.traceQuestion(t));
              if (index.traceTypeKey(t) >= 0) {
                keyUsed.set(index.traceTypeKey(t));
              }
              if (index.traceTemplateKey(t) >= 0) {
                keyUsed.set(index.traceTemplateKey(t));
              }
            });
    int[] questionOrdinal = renumber(questionUsed, index.questionCount());

    // items: all of the index when every pattern is in, else those of the included patterns
    BitSet itemUsed = new BitSet(index.itemCount());
    List<Map<Integer, Double>> idf = new ArrayList<>();
    for (int l = 0; l < libraries; l++) {
      idf.add(new java.util.TreeMap<>());
    }
    for (int p : patterns) {
      int l = index.patternLibrary(p);
      for (int i = 0; i < index.patternLength(p); i++) {
        int item = index.patternItem(p, i);
        itemUsed.set(item);
        idf.get(l).put(item, Matcher.idf(index.itemDf(item, l)));
      }
    }
    if (complete) {
      itemUsed.set(0, index.itemCount());
    }
    int[] itemOrdinal = renumber(itemUsed, index.itemCount());

    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.setCharacterEscapes(new ScriptSafeEscapes());
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeStringField("profile", index.profile());
      g.writeNumberField("max_frame_repeats", Math.max(0, index.maxFrameRepeats()));
      g.writeNumberField("reference", Matcher.REFERENCE);
      g.writeNumberField("max_windows", Matcher.MAX_WINDOWS);
      g.writeNumberField("near_best", Matcher.NEAR_BEST);
      g.writeNumberField("max_pattern_length", maxLength(index, patterns));
      g.writeNumberField("patterns_total", index.patternCount());
      g.writeNumberField("patterns_included", patterns.length);
      g.writeNumberField("traces_total", index.traceCount());
      g.writeStringField("selection", complete ? "all" : SELECTION_RULE);
      g.writeArrayFieldStart("libraries");
      for (int l = 0; l < libraries; l++) {
        g.writeString(index.library(l));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("items");
      for (int item = itemUsed.nextSetBit(0); item >= 0; item = itemUsed.nextSetBit(item + 1)) {
        g.writeStartArray();
        g.writeString(index.itemFile(item));
        g.writeString(index.itemFunction(item));
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("idf");
      for (int l = 0; l < libraries; l++) {
        g.writeStartArray();
        for (var e : idf.get(l).entrySet()) {
          g.writeNumber(itemOrdinal[e.getKey()]);
          g.writeNumber(e.getValue());
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      int[] keyOrdinal = writeKeys(g, index, keyUsed);
      g.writeArrayFieldStart("questions");
      for (int q = questionUsed.nextSetBit(0); q >= 0; q = questionUsed.nextSetBit(q + 1)) {
        g.writeStartArray();
        // ids as strings: JavaScript reads a JSON number above 2^53 rounded to another id
        g.writeString(Long.toString(index.questionId(q)));
        g.writeString(index.questionTitle(q));
        g.writeNumber(index.questionScore(q));
        long accepted = index.acceptedAnswerId(q);
        if (accepted < 0) {
          g.writeNull();
        } else {
          g.writeString(Long.toString(accepted));
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("traces");
      for (int t = traceUsed.nextSetBit(0); t >= 0; t = traceUsed.nextSetBit(t + 1)) {
        g.writeStartArray();
        g.writeNumber(questionOrdinal[index.traceQuestion(t)]);
        g.writeNumber(index.traceLibrary(t));
        g.writeNumber(index.traceTypeKey(t) < 0 ? -1 : keyOrdinal[index.traceTypeKey(t)]);
        g.writeNumber(index.traceTemplateKey(t) < 0 ? -1 : keyOrdinal[index.traceTemplateKey(t)]);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("patterns");
      for (int i = 0; i < patterns.length; i++) {
        writePattern(g, index, patterns[i], postings[i], itemOrdinal, traceOrdinal);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the knowledge slice: " + e.getMessage(), e);
    }
    return new Slice(
        out.toString(),
        index.patternCount(),
        patterns.length,
        traceUsed.cardinality(),
        questionUsed.cardinality());
  }

  /**
   * Pattern ordinals of the slice, ascending (index order): all when they fit both budgets, else by
   * ascending postings, then descending question support, then index order, while they fit in the
   * postings budget, until {@code maxPatterns} are taken.
   */
  static int[] selectPatterns(KnowledgeIndex index, int maxPatterns, int maxPostings) {
    int count = index.patternCount();
    long postings = 0;
    for (int p = 0; p < count; p++) {
      postings += index.postingCount(p);
    }
    if (count <= maxPatterns && postings <= maxPostings) {
      return IntStream.range(0, count).toArray();
    }
    Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.comparingInt(index::postingCount)
            .thenComparingInt(p -> -index.patternQuestionSupport(p))
            .thenComparingInt(p -> p));
    int[] chosen = new int[Math.min(count, maxPatterns)];
    int taken = 0;
    long budget = maxPostings;
    for (int i = 0; i < count && taken < chosen.length; i++) {
      int p = order[i];
      if (index.postingCount(p) > budget) {
        break;
      }
      budget -= index.postingCount(p);
      chosen[taken++] = p;
    }
    int[] out = Arrays.copyOf(chosen, taken);
    Arrays.sort(out);
    return out;
  }

  private static int maxLength(KnowledgeIndex index, int[] patterns) {
    int max = 0;
    for (int p : patterns) {
      max = Math.max(max, index.patternLength(p));
    }
    return max;
  }

  /** Old ordinal → new ordinal (dense, order kept) for the set bits; -1 elsewhere. */
  private static int[] renumber(BitSet used, int size) {
    int[] out = new int[size];
    Arrays.fill(out, -1);
    int next = 0;
    for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
      out[i] = next++;
    }
    return out;
  }

  /**
   * {@code "types"} and {@code "templates"}: [text, [weight per library]] each, the weight being
   * {@link Matcher}'s key weight (0 when no trace of the library has the key). Returns the key
   * ordinals: a type's index in "types", a template's in "templates".
   */
  private static int[] writeKeys(JsonGenerator g, KnowledgeIndex index, BitSet used)
      throws IOException {
    int[] ordinal = new int[index.keyCount()];
    Arrays.fill(ordinal, -1);
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    byKind.put(IndexFormat.TYPE_KEY, new ArrayList<>());
    byKind.put(IndexFormat.TEMPLATE_KEY, new ArrayList<>());
    for (int k = used.nextSetBit(0); k >= 0; k = used.nextSetBit(k + 1)) {
      String key = index.keyText(k);
      byKind.get(key.substring(0, 2)).add(k);
    }
    for (var kind : byKind.entrySet()) {
      g.writeArrayFieldStart(kind.getKey().equals(IndexFormat.TYPE_KEY) ? "types" : "templates");
      int next = 0;
      for (int k : kind.getValue()) {
        ordinal[k] = next++;
        g.writeStartArray();
        g.writeString(index.keyText(k).substring(2));
        g.writeStartArray();
        for (int l = 0; l < index.libraryCount(); l++) {
          int df = index.keyDf(k, l);
          g.writeNumber(df == 0 ? 0 : Matcher.idf(df));
        }
        g.writeEndArray();
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    return ordinal;
  }

  /** [pattern_id, library, [items], trace support, question support, [trace gaps]]. */
  private static void writePattern(
      JsonGenerator g,
      KnowledgeIndex index,
      int p,
      int[] postings,
      int[] itemOrdinal,
      int[] traceOrdinal)
      throws IOException {
    int length = index.patternLength(p);
    String[] files = new String[length];
    String[] functions = new String[length];
    for (int i = 0; i < length; i++) {
      files[i] = index.itemFile(index.patternItem(p, i));
      functions[i] = index.itemFunction(index.patternItem(p, i));
    }
    String library = index.library(index.patternLibrary(p));
    g.writeStartArray();
    g.writeString(PatternIds.of(library, files, functions));
    g.writeNumber(index.patternLibrary(p));
    g.writeStartArray();
    for (int i = 0; i < length; i++) {
      g.writeNumber(itemOrdinal[index.patternItem(p, i)]);
    }
    g.writeEndArray();
    g.writeNumber(index.patternTraceSupport(p));
    g.writeNumber(index.patternQuestionSupport(p));
    g.writeStartArray();
    int previous = -1;
    for (int t : postings) {
      int ordinal = traceOrdinal[t];
      g.writeNumber(ordinal - previous);
      previous = ordinal;
    }
    g.writeEndArray();
    g.writeEndArray();
  }

  /** Escapes what could end or confuse an HTML script element. */
  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes = standardAsciiEscapesForJSON();

    ScriptSafeEscapes() {
      escapes['<'] = ESCAPE_STANDARD;
      escapes['>'] = ESCAPE_STANDARD;
      escapes['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 || ch == 0x2029
          ? new SerializedString(String.format("\\u%04x", ch))
          : null;
    }
  }
}
