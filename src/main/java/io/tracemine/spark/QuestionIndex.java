package io.tracemine.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The selected questions as sorted arrays: each question's Id, creation time (microseconds since
 * the epoch, or none) and libraries, about 18 bytes a question where a row of Spark's broadcast
 * join takes several times that. Answers find their question by binary search on the Id. Built from
 * {@link Part}s, each one partition's questions in ascending Id order, merged on the driver.
 */
public final class QuestionIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final long NO_TIME = Long.MIN_VALUE;

  private final long[] ids;
  private final long[][] times;
  private final char[] librarySet;
  private final String[][] librarySets;

  private QuestionIndex(long[] ids, long[][] times, char[] librarySet, String[][] librarySets) {
    this.ids = ids;
    this.times = times;
    this.librarySet = librarySet;
    this.librarySets = librarySets;
  }

  /** The bytes a question takes in an index of {@code times} times: its Id, times and libraries. */
  public static int bytesPerQuestion(int times) {
    return Long.BYTES * (1 + times) + Character.BYTES;
  }

  public int size() {
    return ids.length;
  }

  /** The times each question has. */
  public int times() {
    return times.length;
  }

  /** The position of the question with this Id, or -1 when it is not in the index. */
  public int find(long id) {
    int at = Arrays.binarySearch(ids, id);
    return at >= 0 ? at : -1;
  }

  public long id(int at) {
    return ids[at];
  }

  /** The libraries of the question at {@code at}, in the order they were given. */
  public String[] libraries(int at) {
    return sharedLibraries(at).clone();
  }

  /** {@link #libraries} without the copy, for a caller that only reads it. */
  String[] sharedLibraries(int at) {
    return librarySets[librarySet[at]];
  }

  /**
   * The time {@code column} of the question at {@code at} in microseconds, or null when missing.
   */
  public Long micros(int column, int at) {
    long t = times[column][at];
    return t == NO_TIME ? null : t;
  }

  /**
   * Merges parts of {@code times} times each into one index; an Id in two parts is an error (a
   * stage keeps one row an Id).
   */
  public static QuestionIndex merge(int times, List<Part> parts) {
    int total = 0;
    for (Part p : parts) {
      if (p.times.length != times) {
        throw new IllegalArgumentException(
            "a part of " + p.times.length + " times in an index of " + times);
      }
      total = Math.addExact(total, p.size);
    }
    long[] ids = new long[total];
    long[][] merged = new long[times][total];
    char[] librarySet = new char[total];
    LibrarySets sets = new LibrarySets();
    char[][] remap = new char[parts.size()][];
    for (int p = 0; p < parts.size(); p++) {
      List<String[]> local = parts.get(p).numbered.sets;
      remap[p] = new char[local.size()];
      for (int s = 0; s < local.size(); s++) {
        remap[p][s] = sets.numberOf(local.get(s));
      }
    }
    PriorityQueue<int[]> heads =
        new PriorityQueue<>(
            Math.max(1, parts.size()),
            (a, b) -> Long.compare(parts.get(a[0]).ids[a[1]], parts.get(b[0]).ids[b[1]]));
    for (int p = 0; p < parts.size(); p++) {
      if (parts.get(p).size > 0) {
        heads.add(new int[] {p, 0});
      }
    }
    int n = 0;
    while (!heads.isEmpty()) {
      int[] head = heads.poll();
      Part part = parts.get(head[0]);
      int at = head[1];
      if (n > 0 && ids[n - 1] == part.ids[at]) {
        throw new IllegalArgumentException("question Id " + part.ids[at] + " is in two parts");
      }
      ids[n] = part.ids[at];
      for (int t = 0; t < times; t++) {
        merged[t][n] = part.times[t][at];
      }
      librarySet[n] = remap[head[0]][part.librarySet[at]];
      n++;
      if (at + 1 < part.size) {
        head[1] = at + 1;
        heads.add(head);
      }
    }
    return new QuestionIndex(ids, merged, librarySet, sets.toArray());
  }

  /** One partition's questions, added in ascending Id order. */
  public static final class Part implements Serializable {
    private static final long serialVersionUID = 1L;

    private long[] ids = new long[1024];
    private long[][] times;
    private char[] librarySet = new char[1024];
    private final LibrarySets numbered = new LibrarySets();
    private int size;

    /** A part whose questions have {@code times} times each. */
    public Part(int times) {
      this.times = new long[times][1024];
    }

    /**
     * Adds a question; its Id must be greater than the last one added.
     *
     * @param micros its times in microseconds since the epoch, each null when missing
     */
    public void add(long id, List<String> libraries, Long... micros) {
      if (micros.length != times.length) {
        throw new IllegalArgumentException(micros.length + " times for a part of " + times.length);
      }
      if (size > 0 && id <= ids[size - 1]) {
        throw new IllegalArgumentException(
            "question Ids out of order: " + id + " after " + ids[size - 1]);
      }
      if (size == ids.length) {
        int grown = Math.max(16, Math.addExact(size, size >> 1));
        ids = Arrays.copyOf(ids, grown);
        for (int t = 0; t < times.length; t++) {
          times[t] = Arrays.copyOf(times[t], grown);
        }
        librarySet = Arrays.copyOf(librarySet, grown);
      }
      char number = numbered.numberOf(libraries.toArray(String[]::new));
      ids[size] = id;
      for (int t = 0; t < times.length; t++) {
        times[t][size] = micros[t] == null ? NO_TIME : micros[t];
      }
      librarySet[size] = number;
      size++;
    }

    public int size() {
      return size;
    }

    /** The part as it is sent to the driver: its arrays cut to its size. */
    public Part trimmed() {
      ids = Arrays.copyOf(ids, size);
      for (int t = 0; t < times.length; t++) {
        times[t] = Arrays.copyOf(times[t], size);
      }
      librarySet = Arrays.copyOf(librarySet, size);
      return this;
    }
  }

  /**
   * Numbers distinct library lists in the order they are first seen. Only the lists travel with a
   * {@link Part}; their numbers are rebuilt from them when a deserialized part numbers more.
   */
  private static final class LibrarySets implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient Map<List<String>, Character> numbers;
    private final List<String[]> sets = new ArrayList<>();

    char numberOf(String[] libraries) {
      if (numbers == null) {
        numbers = new HashMap<>();
        for (int s = 0; s < sets.size(); s++) {
          numbers.put(Arrays.asList(sets.get(s)), (char) s);
        }
      }
      Character known = numbers.get(Arrays.asList(libraries));
      if (known != null) {
        return known;
      }
      if (sets.size() > Character.MAX_VALUE) {
        throw new IllegalStateException(
            "more than " + (Character.MAX_VALUE + 1) + " distinct library sets");
      }
      char number = (char) sets.size();
      String[] copy = libraries.clone();
      numbers.put(Arrays.asList(copy), number);
      sets.add(copy);
      return number;
    }

    String[][] toArray() {
      return sets.toArray(String[][]::new);
    }
  }
}
