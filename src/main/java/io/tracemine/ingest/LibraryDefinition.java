package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A library to study: its name and the tag stems that select its questions (STUDY.md §1). */
public record LibraryDefinition(String name, List<String> stems) implements Serializable {
  /** A library's name: it labels rows and folders of the stats and report tables. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  /** What a Stack Overflow tag is made of (tags are matched in lower case). */
  private static final Pattern TAG_TEXT = Pattern.compile("[a-z0-9+#.-]+");

  public LibraryDefinition {
    requireName(name);
    if (stems == null || stems.isEmpty()) {
      throw new InvalidConfigException(
          "Library '" + name + "' has no tag stems: set library." + name + ".stems");
    }
    for (String stem : stems) {
      requireTagText(stem, "library." + name + ".stems");
    }
    stems = List.copyOf(stems);
  }

  /** Fails when {@code name} cannot be a library's name. */
  static void requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidConfigException(
          "'libraries' names a library '"
              + name
              + "': a library name is lower-case letters, digits, '-' and '_'");
    }
  }

  /**
   * Fails naming {@code key} when {@code text} could never be part of a tag, so that a library
   * would silently select nothing (Stack Overflow tags are lower-case letters, digits, {@code + # .
   * -}).
   */
  static void requireTagText(String text, String key) {
    if (TAG_TEXT.matcher(text).matches()) {
      return;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    throw new InvalidConfigException(
        "'"
            + key
            + "' holds '"
            + text
            + "', which no tag can contain: tags are lower-case letters, digits and + # . -"
            + (TAG_TEXT.matcher(lower).matches() ? "; write '" + lower + "'" : ""));
  }
}
