package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {

  /** A line as the oracle and the reader give it: its bytes held, its length and its offset. */
  private record Seen(String held, long length, long offset) {}

  /**
   * The oracle: the file's lines by a plain scan of all of it, as Hadoop's line reader gives them
   * (a line ends at \n, \r or \r\n; no line after a final line end; a leading byte order mark
   * dropped), each held up to {@code maxBytes}.
   */
  private static List<Seen> oracle(byte[] file, int maxBytes) {
    List<Seen> lines = new ArrayList<>();
    int start = startsWithByteOrderMark(file) ? 3 : 0;
    int i = start;
    while (i < file.length) {
      int stop = i;
      while (stop < file.length && file[stop] != '\n' && file[stop] != '\r') {
        stop++;
      }
      lines.add(new Seen(text(file, i, Math.min(stop, i + maxBytes)), stop - i, i));
      i = stop;
      if (i < file.length) {
        i += file[i] == '\r' && i + 1 < file.length && file[i + 1] == '\n' ? 2 : 1;
      }
    }
    return lines;
  }

  private static boolean startsWithByteOrderMark(byte[] file) {
    return file.length >= 3
        && (file[0] & 0xFF) == 0xEF
        && (file[1] & 0xFF) == 0xBB
        && (file[2] & 0xFF) == 0xBF;
  }

  private static String text(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The lines of the ranges between {@code cuts}, each read by its own reader, in order. */
  private static List<Seen> readInRanges(byte[] file, List<Integer> cuts, int maxBytes, long seed) {
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    cuts.stream().map(c -> c % (file.length + 1)).filter(c -> c > 0).forEach(bounds::add);
    bounds.add(file.length);
    List<Integer> distinct = bounds.stream().distinct().sorted().toList();
    bounds = new ArrayList<>(distinct.size() == 1 ? List.of(0, 0) : distinct);
    List<Seen> lines = new ArrayList<>();
    Random chunks = new Random(seed);
    for (int r = 0; r + 1 < bounds.size(); r++) {
      int start = bounds.get(r);
      int end = bounds.get(r + 1);
      InputStream in =
          new ChoppyStream(Arrays.copyOfRange(file, start, file.length), chunks.nextLong());
      new BoundedLines(in, start, end, maxBytes)
          .forEachRemaining(
              l ->
                  lines.add(
                      new Seen(
                          new String(l.bytes(), StandardCharsets.ISO_8859_1),
                          l.length(),
                          l.offset())));
    }
    return lines;
  }

  @Provide
  Arbitrary<byte[]> files() {
    Arbitrary<Byte> bytes =
        Arbitraries.of(
            (byte) 'a',
            (byte) 'b',
            (byte) '\n',
            (byte) '\r',
            (byte) 0,
            (byte) 0xEF,
            (byte) 0xBB,
            (byte) 0xBF);
    return bytes.list().ofMaxSize(60).map(BoundedLinesTest::toArray);
  }

  private static byte[] toArray(List<Byte> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  @Property(tries = 3000)
  void rangesShareOutTheLinesOfTheWholeFileEachOnce(
      @ForAll("files") byte[] file,
      @ForAll List<@IntRange(min = 0, max = 100) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 8) int maxBytes,
      @ForAll long seed) {
    assertThat(readInRanges(file, cuts, maxBytes, seed)).isEqualTo(oracle(file, maxBytes));
  }

  @Property(tries = 500)
  void aByteOrderMarkIsDroppedOnlyAtTheFilesStart(
      @ForAll("files") byte[] rest, @ForAll @IntRange(min = 0, max = 30) int cut) {
    byte[] file = new byte[rest.length + 3];
    file[0] = (byte) 0xEF;
    file[1] = (byte) 0xBB;
    file[2] = (byte) 0xBF;
    System.arraycopy(rest, 0, file, 3, rest.length);
    List<Seen> lines = readInRanges(file, List.of(cut), 100, 1);
    assertThat(lines).isEqualTo(oracle(file, 100));
    assertThat(lines.isEmpty() || lines.get(0).offset() == 3).isTrue();
  }

  @Test
  void aLineOverTheBoundIsHeldUpToItAndMeasuredWhole() {
    byte[] file =
        "<row Id=\"1\"/>\n<row Id=\"2\" Body=\"xxxxxxxxxxxxxxxx\"/>\r\n<row Id=\"3\"/>"
            .getBytes(StandardCharsets.US_ASCII);
    List<BoundedLines.Line> lines = new ArrayList<>();
    new BoundedLines(new ByteArrayInputStream(file), 0, file.length, 16)
        .forEachRemaining(lines::add);
    assertThat(lines).extracting(BoundedLines.Line::cut).containsExactly(false, true, false);
    assertThat(new String(lines.get(1).bytes(), StandardCharsets.US_ASCII))
        .isEqualTo("<row Id=\"2\" Body");
    assertThat(lines.get(1).length()).isEqualTo(37);
    assertThat(lines.get(2).offset()).isEqualTo(14 + 37 + 2);
  }

  /**
   * A line of 3 GiB (more than an array or Hadoop's {@code Text} holds), as a dump pre-allocated
   * and cut short ends in NUL bytes: held at the bound, measured whole, and the row after it read.
   */
  @Test
  void aLineLongerThanAnArrayCanHoldIsReadPast() {
    long nuls = 3L << 30;
    InputStream file =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream("<row Id=\"1\"/>\n".getBytes(StandardCharsets.US_ASCII)),
            new java.io.SequenceInputStream(
                new Zeros(nuls),
                new ByteArrayInputStream(
                    "\n<row Id=\"2\"/>\n".getBytes(StandardCharsets.US_ASCII))));
    List<BoundedLines.Line> lines = new ArrayList<>();
    new BoundedLines(file, 0, Long.MAX_VALUE, 1 << 10).forEachRemaining(lines::add);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1).bytes()).hasSize(1 << 10);
    assertThat(lines.get(1).length()).isEqualTo(nuls);
    assertThat(new String(lines.get(2).bytes(), StandardCharsets.US_ASCII))
        .isEqualTo("<row Id=\"2\"/>");
  }

  /** A range that starts and ends inside one long line reads no line and stops near its end. */
  @Test
  void aRangeInsideALongLineStopsAtItsEnd() {
    byte[] file = new byte[4 << 20];
    Arrays.fill(file, (byte) 'x');
    file[file.length - 1] = '\n';
    CountingStream in = new CountingStream(Arrays.copyOfRange(file, 1 << 20, file.length));
    assertThat(new BoundedLines(in, 1 << 20, 2 << 20, 64).hasNext()).isFalse();
    assertThat(in.read).isLessThanOrEqualTo((1 << 20) + (1 << 16) + 1);
  }

  /** Bytes handed out in chunks of random sizes, as a network file system may. */
  private static final class ChoppyStream extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private int at;

    ChoppyStream(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(5)), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }

  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long n) {
      this.left = n;
    }

    @Override
    public int read() {
      return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }

  private static final class CountingStream extends ByteArrayInputStream {
    long read;

    CountingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }
  }
}
