package io.tracemine.mine.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pattern's supporting trace instances packed into one byte array: the {@code traces} column of
 * {@code pattern_traces} (docs/TABLES.md). One binary value per pattern costs Parquet one value
 * instead of one list element (with its statistics) per trace.
 *
 * <p>Two layouts, both with the traces in ascending trace-id order (UTF-8 bytes) and varints as
 * unsigned LEB128. {@link #KEYED} (2), when every id is the canonical {@code
 * <question_id>-<block_index>-<position>} of its own question (as extract writes them): the format
 * byte; varint {@code n}; then per trace the zig-zag varint of the question id minus the previous
 * one (the first against 0), varint {@code block_index}, varint {@code position}. The integer key
 * (question, block, position) gives the id back exactly. {@link #FRONT_CODED} (1) otherwise: the
 * format byte; varint {@code n}; then per trace varint {@code shared} (leading UTF-8 bytes equal to
 * the previous id's), varint {@code rest}, the {@code rest} remaining UTF-8 bytes of the id, and
 * the zig-zag question delta as above. The layout is chosen by the list's ids alone.
 */
public final class TraceList {
  /** Front-coded id strings: for lists with an id that is not canonical. */
  public static final byte FRONT_CODED = 1;

  /** Integer keys (question delta, block index, position): every id canonical. */
  public static final byte KEYED = 2;

  private final String[] traceIds;
  private final long[] questionIds;

  private TraceList(String[] traceIds, long[] questionIds) {
    this.traceIds = traceIds;
    this.questionIds = questionIds;
  }

  public int size() {
    return traceIds.length;
  }

  /** The trace ids, ascending. */
  public String[] traceIds() {
    return traceIds.clone();
  }

  /** {@code questionIds()[i]} is the question of {@code traceIds()[i]}. */
  public long[] questionIds() {
    return questionIds.clone();
  }

  /**
   * Decodes {@link #encode}'s bytes.
   *
   * @throws IllegalArgumentException if the bytes are not such a list
   */
  public static TraceList decode(byte[] bytes) {
    if (bytes.length == 0 || (bytes[0] != FRONT_CODED && bytes[0] != KEYED)) {
      throw new IllegalArgumentException(
          "Cannot decode a trace list: format byte is "
              + (bytes.length == 0 ? "missing" : Integer.toString(bytes[0]))
              + " but must be "
              + FRONT_CODED
              + " or "
              + KEYED
              + " (written by a newer TraceMine? re-run 'mine')");
    }
    Reader in = new Reader(bytes);
    int n = in.intVarint();
    if (bytes[0] == KEYED) {
      return decodeKeyed(in, n);
    }
    String[] ids = new String[n];
    long[] questions = new long[n];
    byte[] previous = new byte[0];
    long question = 0;
    for (int i = 0; i < n; i++) {
      int shared = in.intVarint();
      int rest = in.intVarint();
      if (shared > previous.length) {
        throw in.corrupt("shares " + shared + " bytes with an id of " + previous.length);
      }
      byte[] id = Arrays.copyOf(previous, shared + rest);
      in.bytes(id, shared, rest);
      ids[i] = new String(id, StandardCharsets.UTF_8);
      question += zigzagDecode(in.varint());
      questions[i] = question;
      previous = id;
    }
    if (!in.atEnd()) {
      throw in.corrupt("has bytes after its " + n + " traces");
    }
    return new TraceList(ids, questions);
  }

  private static TraceList decodeKeyed(Reader in, int n) {
    String[] ids = new String[n];
    long[] questions = new long[n];
    long question = 0;
    StringBuilder id = new StringBuilder(24);
    for (int i = 0; i < n; i++) {
      question += zigzagDecode(in.varint());
      int block = in.intVarint();
      int position = in.intVarint();
      if (question < 0) {
        throw in.corrupt("has a negative question id " + question);
      }
      id.setLength(0);
      ids[i] =
          id.append(question).append('-').append(block).append('-').append(position).toString();
      questions[i] = question;
    }
    if (!in.atEnd()) {
      throw in.corrupt("has bytes after its " + n + " traces");
    }
    return new TraceList(ids, questions);
  }

  /**
   * The integer key of a trace id if it is canonical for its question: {@code
   * <question>-<block>-<position>} in plain decimal (no sign, no leading zero), each number at most
   * {@link Integer#MAX_VALUE} except the question; then {@code block << 32 | position}, else -1.
   *
   * @param id UTF-8 bytes {@code id[from .. to)}
   */
  public static long canonicalKey(byte[] id, int from, int to, long question) {
    if (question < 0) {
      return -1;
    }
    int i = from;
    long q = 0;
    int start = i;
    while (i < to && id[i] >= '0' && id[i] <= '9' && i - start < 19) {
      q = 10 * q + (id[i++] - '0');
    }
    if (i == start || i == to || id[i] != '-' || q != question || !plain(id, start, i)) {
      return -1;
    }
    long block = 0;
    start = ++i;
    while (i < to && id[i] >= '0' && id[i] <= '9' && i - start < 10) {
      block = 10 * block + (id[i++] - '0');
    }
    if (i == start
        || i == to
        || id[i] != '-'
        || block > Integer.MAX_VALUE
        || !plain(id, start, i)) {
      return -1;
    }
    long position = 0;
    start = ++i;
    while (i < to && id[i] >= '0' && id[i] <= '9' && i - start < 10) {
      position = 10 * position + (id[i++] - '0');
    }
    if (i == start || i != to || position > Integer.MAX_VALUE || !plain(id, start, i)) {
      return -1;
    }
    return block << 32 | position;
  }

  /** No leading zero (a lone "0" is plain). */
  private static boolean plain(byte[] id, int from, int to) {
    return id[from] != '0' || to - from == 1;
  }

  /** Builds the bytes of trace lists; reusable, not thread-safe. */
  public static final class Encoder {
    private byte[] buf = new byte[256];
    private int len;

    /**
     * Packs traces {@code traces[0..]} of a pool: {@code utf8Ids[traces[i]]} and {@code
     * questionIds[traces[i]]}.
     *
     * @param utf8Ids UTF-8 trace ids, ascending in {@code traces}' order (checked)
     */
    public byte[] encode(int[] traces, byte[][] utf8Ids, long[] questionIds) {
      int[] ends = new int[utf8Ids.length];
      int total = 0;
      for (int i = 0; i < ends.length; i++) {
        total += utf8Ids[i].length;
        ends[i] = total;
      }
      byte[] flat = new byte[total];
      for (int i = 0; i < ends.length; i++) {
        System.arraycopy(utf8Ids[i], 0, flat, ends[i] - utf8Ids[i].length, utf8Ids[i].length);
      }
      return encode(
          traces, 0, traces.length, flat, ends, questionIds, keys(flat, ends, questionIds));
    }

    /**
     * Packs {@code traces[from..to)} of a pool whose ids are stored flat: id {@code t} is {@code
     * idBytes[idEnds[t - 1] .. idEnds[t])} (from 0 for the first), UTF-8, with {@code keys[t]} its
     * {@link #canonicalKey} (-1 if none). {@link #KEYED} if every key is set; else {@link
     * #FRONT_CODED}, which checks that the ids ascend (the keyed layout trusts the caller).
     */
    public byte[] encode(
        int[] traces,
        int from,
        int to,
        byte[] idBytes,
        int[] idEnds,
        long[] questionIds,
        long[] keys) {
      boolean keyed = true;
      for (int i = from; i < to && keyed; i++) {
        keyed = keys[traces[i]] >= 0;
      }
      if (keyed) {
        return encodeKeyed(traces, from, to, questionIds, keys);
      }
      len = 0;
      put(FRONT_CODED);
      varint(to - from);
      int previousFrom = 0;
      int previousLength = -1;
      long question = 0;
      for (int i = from; i < to; i++) {
        int t = traces[i];
        int idFrom = t == 0 ? 0 : idEnds[t - 1];
        int idLength = idEnds[t] - idFrom;
        int shared = 0;
        if (previousLength >= 0) {
          // ids are short: a plain loop beats Arrays.mismatch's set-up
          int limit = Math.min(previousLength, idLength);
          while (shared < limit && idBytes[previousFrom + shared] == idBytes[idFrom + shared]) {
            shared++;
          }
          boolean ascending =
              shared == limit
                  ? previousLength < idLength
                  : (idBytes[previousFrom + shared] & 0xFF) < (idBytes[idFrom + shared] & 0xFF);
          if (!ascending) {
            throw new IllegalArgumentException(
                "Cannot encode a trace list: trace ids must be distinct and ascending, but '"
                    + new String(idBytes, idFrom, idLength, StandardCharsets.UTF_8)
                    + "' follows '"
                    + new String(idBytes, previousFrom, previousLength, StandardCharsets.UTF_8)
                    + "'");
          }
        }
        varint(shared);
        varint(idLength - shared);
        ensure(idLength - shared);
        System.arraycopy(idBytes, idFrom + shared, buf, len, idLength - shared);
        len += idLength - shared;
        varint(zigzagEncode(questionIds[t] - question));
        question = questionIds[t];
        previousFrom = idFrom;
        previousLength = idLength;
      }
      return Arrays.copyOf(buf, len);
    }

    private byte[] encodeKeyed(int[] traces, int from, int to, long[] questionIds, long[] keys) {
      len = 0;
      put(KEYED);
      varint(to - from);
      long question = 0;
      for (int i = from; i < to; i++) {
        int t = traces[i];
        long key = keys[t];
        // one capacity check per trace: three varints take at most 10 + 5 + 5 bytes
        ensure(20);
        putVarint(zigzagEncode(questionIds[t] - question));
        question = questionIds[t];
        putVarint(key >>> 32);
        putVarint(key & 0xFFFF_FFFFL);
      }
      return Arrays.copyOf(buf, len);
    }

    /** Writes a varint; the caller has ensured room for it. */
    private void putVarint(long v) {
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    private void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    private void put(byte b) {
      ensure(1);
      buf[len++] = b;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
      }
    }
  }

  /**
   * Packs ids and questions given in ascending id order (a convenience for small lists; checks the
   * order whatever the layout).
   */
  public static byte[] encode(String[] traceIds, long[] questionIds) {
    byte[][] utf8 = new byte[traceIds.length][];
    int[] all = new int[traceIds.length];
    for (int i = 0; i < utf8.length; i++) {
      utf8[i] = traceIds[i].getBytes(StandardCharsets.UTF_8);
      all[i] = i;
      if (i > 0 && Arrays.compareUnsigned(utf8[i - 1], utf8[i]) >= 0) {
        throw new IllegalArgumentException(
            "Cannot encode a trace list: trace ids must be distinct and ascending, but '"
                + traceIds[i]
                + "' follows '"
                + traceIds[i - 1]
                + "'");
      }
    }
    return new Encoder().encode(all, utf8, questionIds);
  }

  /** {@link #canonicalKey} of each id of a flat pool. */
  public static long[] keys(byte[] idBytes, int[] idEnds, long[] questionIds) {
    long[] keys = new long[idEnds.length];
    for (int t = 0; t < keys.length; t++) {
      keys[t] = canonicalKey(idBytes, t == 0 ? 0 : idEnds[t - 1], idEnds[t], questionIds[t]);
    }
    return keys;
  }

  static long zigzagEncode(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long zigzagDecode(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static final class Reader {
    private final byte[] bytes;
    private int pos = 1;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= bytes.length) {
          throw corrupt("ends inside a number");
        }
        byte b = bytes[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw corrupt("has a number longer than 10 bytes");
    }

    int intVarint() {
      long v = varint();
      if (v > Integer.MAX_VALUE) {
        throw corrupt("has a count of " + v);
      }
      return (int) v;
    }

    void bytes(byte[] into, int from, int n) {
      if (n > bytes.length - pos) {
        throw corrupt("ends inside a trace id");
      }
      System.arraycopy(bytes, pos, into, from, n);
      pos += n;
    }

    boolean atEnd() {
      return pos == bytes.length;
    }

    IllegalArgumentException corrupt(String what) {
      return new IllegalArgumentException(
          "Cannot decode a trace list: it "
              + what
              + " (at byte "
              + pos
              + " of "
              + bytes.length
              + ")");
    }
  }
}
