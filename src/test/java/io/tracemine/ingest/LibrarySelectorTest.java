package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibrarySelectorTest {
  static final LibrarySelector STUDY =
      new LibrarySelector(
          "python",
          List.of(
              new LibraryDefinition("tensorflow", List.of("tensorflow")),
              new LibraryDefinition("keras", List.of("keras")),
              new LibraryDefinition("scikit-learn", List.of("scikit-learn")),
              new LibraryDefinition("pytorch", List.of("pytorch")),
              new LibraryDefinition("nltk", List.of("nltk")),
              new LibraryDefinition("huggingface", List.of("huggingface")),
              new LibraryDefinition("spark-ml", List.of("spark-ml"))));

  @ParameterizedTest
  @CsvSource({
    "<python><tensorflow>, tensorflow",
    "<python-3.x><tensorflow2.0>, tensorflow",
    "<python><tensorflow-lite>, tensorflow",
    "<python><tf.keras>, keras",
    "<python><pytorch-lightning>, pytorch",
    "<python><huggingface-transformers>, huggingface",
    "<python><apache-spark-ml>, spark-ml",
    "|python|keras|tensorflow|, tensorflow;keras",
    "<python><scikit-learn><nltk>, scikit-learn;nltk",
  })
  void selectsTheStudysTagVariants(String tags, String expected) {
    assertThat(STUDY.librariesOf(Tags.parse(tags))).containsExactly(expected.split(";"));
  }

  @ParameterizedTest
  @CsvSource({
    "<ipython><tensorflow>", // ipython is not a python tag
    "<python><apache-spark-mllib>", // spark-mllib is not spark-ml
    "<tensorflow><keras>", // no python tag
    "<python><kerasx>",
    "<python><mykeras>",
    "''",
  })
  void rejectsLookalikes(String tags) {
    assertThat(STUDY.librariesOf(Tags.parse(tags))).isEmpty();
  }

  @Test
  void parsesBothTagEncodings() {
    assertThat(Tags.parse("<python><tf.keras>")).containsExactly("python", "tf.keras");
    assertThat(Tags.parse("|python|tf.keras|")).containsExactly("python", "tf.keras");
    assertThat(Tags.parse("<Python><unclosed")).containsExactly("python", "unclosed");
    assertThat(Tags.parse(null)).isEmpty();
  }

  /**
   * Tags written by other tools as a list, or escaped twice by a re-export: before, the pieces were
   * {@code ["python",} and {@code &lt;python&gt;&lt;keras&gt;}, and no question was selected (exit
   * 0, {@code questions_selected=0}, the stored posts replaced by none).
   */
  @Test
  void tagsWrittenAsAListOrEscapedTwiceAreRead() {
    for (String tags :
        List.of(
            "[\"python\", \"keras\"]",
            "['python', 'keras']",
            "python,keras",
            "python, keras",
            "&lt;python&gt;&lt;keras&gt;",
            "&amp;lt;python&amp;gt;&amp;lt;keras&amp;gt;")) {
      assertThat(Tags.parse(tags)).as(tags).containsExactly("python", "keras");
      assertThat(STUDY.librariesOf(Tags.parse(tags))).as(tags).containsExactly("keras");
    }
    assertThat(Tags.parse("<c&amp;><python>")).containsExactly("c&", "python");
  }

  @Test
  void tagsOutsideTheBracketsOfAValueMixingBothEncodingsAreRead() {
    assertThat(Tags.parse("<python>|keras|")).containsExactly("python", "keras");
    assertThat(Tags.parse("|python|<keras>")).containsExactly("python", "keras");
    assertThat(Tags.parse("<python><tensorflow> keras"))
        .containsExactly("python", "tensorflow", "keras");
    assertThat(STUDY.librariesOf(Tags.parse("<python>|keras|"))).containsExactly("keras");
    assertThat(STUDY.librariesOf(Tags.parse("|keras|<python>"))).containsExactly("keras");
  }

  @Property
  void aStemFollowedByAVersionOrSuffixStillMatches(
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String prefixWord,
      @ForAll("versions") String version) {
    String tag = prefixWord.toLowerCase() + "-keras" + version;
    assertThat(LibrarySelector.matches(tag, "keras")).isTrue();
    assertThat(LibrarySelector.matches(prefixWord.toLowerCase() + "keras" + version, "keras"))
        .isFalse();
  }

  /**
   * Oracle: the rule as stated (a python tag, then per library any tag matching any stem), written
   * with streams as the selector was before its loops; the same libraries in the same order.
   */
  @Property
  void selectsWhatTheStatedRuleSelects(@ForAll("tagLists") List<String> tags) {
    List<String> expected = new java.util.ArrayList<>();
    if (tags.stream().anyMatch(t -> t.startsWith("python"))) {
      for (LibraryDefinition library : STUDY.libraries()) {
        if (tags.stream()
            .anyMatch(t -> library.stems().stream().anyMatch(s -> LibrarySelector.matches(t, s)))) {
          expected.add(library.name());
        }
      }
    }
    assertThat(STUDY.librariesOf(tags)).isEqualTo(expected);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> tagLists() {
    return net.jqwik.api.Arbitraries.of(
            "python",
            "python-3.x",
            "ipython",
            "keras",
            "tf.keras",
            "kerasx",
            "tensorflow2.0",
            "pytorch-lightning",
            "apache-spark-ml",
            "apache-spark-mllib",
            "nltk",
            "scikit-learn",
            "huggingface-transformers",
            "pandas",
            "")
        .list()
        .ofMaxSize(6);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> versions() {
    return net.jqwik.api.Arbitraries.of("", "2", "2.0", "-gpu", ".io", "-3.1");
  }
}
