package io.tracemine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of one byte range of a file, each kept up to a size bound: a longer line is read to its
 * end but only its first {@code maxBytes} bytes are held, so one line of any length (a dump cut
 * short in a pre-allocated file, tens of gigabytes of NUL) costs bounded memory and becomes one
 * reject instead of ending the task out of memory.
 *
 * <p>A line ends at {@code \n}, {@code \r} or {@code \r\n}, as in Hadoop's line reader, and the
 * ranges of a file share its lines out as Hadoop's splits do: a range {@code [start, end]} holds
 * the lines that start after {@code start} and at or before {@code end} (the first range also the
 * file's first line, without a UTF-8 byte order mark). A range never reads past its end looking for
 * its first line, so many ranges inside one long line cost one pass over it, not one each.
 */
final class BoundedLines implements Iterator<BoundedLines.Line> {
  private static final int BUFFER = 1 << 16;
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * A line without its line end: its first bytes (all of them unless {@link #cut}), its length in
   * bytes and where it starts in the file.
   */
  record Line(byte[] bytes, long length, long offset) {
    /** Whether the line is longer than the bytes held of it. */
    boolean cut() {
      return length > bytes.length;
    }
  }

  private final InputStream in;
  private final long end;
  private final int maxBytes;
  private final byte[] buffer = new byte[BUFFER];
  private int filled;
  private int at;
  private long position;
  private byte[] kept = new byte[256];
  private Line next;
  private boolean started;
  private boolean firstLineOfTheFile; // the range's own even when a byte order mark takes it past
  private boolean done;

  /**
   * @param in the file's bytes from {@code start} on (positioned there)
   * @param start where the range starts in the file
   * @param end the range's last line start; {@link Long#MAX_VALUE} to read to the end of the file
   * @param maxBytes the bytes held of a line at most
   */
  BoundedLines(InputStream in, long start, long end, int maxBytes) {
    this.in = in;
    this.position = start;
    this.end = end;
    this.maxBytes = maxBytes;
  }

  @Override
  public boolean hasNext() {
    if (!started) {
      started = true;
      begin();
    }
    if (next == null && !done) {
      next = readLine();
    }
    return next != null;
  }

  @Override
  public Line next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Line line = next;
    next = null;
    return line;
  }

  private void begin() {
    firstLineOfTheFile = position == 0;
    if (firstLineOfTheFile) {
      skipByteOrderMark();
    } else {
      skipToTheFirstLineStartingInRange();
    }
  }

  private void skipByteOrderMark() {
    while (filled < BYTE_ORDER_MARK.length && readMore()) {
      // the mark is looked for in the file's first three bytes, however they arrive
    }
    if (filled >= BYTE_ORDER_MARK.length
        && Arrays.equals(buffer, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, 3)) {
      at = BYTE_ORDER_MARK.length;
      position = BYTE_ORDER_MARK.length;
    }
  }

  /** Drops the rest of the line holding {@code start}: it belongs to the range before. */
  private void skipToTheFirstLineStartingInRange() {
    while (position <= end && fill()) {
      byte b = buffer[at++];
      position++;
      if (b == '\n') {
        return;
      }
      if (b == '\r') {
        skipLineFeedAfterReturn();
        return;
      }
    }
  }

  private Line readLine() {
    if ((position > end && !firstLineOfTheFile) || !fill()) {
      done = true;
      return null;
    }
    firstLineOfTheFile = false;
    long offset = position;
    long length = 0;
    int held = 0;
    while (fill()) {
      int from = at;
      int stop = from;
      while (stop < filled && buffer[stop] != '\n' && buffer[stop] != '\r') {
        stop++;
      }
      held = hold(from, stop, held);
      length += stop - from;
      position += stop - from;
      at = stop;
      if (stop < filled) {
        byte b = buffer[at++];
        position++;
        if (b == '\r') {
          skipLineFeedAfterReturn();
        }
        break;
      }
    }
    return new Line(Arrays.copyOf(kept, held), length, offset);
  }

  private int hold(int from, int stop, int held) {
    int n = Math.min(stop - from, maxBytes - held);
    if (n <= 0) {
      return held;
    }
    if (held + n > kept.length) {
      kept = Arrays.copyOf(kept, Math.min(maxBytes, Math.max(held + n, 2 * kept.length)));
    }
    System.arraycopy(buffer, from, kept, held, n);
    return held + n;
  }

  private void skipLineFeedAfterReturn() {
    if (fill() && buffer[at] == '\n') {
      at++;
      position++;
    }
  }

  /** Whether a byte is left to read, reading more when the buffer is used up. */
  private boolean fill() {
    if (at < filled) {
      return true;
    }
    at = 0;
    filled = 0;
    return readMore();
  }

  /** Reads more bytes after those in the buffer; false at the end of the file. */
  private boolean readMore() {
    try {
      int n = in.read(buffer, filled, BUFFER - filled);
      if (n > 0) {
        filled += n;
      }
      return n > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
