package io.tracemine.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small Posts.xml inputs for ingest tests. */
public final class PostsFixtures {
  private PostsFixtures() {}

  /**
   * Asserts that ingest's {@code counts} account for every row read: the selected questions and
   * answers, the rows not selected and the rejected ones add up to {@code rows_read}.
   */
  public static void assertEveryRowAccounted(java.util.Map<String, Long> counts) {
    org.assertj.core.api.Assertions.assertThat(
            counts.get("questions_selected")
                + counts.get("answers_selected")
                + counts.get("not_selected")
                + counts.get("rejected"))
        .as("selected, not selected and rejected rows against rows_read: %s", counts)
        .isEqualTo(counts.get("rows_read"));
  }

  /** The ingest configuration reading src/test/resources/ingest/Posts-small.xml. */
  public static IngestConfig smallXmlConfig() {
    return IngestConfig.from(
        io.tracemine.config.TestSettings.withOverrides(
            null,
            java.util.Map.of(
                "source.type", "xml", "source.path", "src/test/resources/ingest/Posts-small.xml")),
        java.util.Map.of());
  }

  public static String question(long id, String tags, int score) {
    return "  <row Id=\""
        + id
        + "\" PostTypeId=\"1\" CreationDate=\"2020-01-01T00:00:00.000\" Score=\""
        + score
        + "\" Body=\"&lt;p&gt;q"
        + id
        + "&lt;/p&gt;\" Title=\"t"
        + id
        + "\" Tags=\""
        + tags
        + "\" />";
  }

  public static String answer(long id, long parent) {
    return "  <row Id=\""
        + id
        + "\" PostTypeId=\"2\" ParentId=\""
        + parent
        + "\" CreationDate=\"2020-01-02T00:00:00.000\" Score=\"0\" Body=\"&lt;p&gt;a"
        + id
        + "&lt;/p&gt;\" />";
  }

  public static final String KERAS = "&lt;python&gt;&lt;keras&gt;";

  /** Question 100 three times (once with another Score), answer 103 twice, question 200 twice. */
  public static List<String> duplicatedRows() {
    return List.of(
        question(100, KERAS, 5),
        question(100, KERAS, 1),
        question(100, KERAS, 1),
        answer(101, 100),
        answer(102, 100),
        answer(103, 100),
        answer(103, 100),
        question(200, "&lt;r&gt;", 0),
        question(200, "&lt;r&gt;", 0),
        answer(201, 200),
        question(300, "&lt;python&gt;&lt;pytorch&gt;", 2),
        question(300, "&lt;python&gt;&lt;pytorch&gt;", 2).replace("Score=\"2\"", "Score=\"two\""),
        "not xml at all");
  }

  public static Path write(Path dir, String name, List<String> rows) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    lines.add("<posts>");
    lines.addAll(rows);
    lines.add("</posts>");
    Path file = dir.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }
}
