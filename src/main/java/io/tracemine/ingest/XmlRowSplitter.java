package io.tracemine.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Splits a {@code Posts.xml} of any layout (all on one line, a row's attributes over several lines,
 * {@code <row ...></row>}) into pieces that {@link ParseXmlRows} parses one at a time, as it parses
 * the lines of a dump written one row per line: each {@code <row>} element (with {@code </row>} and
 * any content before it), each other tag (the XML declaration, the root element's tags) and each
 * run of text between tags. Comments and processing instructions are dropped; a CDATA section is
 * text, a piece with {@link #CDATA_IS_TEXT}; markup the input ends inside is a piece with its
 * {@link #endsInside} reason (what follows its {@code <!--}, {@code <![CDATA[} or {@code <?} is not
 * read as rows). It works on bytes (the markup is ASCII, and no byte of a multi-byte UTF-8
 * character is), so invalid UTF-8 stays for the row parser to reject. A row ends at its {@code >}
 * outside quoted attribute values; a row the file ends inside, a row cut off before the next tag
 * ({@code <} inside it), or a row longer than {@code maxBytes} is a piece with its {@link
 * Piece#problem} (an over-long row is skipped up to its end).
 */
final class XmlRowSplitter implements Iterator<XmlRowSplitter.Piece> {
  /** One piece of the file: its bytes, and why it cannot be a row (null when it may be). */
  record Piece(byte[] bytes, String problem) {}

  /** The problem of a row over {@code maxBytes}, skipped up to its end. */
  static String longerThan(int maxBytes) {
    return "the row is longer than " + maxBytes + " bytes";
  }

  private final InputStream in;
  private final int maxBytes;
  private final String endsInsideRow;
  private final Bytes piece = new Bytes();
  private final byte[] buffer;
  private int bufferAt;
  private int bufferEnd;
  private byte[] replay = new byte[0];
  private int replayAt;
  private int pushedBack = NONE;
  private MarkupOverLines.Markup endedInside;
  private boolean afterCutOff;
  private Piece next;

  private static final int NONE = -2;

  /**
   * Markup cannot hold a raw {@code <}, not even in a quoted value, so a {@code <} inside a row
   * starts the next tag: the row was cut off (a truncated line joined to the next row).
   */
  static final String CUT_OFF_BEFORE_NEXT_TAG = "the row is cut off: the next tag starts inside it";

  static final String FILE_ENDS_INSIDE_ROW = "the file ends inside the row (cut off)";

  /**
   * A document type's internal subset holds declarations only ({@code <!ENTITY …>}, comments,
   * processing instructions): an element start inside it means the subset was never closed, and the
   * element (a row) is read as the next piece, not hidden in the declaration.
   */
  static final String DOCUMENT_TYPE_NOT_CLOSED =
      "the document type is not closed: an element starts inside its internal subset";

  static final String ENDS_INSIDE_COMMENT = endsInside(MarkupOverLines.Markup.COMMENT);

  static final String CDATA_IS_TEXT =
      "a CDATA section is text between rows: nothing inside it is read as rows";

  /** Bytes of a comment or CDATA section kept in its piece, to show where it starts. */
  private static final int MARKUP_SHOWN = 200;

  /** Why a piece holds markup the input ends inside: nothing after its opening mark is rows. */
  static String endsInside(MarkupOverLines.Markup markup) {
    return "the input ends inside a "
        + markup.name
        + ": '"
        + markup.open
        + "' is never closed by '"
        + markup.close
        + "', so nothing after it is read as rows";
  }

  static final String LINE_ENDS_INSIDE_ROW =
      "the line ends inside the row (cut off, or broken over lines where a dump holds one"
          + " <row .../> per line)";

  XmlRowSplitter(InputStream in, int maxBytes) {
    this(in, maxBytes, FILE_ENDS_INSIDE_ROW, 1 << 16);
  }

  private XmlRowSplitter(InputStream in, int maxBytes, String endsInsideRow, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
    this.maxBytes = maxBytes;
    this.endsInsideRow = endsInsideRow;
    this.next = advance();
  }

  /**
   * The pieces of one line of a dump read by lines that holds several rows ({@link
   * PostsXmlLine#holdsALaterRow}), each row parsed, or rejected, on its own; a row the line ends
   * inside is {@link #LINE_ENDS_INSIDE_ROW}. The line was read whole already, so it has no size
   * limit here.
   */
  static XmlRowSplitter ofLine(byte[] line) {
    return new XmlRowSplitter(
        new ByteArrayInputStream(line),
        Integer.MAX_VALUE,
        LINE_ENDS_INSIDE_ROW,
        Math.max(1, line.length));
  }

  /**
   * The pieces of one line of a dump read by lines ({@link #ofLine}), all of them; {@link
   * MarkupOverLines} when the line ends inside a comment, a CDATA section or a processing
   * instruction, whose end is on a later line.
   */
  static java.util.List<Piece> piecesOfLine(byte[] line, String file) {
    XmlRowSplitter splitter = ofLine(line);
    java.util.List<Piece> pieces = new java.util.ArrayList<>();
    splitter.forEachRemaining(pieces::add);
    if (splitter.endedInside != null) {
      throw new MarkupOverLines(
          splitter.endedInside,
          file,
          new String(line, java.nio.charset.StandardCharsets.UTF_8).strip());
    }
    return pieces;
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Piece next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    Piece current = next;
    next = advance();
    return current;
  }

  private Piece advance() {
    while (true) {
      int c = read();
      if (c < 0) {
        return null;
      }
      Piece found = c == '<' ? tag() : textUpToTag(c);
      if (found != null) {
        return found;
      }
    }
  }

  /** Text from {@code first} up to the next {@code <} (left unread); null when only blank. */
  private Piece textUpToTag(int first) {
    piece.reset();
    boolean blank = true;
    int c = first;
    while (c >= 0 && c != '<') {
      blank &=
          c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF;
      piece.add(c, maxBytes);
      c = read();
    }
    pushedBack = c;
    return blank ? null : new Piece(piece.toByteArray(), null);
  }

  /**
   * The tag that starts after a {@code <}; null for a comment or a processing instruction, a piece
   * with {@link #CDATA_IS_TEXT} for a CDATA section. An opening mark that cuts a row off (a raw
   * {@code <} in a value) is read as a tag, not as markup that would hide every row up to its end,
   * and it ends at the next {@code <}, as a row does: the broken row costs only its own pieces.
   */
  private Piece tag() {
    boolean cutARowOff = afterCutOff;
    afterCutOff = false;
    piece.reset();
    piece.add('<', maxBytes);
    MarkupOverLines.Markup markup = cutARowOff ? null : openedMarkup(piece, maxBytes);
    if (markup != null) {
      boolean closed = readPast(piece, markup.close, MARKUP_SHOWN, Integer.MAX_VALUE);
      if (!closed) {
        endedInside = markup;
        return new Piece(piece.toByteArray(), endsInside(markup));
      }
      return markup == MarkupOverLines.Markup.CDATA
          ? new Piece(piece.toByteArray(), CDATA_IS_TEXT)
          : null;
    }
    boolean declaration = piece.isDeclaration();
    // a document type's internal subset, [<!ENTITY …>], holds '<' and '>'
    int brackets = piece.count('[');
    int quote = 0;
    boolean inComment = false; // a comment in the internal subset: quotes and brackets are text
    int c;
    while ((c = read()) >= 0) {
      if (c == '<' && (piece.isRowStart() || cutARowOff)) {
        pushedBack = c;
        afterCutOff = true;
        return new Piece(piece.toByteArray(), CUT_OFF_BEFORE_NEXT_TAG);
      }
      if (c == '<' && declaration && brackets > 0 && quote == 0 && !inComment) {
        int after = read();
        unread(after);
        if (isNameStart(after)) {
          pushedBack = c;
          return new Piece(piece.toByteArray(), DOCUMENT_TYPE_NOT_CLOSED);
        }
      }
      piece.add(c, maxBytes);
      if (inComment) {
        inComment = !piece.endsWith("-->");
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (declaration && brackets > 0 && c == '-' && piece.endsWith("<!--")) {
        inComment = true;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (declaration && (c == '[' || c == ']')) {
        brackets += c == '[' ? 1 : -1;
      } else if (c == '>' && brackets <= 0) {
        if (piece.overflowed) {
          return new Piece(piece.toByteArray(), longerThan(maxBytes));
        }
        takeEndTagOfRow();
        return new Piece(piece.toByteArray(), null);
      }
    }
    return new Piece(piece.toByteArray(), endsInsideRow);
  }

  /**
   * After {@code <row ...>} (not self-closed): takes the row's content and its end tag ({@code
   * </row>}, also {@code </row >}), as an XML parser reads the element: text, comments, CDATA,
   * processing instructions and other elements inside it, up to {@code maxBytes}. When no end tag
   * closes it first (another {@code <row} starts, an end tag of another element, a stray {@code <},
   * the input ends), nothing is taken: what was read belongs to the next pieces, and the start tag
   * alone is the row, rejected by the parser.
   */
  private void takeEndTagOfRow() {
    if (!piece.isRowStartTag()) {
      return;
    }
    Bytes seen = new Bytes();
    if (readRowContent(seen)) {
      piece.addAll(seen.toByteArray());
      return;
    }
    // not its end: what was read belongs to the next pieces, before what was left to replay
    seen.addAll(replay, replayAt);
    replay = seen.toByteArray();
    replayAt = 0;
  }

  /** Reads a row's content into {@code seen}; true when its end tag closed it. */
  private boolean readRowContent(Bytes seen) {
    int depth = 0;
    int c;
    while ((c = take(seen)) >= 0) {
      if (seen.count > maxBytes) {
        return false;
      }
      if (c != '<') {
        continue;
      }
      int before = seen.count;
      MarkupOverLines.Markup markup = openedMarkup(seen, Integer.MAX_VALUE);
      if (markup != null) {
        if (!readPast(seen, markup.close, Integer.MAX_VALUE, maxBytes)) {
          return false;
        }
        continue;
      }
      if (seen.count > before) {
        return false; // "<!" that opens no comment or CDATA section
      }
      c = take(seen);
      if (c == '/') {
        String name = nameIn(seen, take(seen));
        if (!closesTag(seen)) {
          return false;
        }
        if (depth == 0) {
          return name.equals("row");
        }
        depth--;
      } else {
        String name = nameIn(seen, c);
        if (name.isEmpty() || name.equals("row")) {
          return false; // a stray '<', or the next row: this one has no end tag
        }
        int last = tagRestIn(seen);
        if (last < 0) {
          return false;
        }
        depth += last == '/' ? 0 : 1;
      }
    }
    return false;
  }

  private int take(Bytes seen) {
    int c = read();
    if (c >= 0) {
      seen.add(c, Integer.MAX_VALUE);
    }
    return c;
  }

  /** A name starting with {@code first} (already in {@code seen}); the byte after it is taken. */
  private String nameIn(Bytes seen, int first) {
    StringBuilder name = new StringBuilder();
    int c = first;
    while (c >= 0 && c != '>' && c != '/' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      name.append((char) c);
      c = take(seen);
    }
    seen.lastTaken = c;
    return name.toString();
  }

  /** After an end tag's name: blanks, then {@code >}; false otherwise. */
  private boolean closesTag(Bytes seen) {
    int c = seen.lastTaken;
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      c = take(seen);
    }
    return c == '>';
  }

  /** The rest of a start tag after its name, quotes respected: its byte before '>', or -1. */
  private int tagRestIn(Bytes seen) {
    int c = seen.lastTaken;
    int before = ' ';
    int quote = 0;
    while (c >= 0) {
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '<') {
        return -1;
      } else if (c == '>') {
        return before;
      }
      before = c;
      c = take(seen);
    }
    return -1;
  }

  /** Whether {@code c} after {@code previous} after {@code beforePrevious} ends {@code close}. */
  private static boolean closes(String close, int c, int previous, int beforePrevious) {
    return c == close.charAt(close.length() - 1)
        && previous == close.charAt(close.length() - 2)
        && (close.length() == 2 || beforePrevious == close.charAt(0));
  }

  /**
   * The markup a {@code <} opens, its opening mark taken into {@code into} (each byte kept up to
   * {@code limit}); null for a tag, whose characters read so far are in {@code into} (the next one
   * pushed back).
   */
  private MarkupOverLines.Markup openedMarkup(Bytes into, int limit) {
    int c = read();
    if (c == '?') {
      into.add(c, limit);
      return MarkupOverLines.Markup.PROCESSING_INSTRUCTION;
    }
    if (c != '!') {
      pushedBack = c;
      return null;
    }
    into.add(c, limit);
    c = read();
    MarkupOverLines.Markup markup =
        c == '-' ? MarkupOverLines.Markup.COMMENT : c == '[' ? MarkupOverLines.Markup.CDATA : null;
    if (markup == null) {
      pushedBack = c;
      return null;
    }
    into.add(c, limit);
    for (int at = 3; at < markup.open.length(); at++) {
      c = read();
      if (c != markup.open.charAt(at)) {
        pushedBack = c;
        return null;
      }
      into.add(c, limit);
    }
    return markup;
  }

  /**
   * Reads up to and with {@code close} (two or three characters) into {@code into}, keeping its
   * first {@code keep} bytes; false when the input ends first or {@code into} grows past {@code
   * maxCount} bytes.
   */
  private boolean readPast(Bytes into, String close, int keep, int maxCount) {
    int previous = -1;
    int beforePrevious = -1;
    int c;
    while ((c = read()) >= 0) {
      into.add(c, keep);
      if (into.count > maxCount) {
        return false;
      }
      if (closes(close, c, previous, beforePrevious)) {
        return true;
      }
      beforePrevious = previous;
      previous = c;
    }
    return false;
  }

  /** Makes {@code c} (a byte or -1) the next byte {@link #read} returns, before what was left. */
  private void unread(int c) {
    if (c < 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(replay, replayAt, replay.length);
    byte[] again = new byte[rest.length + 1];
    again[0] = (byte) c;
    System.arraycopy(rest, 0, again, 1, rest.length);
    replay = again;
    replayAt = 0;
  }

  private static boolean isNameStart(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == ':' || c >= 0x80;
  }

  private int read() {
    if (pushedBack != NONE) {
      int c = pushedBack;
      pushedBack = NONE;
      return c;
    }
    if (replayAt < replay.length) {
      return replay[replayAt++] & 0xFF;
    }
    if (bufferAt == bufferEnd && !fill()) {
      return -1;
    }
    return buffer[bufferAt++] & 0xFF;
  }

  private boolean fill() {
    try {
      int n = in.read(buffer);
      bufferAt = 0;
      bufferEnd = Math.max(n, 0);
      return n > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A piece's bytes, kept up to a limit (not synchronized: one per splitter). */
  private static final class Bytes {
    private byte[] buf = new byte[256];
    private int count;
    boolean overflowed;

    /** The byte a name's reading stopped at (taken already), or -1 at the input's end. */
    int lastTaken;

    void reset() {
      count = 0;
      overflowed = false;
    }

    void add(int b, int limit) {
      if (count >= limit) {
        overflowed = true;
        return;
      }
      if (count == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      buf[count++] = (byte) b;
    }

    void addAll(byte[] bytes) {
      for (byte b : bytes) {
        add(b, Integer.MAX_VALUE);
      }
    }

    void addAll(byte[] bytes, int from) {
      for (int i = from; i < bytes.length; i++) {
        add(bytes[i], Integer.MAX_VALUE);
      }
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(buf, count);
    }

    int count(int b) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        n += buf[i] == b ? 1 : 0;
      }
      return n;
    }

    /** Whether the bytes kept end with {@code ascii}. */
    boolean endsWith(String ascii) {
      int n = ascii.length();
      if (count < n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (buf[count - n + i] != ascii.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    boolean isDeclaration() {
      return count >= 2 && buf[0] == '<' && buf[1] == '!';
    }

    boolean isRowStart() {
      return count >= 5
          && buf[0] == '<'
          && buf[1] == 'r'
          && buf[2] == 'o'
          && buf[3] == 'w'
          && (buf[4] == ' ' || buf[4] == '\t' || buf[4] == '\r' || buf[4] == '\n' || buf[4] == '/');
    }

    boolean isRowStartTag() {
      return count > 5
          && buf[count - 2] != '/'
          && buf[0] == '<'
          && buf[1] == 'r'
          && buf[2] == 'o'
          && buf[3] == 'w'
          && (buf[4] == ' ' || buf[4] == '\t' || buf[4] == '\r' || buf[4] == '\n' || buf[4] == '>');
    }
  }
}
