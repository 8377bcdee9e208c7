package io.tracemine.stats;

import io.tracemine.stats.math.WeightedSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Labelling sheets for RQ3 (STUDY.md section 6), without Spark. Both sheets end with the blank
 * columns {@code type}, {@code coder}, {@code notes} that a person fills in; {@link LabelSheets}
 * reads them back by {@code pattern_id}.
 */
public final class Rq3Sheets {
  /** Prefix of an example question URL. */
  public static final String QUESTION_URL = "https://stackoverflow.com/q/";

  private Rq3Sheets() {}

  /**
   * Round 1: every item list shared by at least 3 libraries, one row each; {@code pattern_id} is
   * the smallest id among its libraries' patterns ({@code pattern_ids} lists them all). Example
   * questions: a seeded random choice among the questions of all those patterns. Order: libraries
   * desc, total support desc, pattern_id.
   */
  public static Table round1(
      List<PatternFacts> patterns, List<TraceLink> patternTraces, int examples, long seed) {
    return round1(patterns, fromLinks(patterns, patternTraces, examples, seed));
  }

  /** Round 1 with the example URLs of each sheet row given by {@code examples}. */
  static Table round1(List<PatternFacts> patterns, ExampleUrls examples) {
    Table.Builder t = sheetColumns(new Table.Builder("rq3_round1"));
    List<Sheet> shared = round1Sheets(patterns);
    for (Sheet s : shared) {
      PatternFacts first = s.members().get(0);
      t.row(
          s.id(),
          s.members().stream()
              .map(p -> p.library() + ":" + p.patternId())
              .collect(Collectors.joining(" ")),
          String.join(" ", librariesOf(s.members())),
          (long) librariesOf(s.members()).size(),
          (long) first.length(),
          s.support(),
          first.rendered(),
          examples.urls(s),
          null,
          null,
          null);
    }
    return t.build();
  }

  /**
   * One row of an RQ3 sheet: {@code key} tells the rows apart across both rounds, {@code id} seeds
   * its example draw, its example questions are the distinct questions of its {@code members}.
   */
  record Sheet(String key, String id, List<PatternFacts> members, long support) {}

  /** Example URLs of a sheet row. */
  @FunctionalInterface
  interface ExampleUrls {
    String urls(Sheet sheet);
  }

  /** Round 1's rows in sheet order: libraries desc, total support desc, pattern_id. */
  static List<Sheet> round1Sheets(List<PatternFacts> patterns) {
    Map<List<String>, List<PatternFacts>> groups = new HashMap<>();
    patterns.forEach(p -> groups.computeIfAbsent(p.items(), k -> new ArrayList<>()).add(p));
    List<Sheet> shared = new ArrayList<>();
    for (List<PatternFacts> members : groups.values()) {
      Set<String> libraries =
          members.stream()
              .map(PatternFacts::library)
              .collect(Collectors.toCollection(TreeSet::new));
      if (libraries.size() >= 3) {
        members.sort(
            Comparator.comparing(PatternFacts::library).thenComparing(PatternFacts::patternId));
        String id =
            members.stream()
                .map(PatternFacts::patternId)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        shared.add(
            new Sheet(
                "round1 "
                    + members.stream()
                        .map(p -> p.library() + ":" + p.patternId())
                        .collect(Collectors.joining(" ")),
                id,
                List.copyOf(members),
                members.stream().mapToLong(PatternFacts::support).sum()));
      }
    }
    shared.sort(
        Comparator.comparingInt((Sheet s) -> -librariesOf(s.members()).size())
            .thenComparing(Comparator.comparingLong(Sheet::support).reversed())
            .thenComparing(Sheet::id));
    return shared;
  }

  /** Round 2's rows: library to its drawn patterns, each a one-member sheet, in draw order. */
  static Map<String, List<Sheet>> round2Sheets(
      List<PatternFacts> patterns, int sampleSize, long seed) {
    Map<String, List<Sheet>> out = new TreeMap<>();
    drawByLibrary(patterns, sampleSize, seed)
        .forEach(
            (library, drawn) ->
                out.put(
                    library,
                    drawn.stream()
                        .map(
                            p ->
                                new Sheet(
                                    "round2 " + p.library() + ":" + p.patternId(),
                                    p.patternId(),
                                    List.of(p),
                                    p.support()))
                        .toList()));
    return out;
  }

  /**
   * The driver version: a sheet's example questions are the distinct questions that {@code links}
   * give its members (a member without any link: its {@code example_question_ids}), sorted, then
   * shuffled seeded with (seed, id) and cut to {@code examples}.
   */
  static ExampleUrls fromLinks(
      List<PatternFacts> patterns, List<TraceLink> links, int examples, long seed) {
    Map<String, List<Long>> questions = questionsByPattern(patterns, links);
    return sheet -> {
      Set<Long> qs = new TreeSet<>();
      for (PatternFacts p : sheet.members()) {
        qs.addAll(
            questions.getOrDefault(
                Rq2Tables.key(p.library(), p.patternId()), p.exampleQuestionIds()));
      }
      return exampleUrls(new ArrayList<>(qs), examples, seed, sheet.id());
    };
  }

