package io.tracemine.spark;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stage that writes each table of an output directory (every table has one writer; {@code
 * rejects} and {@code counts} one per {@code stage=} partition), so a message about a damaged table
 * can name the stage to rerun and its command. Names as in docs/TABLES.md.
 */
public final class TableStages {
  private TableStages() {}

  private static final Map<String, String> WRITERS =
      Map.ofEntries(
          Map.entry("posts", "ingest"),
          Map.entry("input_files", "ingest"),
          Map.entry("duplicate_links", "ingest"),
          Map.entry("questions", "extract"),
          Map.entry("traces", "extract"),
          Map.entry("patterns", "mine"),
          Map.entry("pattern_items", "mine"),
          Map.entry("pattern_traces", "mine"),
          Map.entry("patterns_minsup1", "mine"),
          Map.entry("pattern_items_minsup1", "mine"),
          Map.entry("pattern_traces_minsup1", "mine"),
          Map.entry("match_index", "index"),
          Map.entry("matches", "match"),
          Map.entry("match_evaluation", "evaluate"),
          Map.entry("rising", "stats"));

  /** The stats stage's tables: Tables 1-9, Figs. 4-7, the RQ3 sheets, labels, per period. */
  private static final Pattern STATS =
      Pattern.compile("(table\\d+|fig\\d+|rq3|label|period)_[a-z0-9_]+");

  private static final String PARTITION_OF_STAGE = "stage=";

  /**
   * Whether a stage replaces or cleans up the entry {@code name} right under an output directory: a
   * table, {@code rejects} and {@code counts} (each stage its part), the report's folder, and the
   * staging entries and manifests (names starting with {@code .} or {@code _}).
   */
  public static boolean stagesReplace(String name) {
    return writerOf(name) != null
        || name.equals("rejects")
        || name.equals("counts")
        || name.equals("report")
        || name.startsWith(".")
        || name.startsWith("_");
  }

  /** The stage that writes {@code table}, or null for a name TraceMine does not write. */
  public static String writerOf(String table) {
    String stage = WRITERS.get(table);
    if (stage == null && STATS.matcher(table).matches()) {
      stage = "stats";
    }
    return stage;
  }

  /**
   * What to rerun for a damaged {@code file} of table {@code table} (as {@code DamagedTables} and
   * {@link OutputTables} name them): {@code "rerun 'extract', the stage that writes table 'traces'
   * (./submit.sh extract --output /out, with the run's other options)"}; a file of {@code rejects}
   * or {@code counts} is its {@code stage=} partition's. A table of no known stage keeps the
   * general {@code "rerun the stage that writes the table"}.
   */
  public static String rerun(String table, String file) {
    String[] parts = file.split("/");
    int at = -1;
    String stage = null;
    for (int i = parts.length - 2; i >= 0; i--) {
      if (parts[i].startsWith(PARTITION_OF_STAGE) && stage == null) {
        stage = parts[i].substring(PARTITION_OF_STAGE.length());
      }
      if (parts[i].equals(table)) {
        at = i;
        break;
      }
    }
    if (!table.equals("rejects") && !table.equals("counts")) {
      stage = writerOf(table);
    }
    if (stage == null || stage.isEmpty()) {
      return "rerun the stage that writes the table";
    }
    String output = at <= 0 ? null : String.join("/", java.util.Arrays.copyOf(parts, at));
    String command = stage.equals("match") ? "match --input …" : stage;
    return "rerun '"
        + stage
        + "', the stage that writes table '"
        + table
        + "' (./submit.sh "
        + command
        + (output == null ? "" : " --output " + output)
        + ", with the run's other options)";
  }
}
