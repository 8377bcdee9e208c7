package io.tracemine.mine;

import io.tracemine.bench.SyntheticTraces;
import io.tracemine.match.IndexBuilder;
import io.tracemine.match.IndexSummary;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.match.TraceAnswer;
import io.tracemine.match.TraceQuery;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a match index from {@code n} {@link SyntheticTraces} (mined with the pure CC-Span, traces
 * support, minsup 2, as the mine stage would), prints its build time and size, writes query
 * tracebacks {@code query-<i>.txt} beside it and times in-JVM answers. The single-trace latency
 * with JVM start is measured from the shell (docs/PERFORMANCE.md, "match").
 *
 * <pre>java -Xmx6g -cp ... io.tracemine.mine.MatchIndexBenchmark 1000000 /tmp/kb</pre>
 */
public final class MatchIndexBenchmark {
  private MatchIndexBenchmark() {}

  static String file(int item) {
    return "m" + item;
  }

  static String function(int item) {
    return "f" + item;
  }

  /** A Python traceback whose frames are {@code items}. */
  static String traceback(int[] items) {
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (int item : items) {
      b.append("  File \"/usr/lib/python3/site-packages/lib/")
          .append(file(item))
          .append(".py\", line 10, in ")
          .append(function(item))
          .append("\n    call()\n");
    }
    return b.append("ValueError: synthetic failure 3\n").toString();
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    SyntheticTraces synthetic = new SyntheticTraces(20201231L, false);
    long t0 = System.nanoTime();
    List<String> libraries = new ArrayList<>();
    List<List<Sequence>> dbs = new ArrayList<>();
    List<int[]> ordinals = new ArrayList<>();
    try (IndexBuilder builder = new IndexBuilder("default")) {
      int[] ordinalOf = new int[n];
      List<List<Integer>> traceOfLib = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long q = SyntheticTraces.question(i);
        if (i % 2 == 0) {
          builder.addQuestion(
              q,
              "Synthetic question " + q + " about a ValueError",
              (int) (q % 7),
              q % 3 == 0 ? null : q + 1_000_000_000L);
        }
        String library = SyntheticTraces.library(i);
        int l = libraries.indexOf(library);
        if (l < 0) {
          libraries.add(library);
          dbs.add(new ArrayList<>());
          traceOfLib.add(new ArrayList<>());
          l = libraries.size() - 1;
        }
        int[] items = synthetic.sequence(i);
        dbs.get(l).add(new Sequence(items, q));
        traceOfLib.get(l).add(i);
        ordinalOf[i] = i;
        builder.addTrace(
            "t" + i,
            q,
            library,
            "ValueError",
            "synthetic failure <NUM>",
            Arrays.stream(items).mapToObj(MatchIndexBenchmark::file).toList(),
            Arrays.stream(items).mapToObj(MatchIndexBenchmark::function).toList());
      }
      for (List<Integer> t : traceOfLib) {
        ordinals.add(t.stream().mapToInt(Integer::intValue).toArray());
      }
      long t1 = System.nanoTime();
      long[] patterns = {0, 0};
      for (int l = 0; l < libraries.size(); l++) {
        String library = libraries.get(l);
        int[] traceOrdinal = ordinals.get(l);
        new CcSpan(SupportMeasure.TRACES, 2, null)
            .mine(
                dbs.get(l),
                item -> true,
                p -> {
                  int[] traces = new int[p.sequences().length];
                  for (int s = 0; s < traces.length; s++) {
                    traces[s] = traceOrdinal[p.sequences()[s]];
                  }
                  builder.addPattern(
                      library,
                      Arrays.stream(p.items())
                          .mapToObj(MatchIndexBenchmark::file)
                          .toArray(String[]::new),
                      Arrays.stream(p.items())
                          .mapToObj(MatchIndexBenchmark::function)
                          .toArray(String[]::new),
                      p.traceSupport(),
                      p.questionSupport(),
                      traces);
                  patterns[0]++;
                  patterns[1] += traces.length;
                });
      }
      long t2 = System.nanoTime();
      Path file = KnowledgeIndex.fileOf(dir);
      IndexSummary s = builder.write(file);
      long t3 = System.nanoTime();
      System.out.printf(
          "traces=%,d questions=%,d patterns=%,d pattern-trace pairs=%,d%n",
          s.traces(), s.questions(), s.patterns(), patterns[1]);
      System.out.printf(
          "add traces %.1f s, mine + add patterns %.1f s, write %.1f s%n",
          (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
      System.out.printf("index size %,d bytes (%.1f MiB)%n", s.bytes(), s.bytes() / 1048576.0);
    }
    KnowledgeIndex index = KnowledgeIndex.open(KnowledgeIndex.fileOf(dir));
    for (int q = 0; q < 5; q++) {
      int i = 7919 * q + 11;
      String text = traceback(synthetic.sequence(i));
      Files.writeString(dir.resolve("query-" + q + ".txt"), text);
      long a = System.nanoTime();
      List<TraceAnswer> answers = TraceQuery.answer(index, text, 5);
      long b = System.nanoTime();
      TraceAnswer first = answers.get(0);
      System.out.printf(
          "query %d (trace t%d of question %d, %d frames): %.1f ms in-JVM,"
              + " %d patterns matched, top hit %s%n",
          q,
          i,
          SyntheticTraces.question(i),
          first.frames(),
          (b - a) / 1e6,
          first.matchedPatterns(),
          first.hits().isEmpty() ? "none" : first.hits().get(0).questionId());
    }
  }
}