  /**
   * Round 2: per library n_i = round(S_i n / sum S) (S_i = total support of the library's patterns)
   * patterns drawn with probability proportional to support, without replacement ({@link
   * WeightedSample}, seeded per pattern id, so the draw does not depend on input order). Order:
   * library, draw rank.
   */
  public static Table round2(
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      int sampleSize,
      int examples,
      long seed) {
    return round2(patterns, sampleSize, seed, fromLinks(patterns, patternTraces, examples, seed));
  }

  /** Round 2 with the example URLs of each sheet row given by {@code examples}. */
  static Table round2(
      List<PatternFacts> patterns, int sampleSize, long seed, ExampleUrls examples) {
    Table.Builder t =
        new Table.Builder("rq3_round2")
            .column("library", Table.Type.STRING)
            .column("draw_rank", Table.Type.LONG);
    sheetColumns(t);
    for (var e : round2Sheets(patterns, sampleSize, seed).entrySet()) {
      long rank = 0;
      for (Sheet sheet : e.getValue()) {
        rank++;
        PatternFacts p = sheet.members().get(0);
        t.row(
            e.getKey(),
            rank,
            p.patternId(),
            p.library() + ":" + p.patternId(),
            p.library(),
            1L,
            (long) p.length(),
            p.support(),
            p.rendered(),
            examples.urls(sheet),
            null,
            null,
            null);
      }
    }
    return t.build();
  }

  /** Round 2 sizes: per library total support, patterns, n_i and the number actually drawn. */
  public static Table allocation(List<PatternFacts> patterns, int sampleSize, long seed) {
    Table.Builder t =
        new Table.Builder("rq3_round2_allocation")
            .column("library", Table.Type.STRING)
            .column("total_support", Table.Type.LONG)
            .column("patterns", Table.Type.LONG)
            .column("sample_size", Table.Type.LONG)
            .column("drawn", Table.Type.LONG);
    Map<String, List<PatternFacts>> drawn = drawByLibrary(patterns, sampleSize, seed);
    Map<String, Integer> sizes = WeightedSample.allocate(totals(patterns), sampleSize);
    for (var e : sizes.entrySet()) {
      long support =
          patterns.stream()
              .filter(p -> p.library().equals(e.getKey()))
              .mapToLong(PatternFacts::support)
              .sum();
      long count = patterns.stream().filter(p -> p.library().equals(e.getKey())).count();
      t.row(e.getKey(), support, count, (long) e.getValue(), (long) drawn.get(e.getKey()).size());
    }
    return t.build();
  }

  /** The round-2 draw: library to drawn patterns in draw order. */
  public static Map<String, List<PatternFacts>> drawByLibrary(
      List<PatternFacts> patterns, int sampleSize, long seed) {
    Map<String, Integer> sizes = WeightedSample.allocate(totals(patterns), sampleSize);
    Map<String, List<PatternFacts>> out = new TreeMap<>();
    for (var e : sizes.entrySet()) {
      Map<String, PatternFacts> byId = new HashMap<>();
      Map<String, Double> weights = new HashMap<>();
      for (PatternFacts p : patterns) {
        if (p.library().equals(e.getKey())) {
          byId.put(p.patternId(), p);
          weights.put(p.patternId(), (double) p.support());
        }
      }
      out.put(
          e.getKey(),
          WeightedSample.draw(weights, e.getValue(), seed).stream()
              .map(d -> byId.get(d.id()))
              .toList());
    }
    return out;
  }

  private static Map<String, Double> totals(List<PatternFacts> patterns) {
    Map<String, Double> totals = new TreeMap<>();
    patterns.forEach(p -> totals.merge(p.library(), (double) p.support(), Double::sum));
    return totals;
  }

  private static Table.Builder sheetColumns(Table.Builder t) {
    t.column("pattern_id", Table.Type.STRING)
        .column("pattern_ids", Table.Type.STRING)
        .column("libraries", Table.Type.STRING)
        .column("n_libraries", Table.Type.LONG)
        .column("length", Table.Type.LONG)
        .column("support", Table.Type.LONG)
        .column("pattern", Table.Type.STRING)
        .column("example_urls", Table.Type.STRING)
        .column("type", Table.Type.STRING)
        .column("coder", Table.Type.STRING)
        .column("notes", Table.Type.STRING);
    return t;
  }

  private static Set<String> librariesOf(List<PatternFacts> members) {
    return members.stream()
        .map(PatternFacts::library)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Distinct question ids per (library, pattern_id), ascending. */
  private static Map<String, List<Long>> questionsByPattern(
      List<PatternFacts> patterns, List<TraceLink> links) {
    Map<String, Set<Long>> sets = new HashMap<>();
    for (TraceLink l : Rq2Tables.validLinks(patterns, links)) {
      sets.computeIfAbsent(Rq2Tables.key(l.library(), l.patternId()), k -> new TreeSet<>())
          .add(l.questionId());
    }
    Map<String, List<Long>> out = new HashMap<>();
    sets.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return out;
  }

  /** Up to {@code examples} URLs chosen by a shuffle seeded with (seed, id) of the sorted ids. */
  static String exampleUrls(List<Long> sortedIds, int examples, long seed, String id) {
    List<Long> ids = new ArrayList<>(sortedIds);
    Collections.sort(ids);
    Collections.shuffle(ids, new Random(seed * 31 + id.hashCode()));
    return ids.stream().limit(examples).map(q -> QUESTION_URL + q).collect(Collectors.joining(" "));
  }
}
