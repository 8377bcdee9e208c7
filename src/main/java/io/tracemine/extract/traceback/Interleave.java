package io.tracemine.extract.traceback;

import io.tracemine.extract.traceback.ExceptionLines.ExceptionLine;
import io.tracemine.extract.traceback.TraceLexer.Item;
import io.tracemine.extract.traceback.TraceLexer.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Separates tracebacks that two processes or threads printed interleaved line by line
 * (multiprocessing workers, a Windows {@code spawn} child beside its parent): reorders the lexed
 * items so that each traceback's lines follow one another, as a reader would separate them.
 *
 * <p>A region starts at a {@code Traceback (most recent call last):} header that arrives while a
 * traceback is still open (frames, no exception yet). In it each traceback is an open stream that
 * alternates frame line and source line. A frame goes to a stream that does not hold it yet and
 * awaits a frame, preferring a fresh stream (just its header) or one whose last source line calls
 * the frame's function (of those the one that has waited longest), else the oldest whose last
 * source line is no {@code raise} statement (the innermost frame's line); a frame with no stream
 * awaiting one goes to a stream whose last frame prints no source ({@code <string>}, {@code
 * <stdin>}) or to the only open stream. A source line (indented two more than the frames) goes to
 * the stream that has waited longest for one. An exception line closes the stream whose last line
 * is the latest source line; the lines after it are its message. Other lines stay beside the line
 * they followed.
 *
 * <p>When the model cannot place a line (a frame at another indent, source with no stream awaiting
 * it, more than {@value #MAX_STREAMS} streams, a chain sentence or a group in the region, a stream
 * with no frame), or when the separated streams link no more frames to the source lines calling
 * them than the printed order does, the items are returned unchanged: the model never invents or
 * drops a line, it only reorders. Linear: each item is compared with at most {@value #MAX_STREAMS}
 * streams.
 */
final class Interleave {
  static final int MAX_STREAMS = 4;

  private Interleave() {}

  /** The items with interleaved tracebacks separated, or {@code items} itself. */
  static List<Item> separate(List<Item> items) {
    if (!hasTwoHeaders(items)) {
      return items;
    }
    List<Item> out = new Region(items).run();
    return out == null || links(out) <= links(items) ? items : out;
  }

  /**
   * How many frames follow a source line that calls them ({@code x = f(…)} then {@code in f}): the
   * separation is kept only when it links more frames than the printed order (a traceback cut
   * before its exception and followed by another is not reordered).
   */
  static int links(List<Item> items) {
    int links = 0;
    String source = null;
    for (Item item : items) {
      if (item.kind() == Kind.FRAME) {
        links += Region.calls(source, item.frame().function()) ? 1 : 0;
        source = null;
      } else if (item.kind() == Kind.HEADER) {
        source = null;
      } else if (item.kind() == Kind.TEXT && item.indent() > 0 && item.endsLine()) {
        source = item.text().strip();
      }
    }
    return links;
  }

  private static boolean hasTwoHeaders(List<Item> items) {
    int headers = 0;
    for (Item item : items) {
      if (item.kind() == Kind.HEADER && ++headers == 2) {
        return true;
      }
    }
    return false;
  }

  /** One traceback being separated. */
  private static final class Stream {
    final List<Item> items = new ArrayList<>();
    final Set<String> held = new HashSet<>();
    final int created;
    boolean fresh = true;
    boolean closed;
    boolean lastIsFrame;
    boolean lastIsSource;
    String lastSource;
    Frame lastFrame;
    int frames;

    /** Position of the item since which the stream waits for its next frame or source. */
    int waitingSince;

    Stream(int created) {
      this.created = created;
      this.waitingSince = created;
    }
  }

  /** The scan of one block's items. */
  private static final class Region {
    private final List<Item> in;
    private final List<Item> out = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private boolean changed;

    /** Outside a region: where the open traceback starts, and whether it has frames. */
    private int openStart = -1;

    private boolean openHasFrames;
    private int frameIndent = -1;
    private Stream last;
    private Stream messageOwner;

    Region(List<Item> in) {
      this.in = in;
    }

    List<Item> run() {
      for (int i = 0; i < in.size(); i++) {
        Item item = in.get(i);
        if (streams.isEmpty()) {
          if (!outside(i, item)) {
            out.add(item);
          }
          continue;
        }
        if (!inside(i, item)) {
          return null;
        }
      }
      if (!streams.isEmpty() && !emit(false)) {
        return null;
      }
      return changed ? out : null;
    }

    /**
     * Tracks the open traceback outside a region; starts one at a header that arrives while it is
     * open with frames. Returns whether the item was taken into the region.
     */
    private boolean outside(int i, Item item) {
      switch (item.kind()) {
        case HEADER -> {
          if (openStart >= 0 && openHasFrames) {
            return startRegion(i, item);
          }
          openStart = out.size();
          openHasFrames = false;
        }
        case FRAME -> {
          if (openStart < 0) {
            openStart = out.size();
          }
          openHasFrames = true;
          frameIndent = item.indent();
        }
        case TEXT -> {
          if (openStart >= 0 && openHasFrames && isException(item)) {
            openStart = -1;
          }
        }
        case BLANK -> {}
        default -> openStart = -1;
      }
      return false;
    }

    private boolean startRegion(int i, Item header) {
      Stream first = new Stream(openStart);
      for (int k = openStart; k < out.size(); k++) {
        Item item = out.get(k);
        first.items.add(item);
        if (item.kind() == Kind.FRAME) {
          placeFrame(first, item, k);
        } else if (isSource(item)) {
          placeSource(first, item, k);
        }
      }
      first.fresh = first.frames == 0;
      out.subList(openStart, out.size()).clear();
      streams.add(first);
      Stream second = new Stream(i);
      second.items.add(header);
      streams.add(second);
      last = second;
      openStart = -1;
      return true;
    }

    /** Places one item of a region; false when the model cannot. */
    private boolean inside(int i, Item item) {
      switch (item.kind()) {
        case HEADER -> {
          messageOwner = null;
          long open = streams.stream().filter(s -> !s.closed).count();
          if (open == 0) {
            return endRegion(i, item);
          }
          if (open == 1 && streams.size() > 1 && !emit(true)) {
            return false; // after an exception: the closed streams are done, the open one goes on
          }
          if (streams.size() >= MAX_STREAMS) {
            return false;
          }
          Stream s = new Stream(i);
          s.items.add(item);
          streams.add(s);
          last = s;
          return true;
        }
        case FRAME -> {
          messageOwner = null;
          if (item.indent() != frameIndent) {
            return false;
          }
          Stream s = frameStream(item);
          if (s == null) {
            return false;
          }
          s.items.add(item);
          placeFrame(s, item, i);
          last = s;
          return true;
        }
        case TEXT -> {
          return text(i, item);
        }
        case BLANK -> {
          (messageOwner != null ? messageOwner : last).items.add(item);
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    private boolean text(int i, Item item) {
      if (isSource(item) && (messageOwner == null || awaitingSource() != null)) {
        Stream s = awaitingSource();
        if (s == null) {
          return false;
        }
        messageOwner = null;
        s.items.add(item);
        placeSource(s, item, i);
        last = s;
        return true;
      }
      if (messageOwner != null) {
        messageOwner.items.add(item);
        return true;
      }
      if (item.indent() == 0 && isException(item)) {
        Stream s = exceptionStream();
        if (s == null) {
          return false;
        }
        s.items.add(item);
        s.closed = true;
        messageOwner = s;
        last = s;
        return true;
      }
      last.items.add(item); // a log record or other output: beside the line it followed
      return true;
    }

    /** A line indented two more than the frames: a frame's source. */
    private boolean isSource(Item item) {
      return item.kind() == Kind.TEXT
          && item.endsLine()
          && frameIndent >= 0
          && item.indent() == frameIndent + 2;
    }

    private static boolean isException(Item item) {
      ExceptionLine e = ExceptionLines.parse(item.text().strip());
      return e != null && e.strong();
    }

    private void placeFrame(Stream s, Item item, int at) {
      Frame f = item.frame();
      s.held.add(key(f));
      s.fresh = false;
      s.frames++;
      s.lastFrame = f;
      s.lastIsFrame = true;
      s.lastIsSource = false;
      s.waitingSince = at;
    }

    private static void placeSource(Stream s, Item item, int at) {
      s.lastSource = item.text().strip();
      s.lastIsFrame = false;
      s.lastIsSource = true;
      s.waitingSince = at;
    }

    private static String key(Frame f) {
      return f.rawPath() + ':' + f.line() + ':' + f.function();
    }

    /** The stream a frame line belongs to, or {@code null}. */
    private Stream frameStream(Item item) {
      Frame f = item.frame();
      String key = key(f);
      Stream preferred = null;
      Stream waiting = null;
      for (Stream s : streams) {
        if (s.closed || s.held.contains(key) || s.lastIsFrame) {
          continue;
        }
        boolean called = s.fresh || calls(s.lastSource, f.function());
        if (called && earlier(s, preferred)) {
          preferred = s;
        }
        if (!called && s.lastSource != null && s.lastSource.startsWith("raise ")) {
          continue; // a raise statement is the innermost frame unless it calls this one
        }
        if (waiting == null || s.created < waiting.created) {
          waiting = s;
        }
      }
      if (preferred != null || waiting != null) {
        return preferred != null ? preferred : waiting;
      }
      Stream sourceless = null;
      Stream onlyOpen = null;
      int open = 0;
      for (Stream s : streams) {
        if (s.closed || s.held.contains(key)) {
          continue;
        }
        open++;
        onlyOpen = s;
        if (s.lastIsFrame && printsNoSource(s.lastFrame) && earlier(s, sourceless)) {
          sourceless = s;
        }
      }
      return sourceless != null ? sourceless : open == 1 ? onlyOpen : null;
    }

    /** A frame CPython prints with no source line: code run from a string or from stdin. */
    private static boolean printsNoSource(Frame f) {
      return f != null && ("<string>".equals(f.rawPath()) || "<stdin>".equals(f.rawPath()));
    }

    private static boolean earlier(Stream s, Stream than) {
      return than == null || s.waitingSince < than.waitingSince;
    }

    /** Whether the source line {@code source} calls {@code function} ({@code f(}, {@code .f(}). */
    static boolean calls(String source, String function) {
      if (source == null || function == null || function.isEmpty()) {
        return false;
      }
      int at = source.indexOf(function + "(");
      while (at >= 0) {
        if (at == 0 || !ExceptionLines.isNamePart(source.charAt(at - 1))) {
          return true;
        }
        at = source.indexOf(function + "(", at + 1);
      }
      return false;
    }

    /** The open stream that has waited longest for a source line, or {@code null}. */
    private Stream awaitingSource() {
      Stream best = null;
      for (Stream s : streams) {
        if (!s.closed && s.lastIsFrame && !printsNoSource(s.lastFrame) && earlier(s, best)) {
          best = s;
        }
      }
      return best;
    }

    /**
     * The stream an exception line ends: the one whose source line came last, else the one waiting
     * longest after a frame.
     */
    private Stream exceptionStream() {
      Stream afterSource = null;
      Stream afterFrame = null;
      for (Stream s : streams) {
        if (s.closed || s.frames == 0) {
          continue;
        }
        if (s.lastIsSource && (afterSource == null || s.waitingSince > afterSource.waitingSince)) {
          afterSource = s;
        } else if (s.lastIsFrame && earlier(s, afterFrame)) {
          afterFrame = s;
        }
      }
      return afterSource != null ? afterSource : afterFrame;
    }

    private boolean hasStreamWithoutFrames() {
      return streams.stream().anyMatch(s -> s.frames == 0);
    }

    /**
     * Writes the streams out, closed ones first in the order they started; with {@code carry} the
     * one open stream stays in the region, written later. False when a stream has no frame.
     */
    private boolean emit(boolean carry) {
      if (hasStreamWithoutFrames()) {
        return false;
      }
      changed |= streams.size() > 1;
      Stream open = null;
      for (Stream s : streams) {
        if (s.closed || !carry) {
          out.addAll(s.items);
        } else {
          open = s;
        }
      }
      streams.clear();
      if (open != null) {
        streams.add(open); // carried: the same state, its items written later
        last = open;
      }
      return true;
    }

    /** All streams closed: written out; the header starts the scan outside a region again. */
    private boolean endRegion(int i, Item header) {
      if (!emit(false)) {
        return false;
      }
      messageOwner = null;
      outside(i, header);
      out.add(header);
      return true;
    }
  }
}
