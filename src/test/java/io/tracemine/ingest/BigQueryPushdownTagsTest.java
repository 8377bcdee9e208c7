package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The query BigQuery runs must keep every question {@link LibrarySelector} then selects (it may
 * keep more): its tag patterns, read here with {@code java.util.regex}, which reads these RE2
 * patterns alike.
 */
class BigQueryPushdownTagsTest {
  private static final List<Pattern> PATTERNS =
      BigQueryPushdown.tagPatterns(LibrarySelectorTest.STUDY).stream()
          .map(Pattern::compile)
          .toList();

  private static boolean pushedDown(String tags) {
    String lower = tags.toLowerCase(Locale.ROOT);
    return PATTERNS.stream().allMatch(p -> p.matcher(lower).find());
  }

  @Test
  void pipeTagsAsBigQuerysPublicTablesAndTheNewDumpsWriteThemArePushedDown() {
    assertThat(pushedDown("python|keras")).isTrue();
    assertThat(pushedDown("|python-3.x|tensorflow|")).isTrue();
    assertThat(pushedDown("<python><keras>")).isTrue();
    assertThat(pushedDown("<keras>|python|")).isTrue();
    assertThat(pushedDown("<ipython><keras>")).isFalse();
    assertThat(pushedDown("ipython|keras")).isFalse();
  }

  @Property(tries = 2000)
  void everyQuestionTheSelectorSelectsIsPushedDownInEveryEncoding(
      @ForAll("tagLists") List<String> tags, @ForAll("encodings") int encoding) {
    String value =
        switch (encoding) {
          case 0 -> "<" + String.join("><", tags) + ">";
          case 1 -> "|" + String.join("|", tags) + "|";
          case 2 -> String.join("|", tags);
          case 3 -> "<" + tags.get(0) + ">|" + String.join("|", tags.subList(1, tags.size()));
          case 4 -> "[\"" + String.join("\", \"", tags) + "\"]";
          case 5 -> "['" + String.join("', '", tags) + "']";
          case 6 -> String.join(",", tags);
          default -> "&lt;" + String.join("&gt;&lt;", tags) + "&gt;";
        };
    if (!LibrarySelectorTest.STUDY.librariesOf(Tags.parse(value)).isEmpty()) {
      assertThat(pushedDown(value)).as(value).isTrue();
    }
  }

  @Provide
  Arbitrary<List<String>> tagLists() {
    return Arbitraries.of(
            "python",
            "Python-3.x",
            "ipython",
            "keras",
            "tf.keras",
            "tensorflow2.0",
            "pytorch-lightning",
            "r",
            "numpy",
            "apache-spark-ml")
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<Integer> encodings() {
    return Arbitraries.integers().between(0, 7);
  }
}
