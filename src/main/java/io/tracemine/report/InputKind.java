package io.tracemine.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a run's input is synthetic, so that its question ids must not link to Stack Overflow (a
 * generated id names an unrelated real question). Synthetic: the {@code sample} source (the bundled
 * generated corpus), a local input whose directory holds the generator's ground truth ({@code
 * planted.jsonl} or {@code planted.jsonl.gz}, written by {@code generate} beside {@code
 * Posts.xml}), or a local input in or below a directory {@code generate --format parquet} wrote
 * ({@value #GENERATED}, beside its {@code posts} and {@code postlinks} tables; an input of {@code
 * <out>} or of {@code <out>/posts}). Anything else (real dumps, remote paths) counts as real.
 */
public final class InputKind {
  static final String MARKER = "planted.jsonl";

  /** The file {@code generate --format parquet} writes into its output directory. */
  public static final String GENERATED = "_GENERATED_BY_TRACEMINE";

  private InputKind() {}

  public static boolean synthetic(Map<String, String> settings) {
    String type = settings.get("source.type");
    if ("sample".equals(type)) {
      return true;
    }
    String path = settings.get("source.path");
    boolean remote =
        path != null && path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !path.startsWith("file:");
    if (path == null || path.isBlank() || remote) {
      return false;
    }
    try {
      Path p = Path.of(path.startsWith("file:") ? java.net.URI.create(path).getPath() : path);
      Path dir = Files.isDirectory(p) ? p : p.getParent();
      if (dir == null) {
        return false;
      }
      Path parent = dir.getParent();
      return Files.exists(dir.resolve(MARKER))
          || Files.exists(dir.resolve(MARKER + ".gz"))
          || Files.exists(dir.resolve(GENERATED))
          || (parent != null && Files.exists(parent.resolve(GENERATED)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
