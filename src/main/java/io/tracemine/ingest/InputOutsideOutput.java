package io.tracemine.ingest;

import io.tracemine.InvalidConfigException;
import io.tracemine.spark.TableStages;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses an input that lies in an entry of the output directory that a stage replaces whole
 * ({@code OUT/posts/Posts.xml}, {@code OUT/report/dump.xml}): the stage's commit would delete it.
 * An input elsewhere in the output directory ({@code OUT/Posts.xml}, {@code OUT/dumps/…}) is read
 * as before. Checked before any work; local paths are compared as their links resolve.
 */
public final class InputOutsideOutput {
  private InputOutsideOutput() {}

  /**
   * @param input what the input is called in messages ({@code posts}, {@code PostLinks})
   * @param key the setting that names it
   * @param path the input as given (a local path, a {@code file:} or another file system's URI)
   * @param outputDir the output directory as the invocation resolved it
   */
  public static void require(String input, String key, String path, String outputDir) {
    String entry = placeIn(path, outputDir);
    if ("".equals(entry)) {
      throw refused(
          input,
          path,
          key,
          "is the output directory, where the stages write their tables among the input's files"
              + " (the next run would read them as input); choose another output directory");
    }
    if (entry == null || !TableStages.stagesReplace(entry)) {
      return;
    }
    String stage = entry.equals("report") ? "report" : TableStages.writerOf(entry);
    String who =
        stage != null
            ? "the '" + stage + "' stage replaces whole"
            : "the stages replace or clean up";
    throw refused(
        input,
        path,
        key,
        "lies in '"
            + join(outputDir, entry)
            + "', an entry of the output directory that "
            + who
            + ", so the run would delete it; move the input out of it, or choose another output"
            + " directory");
  }

  private static InvalidConfigException refused(String input, String path, String key, String why) {
    return new InvalidConfigException(
        "Cannot read " + input + ": '" + path + "' (" + key + ") " + why);
  }

  /**
   * The name of the entry right under {@code outputDir} that holds {@code path}, or null when the
   * path is not below the output directory (or is on another file system).
   */
  static String entryBelow(String path, String outputDir) {
    String entry = placeIn(path, outputDir);
    return entry == null || entry.isEmpty() ? null : entry;
  }

  /**
   * {@link #entryBelow}, or {@code ""} when the path is the output directory itself (hostile sweep
   * 9: an input directory given as the output got the tables written among its files, and every
   * later run read them as input).
   */
  private static String placeIn(String path, String outputDir) {
    URI in;
    URI out;
    try {
      in = uri(path);
      out = uri(outputDir);
    } catch (IllegalArgumentException e) { // not a path or URI: its reader names the problem
      return null;
    }
    if (!same(in.getScheme(), out.getScheme()) || !same(in.getAuthority(), out.getAuthority())) {
      return null;
    }
    if ("file".equals(in.getScheme())) {
      Path inPath = resolved(Path.of(in.getPath()));
      Path outPath = resolved(Path.of(out.getPath()));
      if (inPath.equals(outPath)) {
        return "";
      }
      if (!inPath.startsWith(outPath)) {
        return null;
      }
      return outPath.relativize(inPath).getName(0).toString();
    }
    String inPath = in.normalize().getPath();
    String outPath = out.normalize().getPath().replaceAll("/+$", "");
    if (inPath.replaceAll("/+$", "").equals(outPath)) {
      return "";
    }
    if (!inPath.startsWith(outPath + "/")) {
      return null;
    }
    String below = inPath.substring(outPath.length() + 1);
    int slash = below.indexOf('/');
    String entry = slash < 0 ? below : below.substring(0, slash);
    return entry.isEmpty() ? null : entry;
  }

  private static URI uri(String path) {
    if (path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !path.matches("^[A-Za-z]:\\\\.*")) {
      URI given = URI.create(path.replace(" ", "%20"));
      if (given.getScheme().equals("file")) {
        return Path.of(given.getPath()).toAbsolutePath().normalize().toUri();
      }
      return given;
    }
    return Path.of(path).toAbsolutePath().normalize().toUri();
  }

  /** The path with the links of its deepest existing ancestor resolved. */
  private static Path resolved(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path)).normalize();
    } catch (IOException e) {
      return path;
    }
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private static String join(String dir, String entry) {
    return dir.endsWith("/") ? dir + entry : dir + "/" + entry;
  }
}
