package io.tracemine.ingest;

import java.util.Locale;

/**
 * Why a file given as an XML dump cannot be read as one, judged from its name and first bytes: an
 * archive (Stack Exchange ships its dumps as {@code .7z}), a compression Hadoop cannot read here, a
 * compressed file whose name does not ask for its codec, or UTF-16 text. Each reason says how to
 * make the file readable.
 */
final class XmlFileFormat {
  /**
   * Bytes of a file's beginning that {@link #problem} needs (10), with room for the XML declaration
   * that {@link #declaredEncodingProblem} reads in an uncompressed file.
   */
  static final int HEAD_BYTES = 512;

  private static final byte[] SEVEN_ZIP = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
  private static final byte[] ZIP = {'P', 'K', 0x03, 0x04};
  private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0x00};
  private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
  static final byte[] GZIP = {0x1F, (byte) 0x8B};
  private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
  private static final byte[] UTF16_LE_BOM = {(byte) 0xFF, (byte) 0xFE};
  private static final byte[] UTF16_BE_BOM = {(byte) 0xFE, (byte) 0xFF};
  private static final byte[] UTF16_LE_LT = {'<', 0x00};
  private static final byte[] UTF16_BE_LT = {0x00, '<'};

  private XmlFileFormat() {}

  /**
   * Why the file cannot be read as XML, as the rest of a sentence starting with its name (null when
   * nothing is wrong): {@code name} is the file's name, {@code head} its first {@link #HEAD_BYTES}
   * bytes, {@code zstdReadable} whether this Hadoop has its native zstd codec.
   */
  static String problem(String name, byte[] head, boolean zstdReadable) {
    // Hadoop picks a codec by the name's exact suffix: "Posts.XML.GZ" would be read as text
    if (startsWith(head, SEVEN_ZIP)) {
      return "is a 7-Zip archive, not a Posts.xml dump: extract the dump from it first (7z x "
          + name
          + ")";
    }
    if (startsWith(head, ZIP)) {
      return "is a ZIP archive, not a Posts.xml dump: extract the dump from it first (unzip "
          + name
          + ")";
    }
    if (startsWith(head, XZ)) {
      return "is xz-compressed, which Hadoop cannot read: decompress it (xz -d "
          + name
          + "), or compress it with gzip or bzip2";
    }
    if (startsWith(head, ZSTD)) {
      if (!zstdReadable) {
        return "is zstd-compressed, and this Hadoop has no native zstd library: decompress it"
            + " (zstd -d "
            + name
            + "), or compress it with gzip or bzip2";
      }
      return name.endsWith(".zst") ? null : misnamed(name, "zstd", ".zst");
    }
    if (startsWith(head, GZIP) && !name.endsWith(".gz")) {
      return misnamed(name, "gzip", ".gz");
    }
    if (isBzip2(head) && !name.endsWith(".bz2")) {
      return misnamed(name, "bzip2", ".bz2");
    }
    if (startsWith(head, UTF16_LE_BOM)
        || startsWith(head, UTF16_BE_BOM)
        || startsWith(head, UTF16_LE_LT)
        || startsWith(head, UTF16_BE_LT)) {
      return utf16Refusal("is", "iconv -f UTF-16 -t UTF-8 " + name + " > Posts-utf8.xml");
    }
    if (name.endsWith(".gz") && !startsWith(head, GZIP)) {
      return notCompressed(".gz", "gzip", head, "1f 8b");
    }
    if (name.endsWith(".bz2") && !startsWith(head, BZIP2_MAGIC)) {
      return notCompressed(".bz2", "bzip2", head, "42 5a 68");
    }
    return null;
  }

  private static String utf16Refusal(String verb, String conversion) {
    return verb
        + " UTF-16 text; a Posts.xml dump is read as UTF-8, as Stack Exchange writes it: convert it"
        + " ("
        + conversion
        + ")";
  }

  /**
   * Whether text decoded as UTF-8 was UTF-16: its byte-order mark (two replacement characters) or a
   * {@code <} next to a NUL in its first characters.
   */
  private static boolean looksLikeUtf16(String head) {
    String start = head.substring(0, Math.min(head.length(), 8));
    return start.startsWith("\uFFFD\uFFFD<")
        || start.contains("<\u0000")
        || start.contains("\u0000<");
  }

  private static final java.util.regex.Pattern DECLARED_ENCODING =
      java.util.regex.Pattern.compile(
          "\\A\uFEFF?\\s*<\\?xml\\s[^?>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

  /** Encodings whose bytes read as UTF-8 read them: UTF-8 itself and its ASCII subset. */
  private static final java.util.Set<String> READ_AS_UTF8 =
      java.util.Set.of("utf-8", "utf8", "us-ascii", "ascii");

  /**
   * Why a dump whose decompressed text starts with {@code head} cannot be read as UTF-8: its XML
   * declaration names another encoding ({@code encoding="ISO-8859-1"}), whose bytes would be
   * rejected as invalid UTF-8 or, worse, read as other characters. Null when it declares UTF-8 or
   * ASCII, or no encoding.
   */
  static String declaredEncodingProblem(String name, String head) {
    if (looksLikeUtf16(head)) {
      return utf16Refusal("holds", "decompress it, then iconv -f UTF-16 -t UTF-8");
    }
    java.util.regex.Matcher m = DECLARED_ENCODING.matcher(head);
    if (!m.find() || READ_AS_UTF8.contains(m.group(1).toLowerCase(Locale.ROOT))) {
      return null;
    }
    return "declares encoding=\""
        + m.group(1)
        + "\" in its XML declaration; a Posts.xml dump is read as UTF-8, as Stack Exchange"
        + " writes it: convert it (iconv -f "
        + m.group(1)
        + " -t UTF-8 "
        + name
        + " > Posts-utf8.xml, and change the declaration)";
  }

  private static String notCompressed(String extension, String codec, byte[] head, String magic) {
    String start =
        head.length == 0
            ? "nothing (the file is empty)"
            : Utf8.hex(head, 0, Math.min(4, head.length));
    return "is named "
        + extension
        + " but is not "
        + codec
        + "-compressed (it starts with "
        + start
        + ", "
        + codec
        + " with "
        + magic
        + ")";
  }

  private static String misnamed(String name, String codec, String extension) {
    boolean upperCase = name.toLowerCase(Locale.ROOT).endsWith(extension);
    return "is "
        + codec
        + "-compressed but not named "
        + extension
        + (upperCase ? " (Hadoop decompresses only a lower-case suffix)" : "")
        + ", so it would be read as text: rename it to end in "
        + extension;
  }

  /** "BZh", the block size digit, then the first block's magic 0x314159265359 ("1AY&SY"). */
  private static boolean isBzip2(byte[] head) {
    return head.length >= 10
        && head[0] == 'B'
        && head[1] == 'Z'
        && head[2] == 'h'
        && head[3] >= '1'
        && head[3] <= '9'
        && new String(head, 4, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("1AY&SY");
  }

  private static final java.util.regex.Pattern ROOT_START =
      java.util.regex.Pattern.compile(
          "\\A\uFEFF?\\s*(?:<\\?[^>]*\\?>\\s*|<!--.*?-->\\s*|<!DOCTYPE[^>]*>\\s*)*"
              + "<([A-Za-z_][\\w.-]*)(?:\\s[^>]*)?(/?)>",
          java.util.regex.Pattern.DOTALL);

  private static final java.util.regex.Pattern ROOT_END =
      java.util.regex.Pattern.compile("</\\s*([A-Za-z_][\\w.-]*)\\s*>[\\s\\x00]*\\z");

  /**
   * The root element a dump's first bytes open ({@code posts} for {@code <?xml …?><posts>}), or
   * null: none, a self-closed one, or a {@code <row} first (a part of a dump split without its root
   * lines).
   */
  static String openedRoot(String head) {
    java.util.regex.Matcher m = ROOT_START.matcher(head);
    return m.lookingAt() && m.group(2).isEmpty() && !m.group(1).equals("row") ? m.group(1) : null;
  }

  /**
   * The element whose end tag ends a dump's last bytes ({@code posts} for {@code </posts>}), or
   * null.
   */
  static String closedRoot(String tail) {
    java.util.regex.Matcher m = ROOT_END.matcher(tail);
    return m.find() ? m.group(1) : null;
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
