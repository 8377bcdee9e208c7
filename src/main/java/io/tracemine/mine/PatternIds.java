package io.tracemine.mine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic pattern ids: lower-case hex SHA-1 of the library and the items. */
public final class PatternIds {
  private PatternIds() {}

  /**
   * SHA-1 over {@code library "\n"} then {@code file "\t" function "\n"} per item, UTF-8. Equal
   * item lists in different libraries get different ids; compare {@code pattern} across libraries.
   */
  public static String of(String library, String[] files, String[] functions) {
    StringBuilder b = new StringBuilder(library).append('\n');
    for (int i = 0; i < files.length; i++) {
      b.append(files[i]).append('\t').append(functions[i]).append('\n');
    }
    return hex(digest(b), 0);
  }

  /** The 20 bytes of {@link #of} for items of {@code dict}. */
  static byte[] sha1(String library, int[] items, ItemDictionary dict) {
    StringBuilder b = new StringBuilder(library).append('\n');
    for (int item : items) {
      b.append(dict.file(item)).append('\t').append(dict.function(item)).append('\n');
    }
    return digest(b);
  }

  /** Lower-case hex of the 20 bytes at {@code from}. */
  static String hex(byte[] bytes, int from) {
    return hex(bytes, from, 20);
  }

  /** Lower-case hex of a stored {@code pattern_id}'s bytes, as the tables' hex view gives it. */
  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  private static String hex(byte[] bytes, int from, int length) {
    char[] hex = new char[2 * length];
    for (int i = 0; i < length; i++) {
      byte x = bytes[from + i];
      hex[2 * i] = Character.forDigit((x >> 4) & 0xf, 16);
      hex[2 * i + 1] = Character.forDigit(x & 0xf, 16);
    }
    return new String(hex);
  }

  /**
   * One digest per thread: looking SHA-1 up in the security providers for each of millions of
   * patterns cost more than hashing them.
   */
  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
            }
          });

  private static byte[] digest(CharSequence text) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    return sha1.digest(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
