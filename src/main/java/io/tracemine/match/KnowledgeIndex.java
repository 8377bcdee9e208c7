package io.tracemine.match;

import io.tracemine.MalformedInputException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32C;

/**
 * A match index opened read-only by memory-mapping its sections ({@link IndexFormat}): opening
 * checks every section's CRC-32C (one sequential read of the file) and decodes only the small META
 * section; a query then touches just the pages it needs. Thread-safe for reading (every access is
 * an absolute get).
 */
public final class KnowledgeIndex {
  private final Path file;
  private final String profile;
  private final List<String> libraries = new ArrayList<>();
  private final int[] libraryTraces;
  private final int maxPatternLength;
  private final int maxFrameRepeats;
  private final ByteBuffer strings;
  private final ByteBuffer items;
  private final ByteBuffer itemDf;
  private final ByteBuffer keys;
  private final ByteBuffer keyDf;
  private final ByteBuffer hashes;
  private final ByteBuffer patterns;
  private final ByteBuffer patternItems;
  private final ByteBuffer postings;
  private final ByteBuffer traces;
  private final ByteBuffer questions;

  private KnowledgeIndex(Path file, ByteBuffer[] sections) throws IOException {
    this.file = file;
    DataInputStream meta = new DataInputStream(new ByteArrayInputStream(bytes(sections[0])));
    profile = meta.readUTF();
    int libs = meta.readInt();
    libraryTraces = new int[libs];
    for (int l = 0; l < libs; l++) {
      libraries.add(meta.readUTF());
      libraryTraces[l] = meta.readInt();
    }
    maxPatternLength = meta.readInt();
    maxFrameRepeats = meta.available() >= 4 ? meta.readInt() : REPEATS_UNKNOWN;
    strings = sections[1];
    items = sections[2];
    itemDf = sections[3];
    keys = sections[4];
    keyDf = sections[5];
    hashes = sections[6];
    patterns = sections[7];
    patternItems = sections[8];
    postings = sections[9];
    traces = sections[10];
    questions = sections[11];
  }

  /** Where a run keeps its index, relative to its output directory. */
  public static final String RELATIVE_PATH = IndexFormat.DIRECTORY + "/" + IndexFormat.FILE_NAME;

  /** The index of a run: {@code <knowledge>/match_index/index.tmm}. */
  public static Path fileOf(Path knowledgeDir) {
    return knowledgeDir.resolve(IndexFormat.DIRECTORY).resolve(IndexFormat.FILE_NAME);
  }

