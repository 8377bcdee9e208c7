package io.tracemine.stats;

import io.tracemine.MalformedInputException;
import io.tracemine.config.Utf8Text;
import io.tracemine.stats.math.KrippendorffAlpha;
import io.tracemine.stats.math.Medians;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads filled-in RQ3 sheets and computes the labelling results, without Spark.
 *
 * <p>A sheet is a CSV with a header holding at least {@code pattern_id}, {@code type} and {@code
 * coder} (other columns are ignored; any number of sheets and coders). A row with a blank type is
 * an unlabelled pattern. A blank coder means the sheet's file name without extension. A type must
 * name a codebook entry ({@link Codebook#find}); otherwise the row is reported in {@code
 * label_problems} and not counted, as are unknown pattern ids, a coder labelling a pattern twice
 * with different types (the first label is kept), patterns whose coders tie, and rows whose number
 * of columns differs from the header's. A sheet that is empty, has a quoted field that is never
 * closed, names a column twice or lacks a required column fails the stage (exit 3). A leading
 * {@code '} that the CSV copies add to formula-like text ({@link SpreadsheetText}) is removed
 * before comparing.
 *
 * <p>Final type of a pattern: the label of the coder named {@code consensus} if present, else the
 * strict majority of the coders' labels. Krippendorff's alpha (nominal) uses every coder except
 * {@code consensus}, units = patterns.
 */
public final class LabelSheets {
  /** The tables computed from filled-in sheets; they describe one set of patterns only. */
  public static final java.util.List<String> TABLES =
      java.util.List.of("label_agreement", "table8_types", "table9_types", "label_problems");

  /** Coder name whose label settles a pattern (not counted in alpha). */
  public static final String CONSENSUS = "consensus";

  private LabelSheets() {}

  /** A valid label with its codebook type. */
  public record Label(String patternId, String coder, String type) {}

  /** Something in a sheet that was not counted. */
  public record Problem(
      String file, long line, String patternId, String coder, String value, String problem) {}

  /** Valid labels, problems, and the final type of each settled pattern. */
  public record Labels(
      List<Label> labels, List<Problem> problems, Map<String, String> finalTypes) {}

  /**
   * Reads {@code sheets}.
   *
   * @param knownPatternIds pattern ids that exist (labels of other ids are problems)
   * @throws MalformedInputException when a sheet cannot be read or lacks a required column
   */
  public static Labels read(List<Path> sheets, Codebook codebook, Set<String> knownPatternIds) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Map<String, String>> byPattern = new TreeMap<>(); // pattern -> coder -> type
    Map<String, Path> blankCoderSheets = new HashMap<>(); // default coder -> the sheet using it
    for (Path sheet : sheets) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(sheet);
      } catch (IOException e) {
        throw new MalformedInputException("Cannot read label sheet '" + sheet + "'", e);
      }
      String text;
      try {
        text = Utf8Text.decode(bytes);
      } catch (IOException e) {
        throw new MalformedInputException(
            "Cannot read label sheet '" + sheet + "': " + e.getMessage());
      }
      List<Csv.Record> records;
      try {
        records = Csv.parse(text);
      } catch (MalformedInputException e) {
        throw new MalformedInputException(
            "Cannot read label sheet '" + sheet + "': " + e.getMessage());
      }
      if (records.isEmpty()) {
        throw new MalformedInputException(
            "Cannot read label sheet '" + sheet + "': it is empty (no header)");
      }
      List<String> header =
          records.get(0).fields().stream()
              .map(h -> SpreadsheetText.restore(h.strip()).toLowerCase(Locale.ROOT))
              .toList();
      if (new HashSet<>(header).size() != header.size()) {
        throw new MalformedInputException(
            "Cannot read label sheet '"
                + sheet
                + "': the header "
                + header
                + " names a column twice");
      }
      int idCol = column(sheet, header, "pattern_id");
      int typeCol = column(sheet, header, "type");
      int coderCol = column(sheet, header, "coder");
      String file = sheet.getFileName().toString();
      String defaultCoder = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
      for (Csv.Record r : records.subList(1, records.size())) {
        if (r.fields().size() != header.size()) {
          problems.add(
              new Problem(
                  file,
                  r.line(),
                  field(r, idCol),
                  field(r, coderCol),
                  String.join(",", r.fields()),
                  "row has "
                      + r.fields().size()
                      + " columns but the header has "
                      + header.size()
                      + "; not counted"));
          continue;
        }
        String id = field(r, idCol);
        String type = field(r, typeCol);
        String coder = field(r, coderCol).isEmpty() ? defaultCoder : field(r, coderCol);
        if (type.isEmpty()) {
          continue;
        }
        if (field(r, coderCol).isEmpty()) {
          requireOneSheetPerDefaultCoder(blankCoderSheets, defaultCoder, sheet);
        }
        Optional<Codebook.Entry> entry = codebook.find(type);
        String problem = null;
        if (!knownPatternIds.contains(id)) {
          problem = "unknown pattern_id (not in the patterns table)";
        } else if (entry.isEmpty()) {
          problem = "type not in the codebook (stats.codebook)";
        } else {
          String previous =
              byPattern
                  .computeIfAbsent(id, k -> new TreeMap<>())
                  .putIfAbsent(coder, entry.get().type());
          if (previous != null && !previous.equals(entry.get().type())) {
            problem = "coder labelled this pattern twice; kept '" + previous + "'";
          }
        }
        if (problem != null) {
          problems.add(new Problem(file, r.line(), id, coder, type, problem));
        }
      }
    }
    List<Label> labels = new ArrayList<>();
    Map<String, String> finalTypes = new TreeMap<>();
    for (var p : byPattern.entrySet()) {
      p.getValue().forEach((coder, type) -> labels.add(new Label(p.getKey(), coder, type)));
      String settled = settle(p.getValue());
      if (settled == null) {
        problems.add(
            new Problem(
                "",
                0,
                p.getKey(),
                "",
                String.join(" | ", new TreeSet<>(p.getValue().values())),
                "no majority among coders; add a row with coder 'consensus'"));
      } else {
        finalTypes.put(p.getKey(), settled);
      }
    }
    return new Labels(List.copyOf(labels), List.copyOf(problems), finalTypes);
  }

  /**
   * Two sheets of one file name ({@code a/coder.csv}, {@code b/coder.csv}) with blank coder cells
   * would be one coder: the second person's labels lost as "labelled twice" or merged.
   */
  private static void requireOneSheetPerDefaultCoder(
      Map<String, Path> blankCoderSheets, String defaultCoder, Path sheet) {
    Path first = blankCoderSheets.putIfAbsent(defaultCoder, sheet);
    if (first != null && !first.equals(sheet)) {
      throw new MalformedInputException(
          "Cannot read label sheets '"
              + first
              + "' and '"
              + sheet
              + "': rows of both leave 'coder' blank, which names the coder after the file ('"
              + defaultCoder
              + "'), so two people would count as one; fill in the coder column or rename a"
              + " sheet");
    }
  }

  private static String settle(Map<String, String> byCoder) {
    for (var e : byCoder.entrySet()) {
      if (e.getKey().equalsIgnoreCase(CONSENSUS)) {
        return e.getValue();
      }
    }
    Map<String, Integer> votes = new HashMap<>();
    byCoder.values().forEach(t -> votes.merge(t, 1, Integer::sum));
    int best = votes.values().stream().max(Integer::compare).orElse(0);
    List<String> winners =
        votes.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
    return winners.size() == 1 ? winners.get(0) : null;
  }

  /** label_agreement: coders, patterns labelled, pairable patterns and values, alpha. */
  public static Table agreement(Labels l) {
    Map<String, Map<String, String>> byPattern = new TreeMap<>();
    Set<String> coders = new TreeSet<>();
    for (Label x : l.labels()) {
      if (!x.coder().equalsIgnoreCase(CONSENSUS)) {
        byPattern.computeIfAbsent(x.patternId(), k -> new HashMap<>()).put(x.coder(), x.type());
        coders.add(x.coder());
      }
    }
    List<String> coderList = new ArrayList<>(coders);
    String[][] units = new String[byPattern.size()][];
    int u = 0;
    for (Map<String, String> m : byPattern.values()) {
      units[u++] = coderList.stream().map(m::get).toArray(String[]::new);
    }
    KrippendorffAlpha.Result r = KrippendorffAlpha.nominal(units);
    return new Table.Builder("label_agreement")
        .column("coders", Table.Type.LONG)
        .column("patterns_labelled", Table.Type.LONG)
        .column("pairable_patterns", Table.Type.LONG)
        .column("pairable_values", Table.Type.DOUBLE)
        .column("krippendorff_alpha", Table.Type.DOUBLE)
        .row(
            (long) coders.size(),
            (long) byPattern.size(),
            (long) r.pairableUnits(),
            r.pairableValues(),
            Double.isNaN(r.alpha()) ? null : r.alpha())
        .build();
  }

  /**
   * table8_types: every codebook type with its settled patterns, by count desc then codebook order.
   */
  public static Table types(Labels l, Codebook codebook) {
    Map<String, Long> counts = new HashMap<>();
    l.finalTypes().values().forEach(t -> counts.merge(t, 1L, Long::sum));
    Map<String, Long> byCategory = new HashMap<>();
    for (Codebook.Entry e : codebook.entries()) {
      byCategory.merge(e.category(), counts.getOrDefault(e.type(), 0L), Long::sum);
    }
    long total = l.finalTypes().size();
    List<Codebook.Entry> order = new ArrayList<>(codebook.entries());
    order.sort(Comparator.comparingLong((Codebook.Entry e) -> -counts.getOrDefault(e.type(), 0L)));
    Table.Builder t =
        new Table.Builder("table8_types")
            .column("category", Table.Type.STRING)
            .column("type", Table.Type.STRING)
            .column("patterns", Table.Type.LONG)
            .column("patterns_pct", Table.Type.DOUBLE)
            .column("category_patterns", Table.Type.LONG)
            .column("example_post", Table.Type.STRING);
    for (Codebook.Entry e : order) {
      long c = counts.getOrDefault(e.type(), 0L);
      t.row(
          e.category(),
          e.type(),
          c,
          Rq1Tables.pct(c, total),
          byCategory.get(e.category()),
          e.examplePost());
    }
    return t.build();
  }

  /**
   * table9_types: per codebook type with settled patterns (same order as table 8), the distinct
   * questions having an instance of a pattern of that type (any library with the same item list),
   * median views, median hours to first answer, accepted-answer rate (over those questions) and
   * median hours to the accepted answer; nulls are unknown and excluded from medians.
   */
  public static Table typeStats(
      Labels l,
      Codebook codebook,
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      List<QuestionFacts> questions) {
    Map<String, List<QuestionFacts>> byType =
        questionsByType(l, patterns, patternTraces, questions);
    Table table8 = types(l, codebook);
    Table.Builder t =
        new Table.Builder("table9_types")
            .column("category", Table.Type.STRING)
            .column("type", Table.Type.STRING)
            .column("patterns", Table.Type.LONG)
            .column("questions", Table.Type.LONG)
            .column("median_views", Table.Type.DOUBLE)
            .column("median_first_answer_hours", Table.Type.DOUBLE)
            .column("accepted_rate", Table.Type.DOUBLE)
            .column("median_accepted_answer_hours", Table.Type.DOUBLE);
    for (int i = 0; i < table8.rows().size(); i++) {
      String type = (String) table8.value(i, "type");
      long patternsOfType = (Long) table8.value(i, "patterns");
      if (patternsOfType == 0) {
        continue;
      }
      List<QuestionFacts> qs = byType.getOrDefault(type, List.of());
      long accepted = qs.stream().filter(QuestionFacts::hasAcceptedAnswer).count();
      t.row(
          table8.value(i, "category"),
          type,
          patternsOfType,
          (long) qs.size(),
          Medians.of(Rq1Tables.values(qs, q -> true, q -> Rq1Tables.toDouble(q.views()))),
          Medians.of(Rq1Tables.values(qs, q -> true, QuestionFacts::hoursToFirstAnswer)),
          qs.isEmpty() ? null : accepted / (double) qs.size(),
          Medians.of(Rq1Tables.values(qs, q -> true, QuestionFacts::hoursToAcceptedAnswer)));
    }
    return t.build();
  }

  /**
   * Per final type, the distinct questions (present in {@code questions}) having an instance of a
   * pattern of that type, in any library with the same item list; ordered by question id.
   */
  static Map<String, List<QuestionFacts>> questionsByType(
      Labels l,
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      List<QuestionFacts> questions) {
    Map<String, List<String>> itemsById = new HashMap<>();
    Map<List<String>, List<String>> keysByItems = new HashMap<>();
    for (PatternFacts p : patterns) {
      itemsById.putIfAbsent(p.patternId(), p.items());
      keysByItems
          .computeIfAbsent(p.items(), k -> new ArrayList<>())
          .add(Rq2Tables.key(p.library(), p.patternId()));
    }
    Map<String, Set<Long>> questionsByKey = new HashMap<>();
    for (TraceLink link : Rq2Tables.validLinks(patterns, patternTraces)) {
      questionsByKey
          .computeIfAbsent(Rq2Tables.key(link.library(), link.patternId()), k -> new HashSet<>())
          .add(link.questionId());
    }
    Map<Long, QuestionFacts> byId = new HashMap<>();
    questions.forEach(q -> byId.putIfAbsent(q.questionId(), q));
    Map<String, Set<Long>> ids = new LinkedHashMap<>();
    for (var e : l.finalTypes().entrySet()) {
      Set<Long> qs = ids.computeIfAbsent(e.getValue(), k -> new TreeSet<>());
      for (String key : keysByItems.getOrDefault(itemsById.get(e.getKey()), List.of())) {
        qs.addAll(questionsByKey.getOrDefault(key, Set.of()));
      }
    }
    Map<String, List<QuestionFacts>> out = new LinkedHashMap<>();
    ids.forEach(
        (type, qs) -> out.put(type, qs.stream().map(byId::get).filter(q -> q != null).toList()));
    return out;
  }

  /** label_problems: one row per label that was not counted, with the reason. */
  public static Table problems(Labels l) {
    Table.Builder t =
        new Table.Builder("label_problems")
            .column("file", Table.Type.STRING)
            .column("line", Table.Type.LONG)
            .column("pattern_id", Table.Type.STRING)
            .column("coder", Table.Type.STRING)
            .column("value", Table.Type.STRING)
            .column("problem", Table.Type.STRING);
    l.problems()
        .forEach(p -> t.row(p.file(), p.line(), p.patternId(), p.coder(), p.value(), p.problem()));
    return t.build();
  }

  private static int column(Path sheet, List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new MalformedInputException(
          "Cannot read label sheet '"
              + sheet
              + "': no column '"
              + name
              + "' in the header "
              + header
              + " (required: pattern_id, type, coder)");
    }
    return i;
  }

  private static String field(Csv.Record r, int i) {
    return i < r.fields().size() ? SpreadsheetText.restore(r.fields().get(i).strip()) : "";
  }
}
