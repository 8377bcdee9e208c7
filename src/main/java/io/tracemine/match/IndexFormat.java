package io.tracemine.match;

/**
 * Layout of the match index file, version {@value #VERSION} (docs/MATCH.md, "Index format").
 *
 * <p>All numbers are little-endian. The file starts with {@link #MAGIC} (8 bytes), the version
 * (int) and the number of sections (int), then one {@code (long offset, long length, long crc32c)}
 * per section in {@link Section} order; the sections follow one another without gaps to the end of
 * the file. Each section is a plain array that the reader memory-maps and checks against its
 * CRC-32C once, on open. Version 1 had no checksums.
 */
final class IndexFormat {
  static final String MAGIC = "TMMATCH\n";
  static final int VERSION = 2;
  static final String FILE_NAME = "index.tmm";
  static final String DIRECTORY = "match_index";

  /** Multiplier of the polynomial pattern hash ({@link #extend}). */
  static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

  /** Prefix of a key: an exception's simple type name, or a message template. */
  static final String TYPE_KEY = "T\u0000";

  static final String TEMPLATE_KEY = "M\u0000";

  enum Section {
    /**
     * profile (UTF), libraries (int n, then per library: UTF name, int traces), int max length, int
     * max frame repeats (absent in files written before session 16: read as unknown).
     */
    META,
    /** UTF-8 strings, each an int byte length then the bytes; a string's ref is its offset. */
    STRINGS,
    /** per item, sorted by (file, function): int fileRef, int functionRef. */
    ITEMS,
    /** per item, per library: int traces of the library holding the item. */
    ITEM_DF,
    /** per key, sorted by string: int ref of the key string (TYPE_KEY or TEMPLATE_KEY + text). */
    KEYS,
    /** per key, per library: int traces of the library whose exception has the key. */
    KEY_DF,
    /** per pattern, sorted by hash then library: long hash of its items. */
    PATTERN_HASHES,
    /** per pattern: {@link #PATTERN_RECORD} bytes, see {@link KnowledgeIndex}. */
    PATTERNS,
    /** the patterns' items, int item ids, concatenated. */
    PATTERN_ITEMS,
    /** per pattern: its traces' ordinals, ascending, as unsigned varint gaps (first from -1). */
    POSTINGS,
    /** per trace (library row): int question ordinal, int library, int typeKey, int templateKey. */
    TRACES,
    /** per question, by id: long id, int titleRef (-1 none), int score, long acceptedAnswerId. */
    QUESTIONS
  }

  /** library, first item, length, trace support, question support (ints); postings (long, int). */
  static final int PATTERN_RECORD = 5 * 4 + 8 + 4;

  static final int TRACE_RECORD = 4 * 4;
  static final int QUESTION_RECORD = 8 + 4 + 4 + 8;
  static final int SECTION_ENTRY = 3 * 8;
  static final int HEADER = 8 + 4 + 4 + Section.values().length * SECTION_ENTRY;

  private IndexFormat() {}

  /** The hash of {@code items} extended by one item: {@code hash(p + x) = extend(hash(p), x)}. */
  static long extend(long hash, int item) {
    return hash * HASH_MULTIPLIER + item + 1;
  }

  static long hash(int[] items, int from, int to) {
    long h = 0;
    for (int i = from; i < to; i++) {
      h = extend(h, items[i]);
    }
    return h;
  }
}
