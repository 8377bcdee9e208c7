package io.tracemine.mine.ccspan;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
   * Mines {@code in} and writes the closed contiguous patterns to {@code out}, replacing it only
   * once they are all written (through a temporary file beside it).
   *
   * @param maxLength the longest pattern to report, or null for no limit
   * @return the number of patterns written
   * @throws MalformedInputException naming the line and token on a bad input line
   * @throws InvalidConfigException when {@code out} is the input or cannot be written
   */
  public static long mine(
      Path in, Path out, SupportMeasure support, MinSupport minSupport, Integer maxLength) {
    requireOtherFile(in, out);
    List<Sequence> db = read(in);
    DenseItems dense = DenseItems.of(db);
    CcSpan miner = new CcSpan(support, minSupport.resolve(db.size()), maxLength);
    List<ClosedPattern> patterns =
        mineParallel(miner, dense.sequences(), Runtime.getRuntime().availableProcessors());
    // the dense numbering keeps the items' order, so the order of the written items is the same
    patterns.sort(
        (a, b) -> {
          int c = Long.compare(b.support(support), a.support(support));
          return c != 0 ? c : Arrays.compare(a.items(), b.items());
        });
    Path parent = out.toAbsolutePath().getParent();
    Path staged;
    try {
      staged = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot write SPMF patterns to " + out + ": " + describe(e) + " (--spmf-output)");
    }
    try {
      try (BufferedWriter w = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
        StringBuilder line = new StringBuilder();
        for (ClosedPattern p : patterns) {
          line.setLength(0);
          for (int it : p.items()) {
            line.append(dense.original(it)).append(' ');
          }
          line.append("#SUP: ").append(p.support(support)).append('\n');
          w.write(line.toString());
        }
      }
      Files.move(staged, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TraceMineException("Cannot write SPMF patterns to " + out, e);
    } finally {
      try {
        Files.deleteIfExists(staged);
      } catch (IOException e) {
        // the temporary file stays hidden beside the output
      }
    }
    return patterns.size();
  }

  /** Refuses an output that is the input itself (it would be replaced by the patterns). */
  private static void requireOtherFile(Path in, Path out) {
    try {
      if (Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
        throw new InvalidConfigException(
            "Cannot write SPMF patterns to "
                + out
                + ": it is the input database (--spmf); choose another --spmf-output");
      }
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot write SPMF patterns to " + out + ": " + describe(e) + " (--spmf-output)");
    }
    if (Files.isDirectory(out)) {
      throw new InvalidConfigException(
          "Cannot write SPMF patterns to " + out + ": it is a directory (--spmf-output)");
    }
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException
        ? "its directory does not exist"
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /**
   * The database with its items numbered 0, 1, 2, … in their numeric order: the miner's arrays are
   * sized by the largest item, and SPMF files often hold sparse or hashed ids.
   */
  record DenseItems(List<Sequence> sequences, int[] originals) {
    static DenseItems of(List<Sequence> db) {
      int[] all =
          db.stream().flatMapToInt(s -> Arrays.stream(s.items())).distinct().sorted().toArray();
      List<Sequence> renumbered = new ArrayList<>(db.size());
      for (Sequence s : db) {
        int[] items = new int[s.items().length];
        for (int i = 0; i < items.length; i++) {
          items[i] = Arrays.binarySearch(all, s.items()[i]);
        }
        renumbered.add(new Sequence(items, s.questionId()));
      }
      return new DenseItems(Collections.unmodifiableList(renumbered), all);
    }

    int original(int item) {
      return originals[item];
    }
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
    for (int t = 0; t < tokens.length; t++) {
      String tok = tokens[t];
      int v;
      try {
        v = Integer.parseInt(tok);
      } catch (NumberFormatException e) {
        throw bad(in, number, "token '" + tok + "' is not an integer");
      }
      if (v == -2) {
        if (t == tokens.length - 1) {
          break;
        }
        String rest = String.join(" ", Arrays.asList(tokens).subList(t + 1, tokens.length));
        throw bad(
            in,
            number,
            "'"
                + rest
                + "' follows the sequence's end '-2' (one sequence per line: a line break"
                + " missing?)");
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
