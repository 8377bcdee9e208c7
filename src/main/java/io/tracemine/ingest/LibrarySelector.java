package io.tracemine.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which libraries a question belongs to from its tags (STUDY.md §1): it needs a tag that
 * starts with the python prefix, and for each library a tag in which one of the library's stems
 * starts at a word boundary (tag start, or after a non-alphanumeric character) and ends at the end
 * of the tag or before a non-letter (a version number, {@code -}, {@code .}). So {@code tensorflow}
 * matches {@code tensorflow2.0} and {@code tensorflow-lite}, {@code keras} matches {@code
 * tf.keras}, {@code spark-ml} matches {@code apache-spark-ml} but not {@code apache-spark-mllib},
 * and {@code ipython} is not a python tag.
 */
public record LibrarySelector(String pythonPrefix, List<LibraryDefinition> libraries)
    implements Serializable {
  public LibrarySelector {
    pythonPrefix = pythonPrefix.toLowerCase(Locale.ROOT);
    libraries = List.copyOf(libraries);
  }

  /**
   * The libraries (in configured order) a question with these tags belongs to; empty if none. Plain
   * loops: it runs for every question read (streams here were a fifth of ingest's CPU).
   */
  public List<String> librariesOf(List<String> tags) {
    List<String> found = new ArrayList<>();
    if (!hasPythonTag(tags)) {
      return found;
    }
    for (LibraryDefinition library : libraries) {
      if (anyTagMatches(tags, library.stems())) {
        found.add(library.name());
      }
    }
    return found;
  }

  private boolean hasPythonTag(List<String> tags) {
    for (String tag : tags) {
      if (tag.startsWith(pythonPrefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyTagMatches(List<String> tags, List<String> stems) {
    for (String tag : tags) {
      for (String stem : stems) {
        if (matches(tag, stem)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean matches(String tag, String stem) {
    for (int at = tag.indexOf(stem); at >= 0; at = tag.indexOf(stem, at + 1)) {
      boolean startsWord = at == 0 || !Character.isLetterOrDigit(tag.charAt(at - 1));
      int end = at + stem.length();
      boolean endsWord = end == tag.length() || !Character.isLetter(tag.charAt(end));
      if (startsWord && endsWord) {
        return true;
      }
    }
    return false;
  }
}
