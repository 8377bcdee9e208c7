package io.tracemine.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Test oracle: the population rule of STUDY.md section 1, written independently of the generator.
 */
final class StudyRules {
  private static final String[] STEMS = {
    "tensorflow", "keras", "scikit-learn", "pytorch", "nltk", "huggingface", "spark-ml"
  };

  private StudyRules() {}

  static List<String> tags(String tags) {
    List<String> out = new ArrayList<>();
    for (String t : tags.split("[<>]")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Libraries a question with these SOTorrent tags belongs to (empty when not selected). */
  static List<String> libraries(String tagString) {
    List<String> tags = tags(tagString);
    List<String> libs = new ArrayList<>();
    if (tags.stream().noneMatch(t -> t.startsWith("python"))) {
      return libs;
    }
    for (String stem : STEMS) {
      Pattern p = Pattern.compile("(^|[^a-z0-9])" + Pattern.quote(stem) + "($|[^a-z])");
      if (tags.stream().anyMatch(t -> p.matcher(t).find())) {
        libs.add(stem);
      }
    }
    return libs;
  }
}
