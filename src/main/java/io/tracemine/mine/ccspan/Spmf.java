package io.tracemine.mine.ccspan;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Standalone mining of an SPMF sequence database with the same {@link CcSpan} miner.
 *
 * <p><b>Input.</b> One sequence per line, items are non-negative integers. Two forms are accepted:
 * SPMF's {@code 1 -1 5 -1 3 -1 -2} (each itemset must hold exactly one item, since patterns are
 * contiguous item runs; {@code -2} ends the sequence) and the plain {@code 1 5 3} (no {@code -1} at
 * all: every token is an item). Blank lines and lines starting with {@code #}, {@code %} or
 * {@code @} (SPMF metadata) are skipped. Each line is its own question, so the {@code questions}
 * support equals {@code traces}.
 *
 * <p><b>Output.</b> One closed pattern per line, {@code 1 5 #SUP: 3}, ordered by support
 * descending, then by the items' numeric order; the support is the chosen measure's.
 */
public final class Spmf {
  private Spmf() {}

  /**
   * Mines {@code in} and writes the closed contiguous patterns to {@code out} (replaced).
   *
   * @return the number of patterns written
   * @throws MalformedInputException naming the line and token on a bad input line
   */
  public static long mine(Path in, Path out, SupportMeasure support, MinSupport minSupport) {
    List<Sequence> db = read(in);
    CcSpan miner = new CcSpan(support, minSupport.resolve(db.size()), null);
    List<ClosedPattern> patterns =
        mineParallel(miner, db, Runtime.getRuntime().availableProcessors());
    patterns.sort(
        (a, b) -> {
          int c = Long.compare(b.support(support), a.support(support));
          return c != 0 ? c : Arrays.compare(a.items(), b.items());
        });
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (ClosedPattern p : patterns) {
        line.setLength(0);
        for (int it : p.items()) {
          line.append(it).append(' ');
        }
        line.append("#SUP: ").append(p.support(support)).append('\n');
        w.write(line.toString());
      }
    } catch (IOException e) {
      throw new TraceMineException("Cannot write SPMF patterns to " + out, e);
    }
    return patterns.size();
  }

  /** Mines {@code db} in {@code threads} buckets of first items, one thread each. */
  static List<ClosedPattern> mineParallel(CcSpan miner, List<Sequence> db, int threads) {
    if (threads <= 1) {
      return miner.mine(db);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<ClosedPattern>>> parts = new ArrayList<>();
      for (int b = 0; b < threads; b++) {
        int bucket = b;
        parts.add(pool.submit(() -> miner.mine(db, it -> it % threads == bucket)));
      }
      List<ClosedPattern> all = new ArrayList<>();
      for (Future<List<ClosedPattern>> f : parts) {
        all.addAll(f.get());
      }
      return all;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TraceMineException("Cannot mine: interrupted", e);
    } catch (ExecutionException e) {
      throw new TraceMineException("Cannot mine", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads an SPMF sequence database; see the class javadoc for the accepted forms. */
  public static List<Sequence> read(Path in) {
    List<Sequence> db = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("%") || t.startsWith("@")) {
          continue;
        }
        db.add(new Sequence(parseLine(t, in, number), db.size()));
      }
    } catch (IOException e) {
      throw new MalformedInputException("Cannot read SPMF database " + in, e);
    }
    return Collections.unmodifiableList(db);
  }

  private static int[] parseLine(String line, Path in, int number) {
    String[] tokens = line.split("\\s+");
    boolean separated = Arrays.asList(tokens).contains("-1");
    int[] items = new int[tokens.length];
    int n = 0;
    int inItemset = 0;
    for (String tok : tokens) {
      int v;
      try {
        v = Integer.parseInt(tok);
      } catch (NumberFormatException e) {
        throw bad(in, number, "token '" + tok + "' is not an integer");
      }
      if (v == -2) {
        break;
      } else if (v == -1) {
        if (inItemset != 1) {
          throw bad(in, number, "an itemset must hold exactly one item, found " + inItemset);
        }
        inItemset = 0;
      } else if (v < 0) {
        throw bad(in, number, "item " + v + " is negative (only -1 and -2 are separators)");
      } else {
        if (separated && inItemset == 1) {
          throw bad(
              in,
              number,
              "itemset with several items before '"
                  + tok
                  + "' (contiguous patterns need one item"
                  + " per itemset)");
        }
        inItemset++;
        items[n++] = v;
      }
    }
    return Arrays.copyOf(items, n);
  }

  private static MalformedInputException bad(Path in, int line, String why) {
    return new MalformedInputException(
        "Cannot read SPMF database " + in + " line " + line + ": " + why);
  }
}