  /**
   * Opens {@code file}.
   *
   * @throws MalformedInputException if it is missing, not a match index, of another version, cut
   *     short or damaged (a section failing its checksum)
   */
  public static KnowledgeIndex open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new MalformedInputException(
          "Cannot read the match index "
              + file
              + ": no such file (build it with './submit.sh index', or './submit.sh run')");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int sectionCount = IndexFormat.Section.values().length;
      long size = ch.size();
      ByteBuffer header = ByteBuffer.allocate(IndexFormat.HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (header.hasRemaining() && ch.read(header) >= 0) {
        // read the whole header
      }
      header.flip();
      byte[] magic = new byte[8];
      if (header.remaining() >= magic.length) {
        header.get(magic);
      }
      if (!new String(magic, StandardCharsets.US_ASCII).equals(IndexFormat.MAGIC)) {
        throw new MalformedInputException(
            "Cannot read the match index " + file + ": not a TraceMine match index");
      }
      if (header.remaining() < 8) {
        throw damaged(file, "it is truncated (" + size + " bytes, within its header)");
      }
      int version = header.getInt();
      if (version != IndexFormat.VERSION) {
        throw new MalformedInputException(
            "Cannot read the match index "
                + file
                + ": it has format version "
                + version
                + ", this TraceMine reads version "
                + IndexFormat.VERSION
                + " (rebuild it with './submit.sh index')");
      }
      if (header.getInt() != sectionCount) {
        throw damaged(file, "its header is corrupt (section count)");
      }
      if (header.remaining() < sectionCount * IndexFormat.SECTION_ENTRY) {
        throw damaged(file, "it is truncated (" + size + " bytes, within its header)");
      }
      ByteBuffer[] sections = new ByteBuffer[sectionCount];
      long expectedOffset = IndexFormat.HEADER;
      for (int s = 0; s < sectionCount; s++) {
        IndexFormat.Section section = IndexFormat.Section.values()[s];
        long offset = header.getLong();
        long length = header.getLong();
        long checksum = header.getLong();
        if (offset != expectedOffset || length < 0 || length > Integer.MAX_VALUE) {
          throw damaged(file, "its header is corrupt (section " + section + ")");
        }
        if (offset + length > size) {
          throw damaged(
              file, "it is truncated (" + size + " bytes, within section " + section + ")");
        }
        sections[s] =
            ch.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(sections[s].duplicate());
        if (crc.getValue() != checksum) {
          throw damaged(file, "section " + section + " fails its checksum");
        }
        expectedOffset = offset + length;
      }
      if (expectedOffset != size) {
        throw damaged(file, "it has " + (size - expectedOffset) + " bytes after its last section");
      }
      return new KnowledgeIndex(file, sections);
    } catch (IOException e) {
      throw new MalformedInputException(
          "Cannot read the match index " + file + ": " + e.getMessage(), e);
    }
  }

  private static MalformedInputException damaged(Path file, String what) {
    return new MalformedInputException(
        "Cannot read the match index "
            + file
            + ": "
            + what
            + "; it is damaged: rebuild it with './submit.sh index'");
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  public Path file() {
    return file;
  }

  /** {@link #maxFrameRepeats()} of an index that did not record it. */
  public static final int REPEATS_UNKNOWN = -1;

  /**
   * The {@code extract.max-frame-repeats} the indexed traces were extracted with (0: runs kept), or
   * {@link #REPEATS_UNKNOWN} for an index written before it was recorded; {@link TraceQuery}
   * collapses a query with it.
   */
  public int maxFrameRepeats() {
    return maxFrameRepeats;
  }

  /** The extract profile the run parsed traces with. */
  public String profile() {
    return profile;
  }

  public List<String> libraries() {
    return List.copyOf(libraries);
  }

  int libraryCount() {
    return libraries.size();
  }

  String library(int l) {
    return libraries.get(l);
  }

  int libraryTraces(int l) {
    return libraryTraces[l];
  }

  int maxPatternLength() {
    return maxPatternLength;
  }

  String string(int ref) {
    if (ref < 0) {
      return null;
    }
    int length = strings.getInt(ref);
    byte[] b = new byte[length];
    strings.get(ref + 4, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  public int itemCount() {
    return items.capacity() / 8;
  }

  String itemFile(int item) {
    return string(items.getInt(item * 8));
  }

  String itemFunction(int item) {
    return string(items.getInt(item * 8 + 4));
  }

  /** The id of (file, function), or -1 when no trace of the run has that frame. */
  int itemId(String file, String function) {
    return search(
        itemCount(),
        mid -> {
          int c = itemFile(mid).compareTo(file);
          return c != 0 ? c : itemFunction(mid).compareTo(function);
        });
  }

  /** Traces of library {@code l} holding {@code item}. */
  int itemDf(int item, int l) {
    return itemDf.getInt((item * libraries.size() + l) * 4);
  }

  int keyCount() {
    return keys.capacity() / 4;
  }

  /** The id of a key ({@link IndexFormat#TYPE_KEY} or TEMPLATE_KEY + text), or -1. */
  int keyId(String key) {
    return search(keyCount(), mid -> string(keys.getInt(mid * 4)).compareTo(key));
  }

  /**
   * Binary search over {@code count} sorted entries; {@code compareAt} compares entry {@code mid}
   * with the sought one. The index of the match, or -1.
   */
  private static int search(int count, IntUnaryOperator compareAt) {
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareAt.applyAsInt(mid);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The text of key {@code key}: {@link IndexFormat#TYPE_KEY} or TEMPLATE_KEY, then the text. */
  String keyText(int key) {
    return string(keys.getInt(key * 4));
  }

  int keyDf(int key, int l) {
    return keyDf.getInt((key * libraries.size() + l) * 4);
  }

  public int patternCount() {
    return hashes.capacity() / 8;
  }

  /** The first pattern whose hash is {@code >= hash} (patterns are sorted by hash). */
  int firstPatternWithHash(long hash) {
    int lo = 0;
    int hi = patternCount();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compare(hashes.getLong(mid * 8), hash) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  long patternHash(int p) {
    return hashes.getLong(p * 8);
  }

  int patternLibrary(int p) {
    return patterns.getInt(p * IndexFormat.PATTERN_RECORD);
  }

  int patternLength(int p) {
    return patterns.getInt(p * IndexFormat.PATTERN_RECORD + 8);
  }

  int patternItem(int p, int i) {
    int start = patterns.getInt(p * IndexFormat.PATTERN_RECORD + 4);
    return patternItems.getInt((start + i) * 4);
  }

  int patternTraceSupport(int p) {
    return patterns.getInt(p * IndexFormat.PATTERN_RECORD + 12);
  }

  int patternQuestionSupport(int p) {
    return patterns.getInt(p * IndexFormat.PATTERN_RECORD + 16);
  }

  /** How many traces hold pattern {@code p} (its postings). */
  int postingCount(int p) {
    return patterns.getInt(p * IndexFormat.PATTERN_RECORD + 28);
  }

  /** The ordinals of the traces holding pattern {@code p}, ascending. */
  int[] postings(int p) {
    long offset = patterns.getLong(p * IndexFormat.PATTERN_RECORD + 20);
    int count = patterns.getInt(p * IndexFormat.PATTERN_RECORD + 28);
    int[] out = new int[count];
    int pos = (int) offset;
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int value = 0;
      int shift = 0;
      byte b;
      do {
        b = postings.get(pos++);
        value |= (b & 0x7F) << shift;
        shift += 7;
      } while (b < 0);
      previous += value;
      out[i] = previous;
    }
    return out;
  }

  public int traceCount() {
    return traces.capacity() / IndexFormat.TRACE_RECORD;
  }

  int traceQuestion(int t) {
    return traces.getInt(t * IndexFormat.TRACE_RECORD);
  }

  int traceLibrary(int t) {
    return traces.getInt(t * IndexFormat.TRACE_RECORD + 4);
  }

  int traceTypeKey(int t) {
    return traces.getInt(t * IndexFormat.TRACE_RECORD + 8);
  }

  int traceTemplateKey(int t) {
    return traces.getInt(t * IndexFormat.TRACE_RECORD + 12);
  }

  public int questionCount() {
    return questions.capacity() / IndexFormat.QUESTION_RECORD;
  }

  long questionId(int q) {
    return questions.getLong(q * IndexFormat.QUESTION_RECORD);
  }

  String questionTitle(int q) {
    return string(questions.getInt(q * IndexFormat.QUESTION_RECORD + 8));
  }

  int questionScore(int q) {
    return questions.getInt(q * IndexFormat.QUESTION_RECORD + 12);
  }

  /** The accepted answer's id, or -1. */
  long acceptedAnswerId(int q) {
    return questions.getLong(q * IndexFormat.QUESTION_RECORD + 16);
  }
}
