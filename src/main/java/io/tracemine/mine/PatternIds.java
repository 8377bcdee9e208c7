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
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-1").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte x : d) {
        hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
    }
  }
}
