package io.tracemine.stats;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pattern-type taxonomy (the paper's Table 8: 25 types in 5 categories), read from a CSV with
 * the header {@code category,category_name,type,description,example_post} (conf/codebook.csv).
 */
public record Codebook(List<Entry> entries) {

  /** One pattern type. */
  public record Entry(
      String category, String categoryName, String type, String description, String examplePost) {}

  private static final List<String> HEADER =
      List.of("category", "category_name", "type", "description", "example_post");

  /**
   * Reads the codebook.
   *
   * @throws InvalidConfigException naming {@code stats.codebook} when the file is missing or
   *     malformed
   */
  public static Codebook load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot read the codebook '"
              + path
              + "' (stats.codebook): "
              + e.getClass().getSimpleName()
              + "; point stats.codebook at a CSV with columns "
              + String.join(",", HEADER));
    }
    List<Csv.Record> records;
    try {
      records = Csv.parse(text);
    } catch (io.tracemine.MalformedInputException e) {
      throw new InvalidConfigException(
          "Cannot read the codebook '" + path + "' (stats.codebook): " + e.getMessage());
    }
    if (records.isEmpty() || !records.get(0).fields().equals(HEADER)) {
      throw new InvalidConfigException(
          "Cannot read the codebook '"
              + path
              + "' (stats.codebook): the header must be "
              + String.join(",", HEADER));
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, Entry> seen = new LinkedHashMap<>();
    for (Csv.Record r : records.subList(1, records.size())) {
      List<String> f = r.fields();
      if (f.size() != HEADER.size() || f.get(0).isBlank() || f.get(2).isBlank()) {
        throw new InvalidConfigException(
            "Cannot read the codebook '"
                + path
                + "' (stats.codebook): line "
                + r.line()
                + " needs "
                + HEADER.size()
                + " fields with a category and a type");
      }
      Entry e =
          new Entry(
              f.get(0).strip(), f.get(1).strip(), f.get(2).strip(), f.get(3), f.get(4).strip());
      if (seen.put(e.type().toLowerCase(Locale.ROOT), e) != null) {
        throw new InvalidConfigException(
            "Cannot read the codebook '"
                + path
                + "' (stats.codebook): type '"
                + e.type()
                + "' appears twice (line "
                + r.line()
                + ")");
      }
      entries.add(e);
    }
    return new Codebook(List.copyOf(entries));
  }

  /**
   * The entry a label names: the type name, case-insensitive, optionally prefixed by its category
   * in brackets ({@code [SYN] Python basic syntax}); empty when unknown or the category is wrong.
   */
  public Optional<Entry> find(String label) {
    String s = label.strip();
    String category = null;
    if (s.startsWith("[") && s.indexOf(']') > 0) {
      category = s.substring(1, s.indexOf(']')).strip();
      s = s.substring(s.indexOf(']') + 1).strip();
    }
    for (Entry e : entries) {
      if (e.type().equalsIgnoreCase(s)
          && (category == null || e.category().equalsIgnoreCase(category))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
