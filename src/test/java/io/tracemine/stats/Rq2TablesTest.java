package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Rq2TablesTest {
  private static final double EPS = 1e-9;

  @Test
  void coverageCountsQuestionsAndInstancesPerLibraryAndOverall() {
    Table t =
        Rq2Tables.coverage(
            StatsFixtures.patterns(),
            StatsFixtures.patternTraces(),
            StatsFixtures.traces(),
            StatsFixtures.minsup1());
    assertThat(t.rows())
        .extracting(r -> r[0])
        .containsExactly("keras", "nltk", "tensorflow", "all");
    assertThat(t.rows().get(0))
        .containsExactly("keras", 3L, 2L, 200.0 / 3, 4L, 3L, 75.0, 2L, 4L, 50.0);
    assertThat(t.rows().get(1))
        .containsExactly("nltk", 2L, 2L, 100.0, 2L, 2L, 100.0, 2L, 2L, 100.0);
    assertThat(t.rows().get(2))
        .containsExactly("tensorflow", 5L, 4L, 80.0, 5L, 4L, 80.0, 3L, 6L, 50.0);
    assertThat(t.rows().get(3))
        .containsExactly("all", 10L, 8L, 80.0, 11L, 9L, 900.0 / 11, 7L, 12L, 700.0 / 12);
  }

  @Test
  void coverageWithoutMinsup1HasNullPaperColumn() {
    Table t =
        Rq2Tables.coverage(
            StatsFixtures.patterns(), StatsFixtures.patternTraces(), StatsFixtures.traces(), null);
    assertThat(t.value(0, "patterns_minsup1")).isNull();
    assertThat(t.value(0, "paper_covered_st_pct")).isNull();
  }

  @Test
  void sharedCountsExactLibraryCounts() {
    Table t = Rq2Tables.shared(StatsFixtures.patterns());
    assertThat(t.rows()).containsExactly(new Object[] {2L, 1L}, new Object[] {3L, 1L});
  }

  @Test
  void libraryPairsCountExactlyTwoAndBoth() {
    Table t = Rq2Tables.libraryPairs(StatsFixtures.patterns());
    assertThat(t.rows())
        .containsExactly(
            new Object[] {"keras", "nltk", 0L, 1L},
            new Object[] {"keras", "tensorflow", 1L, 2L},
            new Object[] {"nltk", "tensorflow", 0L, 1L});
  }

  @Test
  void topKBreaksSupportTiesOnPatternId() {
    Table t =
        Rq2Tables.topKCoverage(
            StatsFixtures.patterns(), StatsFixtures.patternTraces(), StatsFixtures.traces());
    List<Object[]> tf = t.rows().stream().filter(r -> r[0].equals("tensorflow")).toList();
    assertThat(tf).extracting(r -> r[2]).containsExactly("T-B", "T-A", "T-C");
    assertThat(tf).extracting(r -> r[5]).containsExactly(4L, 4L, 4L);
    assertThat((Double) tf.get(0)[6]).isCloseTo(80.0, within(EPS));
    assertThat((Double) tf.get(1)[4]).isCloseTo(200.0 / 3, within(EPS));
    List<Object[]> keras = t.rows().stream().filter(r -> r[0].equals("keras")).toList();
    assertThat(keras).extracting(r -> r[2]).containsExactly("K-A", "K-B");
    assertThat((Double) keras.get(1)[6]).isCloseTo(200.0 / 3, within(EPS));
  }

  @Test
  void distributionsAreCumulative() {
    Table s = Rq2Tables.supportDistribution(StatsFixtures.minsup1());
    List<Object[]> keras = s.rows().stream().filter(r -> r[0].equals("keras")).toList();
    assertThat(keras)
        .containsExactly(
            new Object[] {"keras", 1L, 1L, 2L, 2L, 50.0},
            new Object[] {"keras", 1L, 2L, 1L, 3L, 75.0},
            new Object[] {"keras", 1L, 3L, 1L, 4L, 100.0});
    Table l = Rq2Tables.lengthDistribution(StatsFixtures.patterns());
    List<Object[]> tf = l.rows().stream().filter(r -> r[0].equals("tensorflow")).toList();
    assertThat(tf).extracting(r -> r[2]).containsExactly(1L, 2L, 3L);
    assertThat(tf).extracting(r -> r[4]).containsExactly(1L, 2L, 3L);
    assertThat((Double) tf.get(2)[5]).isEqualTo(100.0);
  }

  /** Oracle: brute force over all item lists and library subsets, on random small pattern sets. */
  @Property(tries = 100)
  void sharedMatchesBruteForceAndIgnoresOrder(@ForAll @IntRange(min = 0, max = 100_000) int seed) {
    Random random = new Random(seed);
    List<String> libraries = List.of("l1", "l2", "l3", "l4");
    List<PatternFacts> patterns = new ArrayList<>();
    int id = 0;
    for (String lib : libraries) {
      for (int item = 0; item < 6; item++) {
        if (random.nextBoolean()) {
          patterns.add(new PatternFacts(lib, "p" + id++, List.of("f:" + item), 1, 2, 2, List.of()));
        }
      }
    }
    List<PatternFacts> shuffled = new ArrayList<>(patterns);
    Collections.shuffle(shuffled, random);
    Table t = Rq2Tables.shared(patterns);
    assertThat(Rq2Tables.shared(shuffled).rows())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(t.rows());
    long present = patterns.stream().map(PatternFacts::library).distinct().count();
    for (Object[] row : t.rows()) {
      long k = (Long) row[0];
      long expected = 0;
      for (int item = 0; item < 6; item++) {
        String it = "f:" + item;
        long libs =
            patterns.stream()
                .filter(p -> p.items().get(0).equals(it))
                .map(PatternFacts::library)
                .distinct()
                .count();
        if (libs == k) {
          expected++;
        }
      }
      assertThat(row[1]).as("k=" + k).isEqualTo(expected);
    }
    assertThat(t.rows()).hasSize((int) Math.max(0, present - 1));
  }

  /**
   * Oracle: Fig. 6 from the first-covering ranks (what Spark aggregates) equals Fig. 6 from the
   * covered question sets, cell for cell, on random patterns (tied supports), links and traces.
   */
  @Property(tries = 100)
  void topKFromFirstCoveringRanksEqualsTheSetUnion(
      @ForAll @IntRange(min = 0, max = 100_000) int seed) {
    Random random = new Random(seed);
    List<PatternFacts> patterns = new ArrayList<>();
    List<TraceLink> links = new ArrayList<>();
    List<TraceLink> traces = new ArrayList<>();
    for (String lib : List.of("a", "b", "c")) {
      int questions = random.nextInt(12);
      for (int q = 0; q < questions; q++) {
        traces.add(new TraceLink(lib, null, lib + "t" + q, q));
      }
      int count = random.nextInt(7);
      for (int i = 0; i < count; i++) {
        String id = Integer.toHexString(random.nextInt(1 << 16));
        patterns.add(
            new PatternFacts(lib, id, List.of("f:" + i), 1, random.nextInt(4), 1, List.of()));
        for (int q = 0; q < questions; q++) {
          if (random.nextInt(3) == 0) {
            links.add(new TraceLink(lib, id, lib + "t" + q, q));
          }
        }
      }
      links.add(new TraceLink(lib, "absent", lib + "t0", 0));
    }
    Map<String, Map<Long, Long>> firstCovered = new HashMap<>();
    Map<String, Long> withInstance = new HashMap<>();
    for (var e : Rq2Tables.rankedByLibrary(patterns).entrySet()) {
      Map<Long, Long> firstRank = new HashMap<>();
      List<PatternFacts> ranked = e.getValue();
      for (int k = 0; k < ranked.size(); k++) {
        String id = ranked.get(k).patternId();
        long rank = k + 1;
        links.stream()
            .filter(l -> l.library().equals(e.getKey()) && l.patternId().equals(id))
            .forEach(l -> firstRank.merge(l.questionId(), rank, Math::min));
      }
      Map<Long, Long> counts = new HashMap<>();
      firstRank.values().forEach(k -> counts.merge(k, 1L, Long::sum));
      firstCovered.put(e.getKey(), counts);
    }
    traces.stream()
        .collect(Collectors.groupingBy(TraceLink::library, Collectors.toSet()))
        .forEach(
            (lib, set) ->
                withInstance.put(lib, set.stream().map(TraceLink::questionId).distinct().count()));
    Table expected = Rq2Tables.topKCoverage(patterns, links, traces);
    Table actual = Rq2Tables.topKCoverage(patterns, firstCovered, withInstance);
    assertThat(actual.columns()).isEqualTo(expected.columns());
    assertThat(actual.rows()).hasSize(patterns.size());
    assertThat(actual.rows())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(expected.rows());
  }

  @Test
  void round1ListsPatternsSharedByThreeLibrariesWithExamples() {
    Table t = Rq3Sheets.round1(StatsFixtures.patterns(), StatsFixtures.patternTraces(), 5, 42);
    assertThat(t.rows()).hasSize(1);
    assertThat(t.value(0, "pattern_id")).isEqualTo("K-A");
    assertThat(t.value(0, "pattern_ids")).isEqualTo("keras:K-A nltk:N-A tensorflow:T-A");
    assertThat(t.value(0, "libraries")).isEqualTo("keras nltk tensorflow");
    assertThat(t.value(0, "n_libraries")).isEqualTo(3L);
    assertThat(t.value(0, "support")).isEqualTo(7L);
    assertThat(t.value(0, "pattern")).isEqualTo("a:f > b:g");
    List<String> urls = Arrays.asList(((String) t.value(0, "example_urls")).split(" "));
    assertThat(urls).hasSize(5).doesNotHaveDuplicates();
    assertThat(urls)
        .allMatch(
            u ->
                List.of(1L, 2L, 31L, 32L, 100L, 101L).stream()
                    .map(q -> Rq3Sheets.QUESTION_URL + q)
                    .toList()
                    .contains(u));
    assertThat(t.value(0, "type")).isNull();
    assertThat(
            Rq3Sheets.round1(StatsFixtures.patterns(), StatsFixtures.patternTraces(), 5, 42)
                .value(0, "example_urls"))
        .isEqualTo(t.value(0, "example_urls"));
  }

  @Test
  void round2AllocatesBySupportAndIsDeterministic() {
    // totals: keras 5, nltk 4, tensorflow 8 (sum 17); n = 4 -> round(20/17) = 1, round(16/17) = 1,
    // round(32/17) = 2
    Table alloc = Rq3Sheets.allocation(StatsFixtures.patterns(), 4, 42);
    assertThat(alloc.rows())
        .containsExactly(
            new Object[] {"keras", 5L, 2L, 1L, 1L},
            new Object[] {"nltk", 4L, 2L, 1L, 1L},
            new Object[] {"tensorflow", 8L, 3L, 2L, 2L});
    Table a = Rq3Sheets.round2(StatsFixtures.patterns(), StatsFixtures.patternTraces(), 4, 5, 42);
    List<PatternFacts> reversed = new ArrayList<>(StatsFixtures.patterns());
    Collections.reverse(reversed);
    Table b = Rq3Sheets.round2(reversed, StatsFixtures.patternTraces(), 4, 5, 42);
    assertThat(a.rows()).hasSize(4);
    assertThat(b.rows())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(a.rows());
    assertThat(a.rows().stream().map(r -> (String) r[0]).collect(Collectors.toList()))
        .containsExactly("keras", "nltk", "tensorflow", "tensorflow");
  }
}
