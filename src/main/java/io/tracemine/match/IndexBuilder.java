package io.tracemine.match;

import io.tracemine.MalformedInputException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Builds a match index file (format: {@link IndexFormat}) from a run's questions, traces and
 * patterns. Call order: {@link #addQuestion} and {@link #addTrace} for everything, then {@link
 * #addPattern} for every pattern (a pattern names its traces, which must have been added), then
 * {@link #write}. Postings go to a temporary file while patterns arrive, so memory holds the
 * traces, the questions and the patterns' items, not the (much larger) pattern-trace pairs.
 */
public final class IndexBuilder implements AutoCloseable {
  private String profile;
  private final Map<String, Integer> libraryIds = new HashMap<>();
  private final List<String> libraries = new ArrayList<>();
  private final List<IntList> itemDf = new ArrayList<>();
  private final List<IntList> keyDf = new ArrayList<>();
  private final IntList libraryTraces = new IntList();

  private final Map<Long, Question> questions = new HashMap<>();

  private final Map<String, Integer> itemIds = new HashMap<>();
  private final List<String> itemFiles = new ArrayList<>();
  private final List<String> itemFunctions = new ArrayList<>();
  private int[] finalItemId;

  private final Map<String, Integer> keyIds = new HashMap<>();
  private final List<String> keys = new ArrayList<>();

  private final Map<String, Integer> traceIds = new HashMap<>();
  private final LongList traceQuestion = new LongList();
  private final IntList traceLibrary = new IntList();
  private final IntList traceType = new IntList();
  private final IntList traceTemplate = new IntList();

  private final IntList patternLibrary = new IntList();
  private final IntList patternStart = new IntList();
  private final IntList patternLength = new IntList();
  private final IntList patternTraceSupport = new IntList();
  private final IntList patternQuestionSupport = new IntList();
  private final LongList patternPostings = new LongList();
  private final IntList patternPostingCount = new IntList();
  private final LongList patternHash = new LongList();
  private final IntList patternItems = new IntList();
  private int maxLength;
  private int maxFrameRepeats = KnowledgeIndex.REPEATS_UNKNOWN;

  private final Path postingsFile;
  private final OutputStream postings;
  private long postingsSize;

  private record Question(String title, int score, long acceptedAnswerId) {}

  /**
   * @param profile the extract profile the traces were parsed with (match parses with it too)
   */
  public IndexBuilder(String profile) {
    this.profile = profile;
    try {
      postingsFile = Files.createTempFile("tracemine-postings", ".bin");
      postings = new BufferedOutputStream(Files.newOutputStream(postingsFile), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file for the match index", e);
    }
  }

  /**
   * Records the {@code extract.max-frame-repeats} the traces were extracted with, so that {@code
   * match} collapses a pasted query's runs of one frame as the traces were (before {@link #write};
   * unrecorded: {@link KnowledgeIndex#REPEATS_UNKNOWN}).
   */
  void maxFrameRepeats(int repeats) {
    this.maxFrameRepeats = repeats;
  }

  /** Replaces the profile given to the constructor (before {@link #write}). */
  void profile(String extractProfile) {
    this.profile = extractProfile;
  }

  /** A question; {@code title}, {@code score} and {@code acceptedAnswerId} may be null. */
  public void addQuestion(long id, String title, Integer score, Long acceptedAnswerId) {
    questions.put(
        id,
        new Question(
            title, score == null ? 0 : score, acceptedAnswerId == null ? -1 : acceptedAnswerId));
  }

  /**
   * One row of the traces table (a trace instance in one library).
   *
   * @param exceptionType as in the traces table, or null
   * @param template the message template, or null
   */
  public void addTrace(
      String traceId,
      long questionId,
      String library,
      String exceptionType,
      String template,
      List<String> files,
      List<String> functions) {
    if (finalItemId != null) {
      throw new IllegalStateException("Cannot add trace '" + traceId + "' after the first pattern");
    }
    int lib = library(library);
    String key = library + '\u0000' + traceId;
    if (traceIds.putIfAbsent(key, traceQuestion.size()) != null) {
      throw new MalformedInputException(
          "Cannot index traces: trace '"
              + traceId
              + "' appears twice for library '"
              + library
              + "'");
    }
    traceQuestion.add(questionId);
    traceLibrary.add(lib);
    libraryTraces.set(lib, libraryTraces.get(lib) + 1);
    int[] items = new int[files.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = item(files.get(i), functions.get(i));
    }
    Arrays.sort(items);
    IntList df = itemDf.get(lib);
    for (int i = 0; i < items.length; i++) {
      if (i == 0 || items[i] != items[i - 1]) {
        df.set(items[i], df.get(items[i]) + 1);
      }
    }
    String type = Matcher.simpleType(exceptionType);
    traceType.add(type == null ? -1 : key(IndexFormat.TYPE_KEY + type, lib));
    traceTemplate.add(
        template == null || type == null ? -1 : key(IndexFormat.TEMPLATE_KEY + template, lib));
  }

  /**
   * A mined pattern of {@code library} and the traces (ids as in {@link #addTrace}) containing it.
   *
   * @throws MalformedInputException if a frame or a trace of the pattern was never added
   */
  public void addPattern(
      String library,
      String[] files,
      String[] functions,
      long traceSupport,
      long questionSupport,
      List<String> traces) {
    int[] ordinals = new int[traces.size()];
    for (int i = 0; i < ordinals.length; i++) {
      Integer t = traceIds.get(library + '\u0000' + traces.get(i));
      if (t == null) {
        throw new MalformedInputException(
            "Cannot index a pattern of '"
                + library
                + "': trace '"
                + traces.get(i)
                + "' is not in the traces table (are patterns and traces from the same"
                + " run?)");
      }
      ordinals[i] = t;
    }
    addPattern(library, files, functions, traceSupport, questionSupport, ordinals);
  }

  /**
   * {@link #addPattern(String, String[], String[], long, long, List)} with the traces given by
   * ordinal: the i-th call of {@link #addTrace} is ordinal i. {@code ordinals} may be reordered.
   */
  public void addPattern(
      String library,
      String[] files,
      String[] functions,
      long traceSupport,
      long questionSupport,
      int[] ordinals) {
    freezeItems();
    Integer lib = libraryIds.get(library);
    if (lib == null) {
      throw new MalformedInputException(
          "Cannot index a pattern of library '" + library + "': no trace of that library");
    }
    int start = patternItems.size();
    int[] items = new int[files.length];
    for (int i = 0; i < files.length; i++) {
      Integer id = itemIds.get(files[i] + '\u0000' + functions[i]);
      if (id == null) {
        throw new MalformedInputException(
            "Cannot index a pattern of '"
                + library
                + "': frame "
                + files[i]
                + ":"
                + functions[i]
                + " is in no trace (are patterns and traces from the"
                + " same run?)");
      }
      items[i] = finalItemId[id];
      patternItems.add(items[i]);
    }
    for (int t : ordinals) {
      if (t < 0 || t >= traceLibrary.size() || traceLibrary.get(t) != lib) {
        throw new MalformedInputException(
            "Cannot index a pattern of '"
                + library
                + "': trace"
                + " ordinal "
                + t
                + " is not a trace of that library");
      }
    }
    Arrays.sort(ordinals);
    patternLibrary.add(lib);
    patternStart.add(start);
    patternLength.add(items.length);
    patternTraceSupport.add((int) Math.min(Integer.MAX_VALUE, traceSupport));
    patternQuestionSupport.add((int) Math.min(Integer.MAX_VALUE, questionSupport));
    patternHash.add(IndexFormat.hash(items, 0, items.length));
    patternPostings.add(postingsSize);
    maxLength = Math.max(maxLength, items.length);
    int count = 0;
    int previous = -1;
    try {
      for (int t : ordinals) {
        if (t != previous) {
          postingsSize += writeVarint(postings, t - previous);
          previous = t;
          count++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write postings to " + postingsFile, e);
    }
    patternPostingCount.add(count);
  }

  /** Writes the index to {@code file} (replacing it atomically) and returns its facts. */
  public IndexSummary write(Path file) {
    freezeItems();
    try {
      postings.close();
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // named as staging, so that a run killed while writing leaves what removeLeftovers deletes
      Path tmp = Files.createTempFile(dir, "._staging-index-", ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writeAll(out);
      }
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        // temporary files are private; the index is as readable as the run's tables
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new IndexSummary(
          questions.size(),
          traceQuestion.size(),
          patternLibrary.size(),
          itemFiles.size(),
          Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the match index " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      postings.close();
      Files.deleteIfExists(postingsFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int library(String name) {
    Integer id = libraryIds.get(name);
    if (id == null) {
      id = libraries.size();
      libraryIds.put(name, id);
      libraries.add(name);
      itemDf.add(new IntList());
      keyDf.add(new IntList());
      libraryTraces.add(0);
    }
    return id;
  }

  private int item(String file, String function) {
    return itemIds.computeIfAbsent(
        file + '\u0000' + function,
        k -> {
          itemFiles.add(file);
          itemFunctions.add(function);
          return itemFiles.size() - 1;
        });
  }

  private int key(String key, int lib) {
    int id =
        keyIds.computeIfAbsent(
            key,
            k -> {
              keys.add(k);
              return keys.size() - 1;
            });
    IntList df = keyDf.get(lib);
    df.set(id, df.get(id) + 1);
    return id;
  }

  /** Final item ids are ranks in (file, function) order, fixed when the first pattern arrives. */
  private void freezeItems() {
    if (finalItemId != null) {
      return;
    }
    Integer[] order =
        sortedOrder(
            itemFiles.size(),
            Comparator.comparing((Integer i) -> itemFiles.get(i))
                .thenComparing(i -> itemFunctions.get(i)));
    finalItemId = new int[order.length];
    for (int rank = 0; rank < order.length; rank++) {
      finalItemId[order[rank]] = rank;
    }
  }

  private static Integer[] sortedOrder(int n, Comparator<Integer> comparator) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, comparator);
    return order;
  }

  private void writeAll(OutputStream raw) throws IOException {
    Integer[] itemOrder =
        sortedOrder(
            itemFiles.size(),
            Comparator.comparing((Integer i) -> itemFiles.get(i))
                .thenComparing(i -> itemFunctions.get(i)));
    Integer[] keyOrder = sortedOrder(keys.size(), Comparator.comparing(keys::get));
    int[] finalKeyId = new int[keys.size()];
    for (int rank = 0; rank < keyOrder.length; rank++) {
      finalKeyId[keyOrder[rank]] = rank;
    }
    long[] questionIds = questions.keySet().stream().mapToLong(Long::longValue).toArray();
    long[] traceQuestions = traceQuestion.toArray();
    long[] allQuestions = new long[questionIds.length + traceQuestions.length];
    System.arraycopy(questionIds, 0, allQuestions, 0, questionIds.length);
    System.arraycopy(traceQuestions, 0, allQuestions, questionIds.length, traceQuestions.length);
    long[] sortedQuestions = Arrays.stream(allQuestions).sorted().distinct().toArray();
    Integer[] patternOrder =
        sortedOrder(
            patternLibrary.size(),
            Comparator.comparingLong((Integer p) -> patternHash.get(p))
                .thenComparingInt(p -> patternLibrary.get(p))
                .thenComparingInt(p -> p));

    StringPool pool = new StringPool();
    int libs = libraries.size();
    Le items = new Le();
    Le itemDfs = new Le();
    for (int i : itemOrder) {
      items.putInt(pool.ref(itemFiles.get(i))).putInt(pool.ref(itemFunctions.get(i)));
      for (int l = 0; l < libs; l++) {
        itemDfs.putInt(itemDf.get(l).get(i));
      }
    }
    Le keyRefs = new Le();
    Le keyDfs = new Le();
    for (int k : keyOrder) {
      keyRefs.putInt(pool.ref(keys.get(k)));
      for (int l = 0; l < libs; l++) {
        keyDfs.putInt(keyDf.get(l).get(k));
      }
    }
    Le hashes = new Le();
    Le patterns = new Le();
    for (int p : patternOrder) {
      hashes.putLong(patternHash.get(p));
      patterns
          .putInt(patternLibrary.get(p))
          .putInt(patternStart.get(p))
          .putInt(patternLength.get(p))
          .putInt(patternTraceSupport.get(p))
          .putInt(patternQuestionSupport.get(p))
          .putLong(patternPostings.get(p))
          .putInt(patternPostingCount.get(p));
    }
    Le patternItemBytes = new Le();
    for (int i = 0; i < patternItems.size(); i++) {
      patternItemBytes.putInt(patternItems.get(i));
    }
    Le traces = new Le();
    for (int t = 0; t < traceQuestion.size(); t++) {
      int type = traceType.get(t);
      int template = traceTemplate.get(t);
      traces
          .putInt(Arrays.binarySearch(sortedQuestions, traceQuestion.get(t)))
          .putInt(traceLibrary.get(t))
          .putInt(type < 0 ? -1 : finalKeyId[type])
          .putInt(template < 0 ? -1 : finalKeyId[template]);
    }
    Le questionRows = new Le();
    for (long id : sortedQuestions) {
      Question q = questions.get(id);
      questionRows
          .putLong(id)
          .putInt(q == null || q.title() == null ? -1 : pool.ref(q.title()))
          .putInt(q == null ? 0 : q.score())
          .putLong(q == null ? -1 : q.acceptedAnswerId());
    }
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    DataOutputStream m = new DataOutputStream(meta);
    m.writeUTF(profile);
    m.writeInt(libs);
    for (int l = 0; l < libs; l++) {
      m.writeUTF(libraries.get(l));
      m.writeInt(libraryTraces.get(l));
    }
    m.writeInt(maxLength);
    m.writeInt(maxFrameRepeats);
    m.flush();

    Map<IndexFormat.Section, Object> sections = new TreeMap<>();
    sections.put(IndexFormat.Section.META, meta.toByteArray());
    sections.put(IndexFormat.Section.STRINGS, pool.bytes);
    sections.put(IndexFormat.Section.ITEMS, items);
    sections.put(IndexFormat.Section.ITEM_DF, itemDfs);
    sections.put(IndexFormat.Section.KEYS, keyRefs);
    sections.put(IndexFormat.Section.KEY_DF, keyDfs);
    sections.put(IndexFormat.Section.PATTERN_HASHES, hashes);
    sections.put(IndexFormat.Section.PATTERNS, patterns);
    sections.put(IndexFormat.Section.PATTERN_ITEMS, patternItemBytes);
    sections.put(IndexFormat.Section.POSTINGS, postingsFile);
    sections.put(IndexFormat.Section.TRACES, traces);
    sections.put(IndexFormat.Section.QUESTIONS, questionRows);

    Le header = new Le();
    header.putBytes(IndexFormat.MAGIC.getBytes(StandardCharsets.US_ASCII));
    header.putInt(IndexFormat.VERSION).putInt(sections.size());
    long offset = IndexFormat.HEADER;
    for (Object s : sections.values()) {
      long length = lengthOf(s);
      header.putLong(offset).putLong(length).putLong(checksumOf(s));
      offset += length;
    }
    header.writeTo(raw);
    for (Object s : sections.values()) {
      if (s instanceof byte[] b) {
        raw.write(b);
      } else if (s instanceof Le le) {
        le.writeTo(raw);
      } else if (s instanceof ByteArrayOutputStream b) {
        b.writeTo(raw);
      } else {
        try (InputStream in = Files.newInputStream((Path) s)) {
          in.transferTo(raw);
        }
      }
    }
  }

  /** The CRC-32C of a section's bytes, as {@link KnowledgeIndex#open} checks it. */
  private static long checksumOf(Object s) throws IOException {
    CRC32C crc = new CRC32C();
    if (s instanceof byte[] b) {
      crc.update(b);
    } else if (s instanceof Le le) {
      crc.update(le.buf, 0, le.size);
    } else if (s instanceof ByteArrayOutputStream b) {
      crc.update(b.toByteArray());
    } else {
      try (InputStream in = Files.newInputStream((Path) s)) {
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = in.read(chunk)) > 0; ) {
          crc.update(chunk, 0, n);
        }
      }
    }
    return crc.getValue();
  }

  private static long lengthOf(Object s) throws IOException {
    if (s instanceof byte[] b) {
      return b.length;
    }
    if (s instanceof Le le) {
      return le.size();
    }
    if (s instanceof ByteArrayOutputStream b) {
      return b.size();
    }
    return Files.size((Path) s);
  }

  static int writeVarint(OutputStream out, int value) throws IOException {
    int n = 1;
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
      n++;
    }
    out.write(value);
    return n;
  }

  /** Distinct UTF-8 strings, each written once as an int length and the bytes. */
  private static final class StringPool {
    private final Map<String, Integer> refs = new HashMap<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int ref(String s) {
      Integer ref = refs.get(s);
      if (ref == null) {
        ref = bytes.size();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        bytes.write(b.length & 0xFF);
        bytes.write((b.length >>> 8) & 0xFF);
        bytes.write((b.length >>> 16) & 0xFF);
        bytes.write((b.length >>> 24) & 0xFF);
        bytes.write(b, 0, b.length);
        refs.put(s, ref);
      }
      return ref;
    }
  }

  /** A growable little-endian byte buffer. */
  private static final class Le {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int more) {
      if (size + more > buf.length) {
        long wanted = Math.max((long) buf.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("Cannot build a match index section over 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) wanted);
      }
    }

    Le putInt(int v) {
      ensure(4);
      for (int i = 0; i < 4; i++) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
      return this;
    }

    Le putLong(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
      return this;
    }

    Le putBytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    int size() {
      return size;
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(buf, 0, size);
    }
  }

  /** A growable int array whose unset entries read as 0. */
  static final class IntList {
    private int[] a = new int[16];
    private int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    int get(int i) {
      return i < size ? a[i] : 0;
    }

    void set(int i, int v) {
      while (i >= size) {
        add(0);
      }
      a[i] = v;
    }

    int size() {
      return size;
    }
  }

  /** A growable long array. */
  static final class LongList {
    private long[] a = new long[16];
    private int size;

    void add(long v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    long get(int i) {
      return a[i];
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
