package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What a stage's commit may replace in the output directory: only what TraceMine wrote. An existing
 * target is TraceMine's when a manifest of the output names it, when it is a table Spark wrote (its
 * {@code _SUCCESS} marker), or when it holds only what the stage is about to put there: the same
 * file names in a folder, the same first line in a CSV copy (what a run killed between its renames
 * and its manifest leaves). Anything else, such as a user's {@code report/} or {@code posts/}
 * folder in a directory that is not yet a TraceMine output, is refused before the commit changes
 * anything.
 */
public final class ForeignOutputs {
  private static final String SPARK_SUCCESS = "_SUCCESS";
  private static final int FIRST_LINE_BYTES = 1 << 12;

  private ForeignOutputs() {}

  /**
   * Refuses {@code stage}'s commit when one of its {@code staged} outputs (name below {@code root}
   * to its staging path) would replace something TraceMine did not write.
   *
   * @throws InvalidConfigException (exit 2) naming the first such target
   */
  static void refuse(FileSystem fs, Path root, String stage, Map<String, Path> staged)
      throws IOException {
    Set<String> named = null;
    for (Map.Entry<String, Path> e : staged.entrySet()) {
      Path target = new Path(root, e.getKey());
      if (!fs.exists(target)) {
        continue;
      }
      if (named == null) {
        named = namedByManifests(fs, root);
      }
      if (named.contains(e.getKey()) || isTraceMines(fs, target, e.getValue())) {
        continue;
      }
      throw new InvalidConfigException(
          "Cannot commit stage '"
              + stage
              + "': '"
              + target
              + "' was not written by TraceMine (no manifest of the output names it), and the"
              + " commit would replace it; nothing was replaced: move it, or choose another"
              + " --output");
    }
  }

  /**
   * Refuses, before any work, an output directory that is not yet a TraceMine output (no stage's
   * manifest) but holds a folder a stage would replace ({@link TableStages#stagesReplace}: {@code
   * report/}, {@code posts/}, …) that is not a table Spark wrote ({@link #isSparkTable}): a user's
   * folder, which the stage's commit would delete. A missing directory passes.
   *
   * @throws InvalidConfigException (exit 2) naming the folder
   */
  public static void requireNoForeignFolder(FileSystem fs, Path root) throws IOException {
    if (!fs.exists(root) || hasManifest(fs, root)) {
      return;
    }
    FileStatus[] entries = fs.listStatus(root);
    Arrays.sort(entries, Comparator.comparing((FileStatus e) -> e.getPath().getName()));
    for (FileStatus entry : entries) {
      String name = entry.getPath().getName();
      if (!entry.isDirectory()
          || name.startsWith(".")
          || name.startsWith("_")
          || !TableStages.stagesReplace(name)
          || isSparkTable(fs, entry.getPath())) {
        continue;
      }
      throw new InvalidConfigException(
          "Cannot write into '"
              + root
              + "': its folder '"
              + name
              + "' was not written by TraceMine (the directory is not yet a TraceMine output), and"
              + " a stage would replace it; move it, or choose another --output");
    }
  }

  private static boolean hasManifest(FileSystem fs, Path root) throws IOException {
    for (FileStatus f : fs.listStatus(root)) {
      if (isManifest(f)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isManifest(FileStatus f) {
    String name = f.getPath().getName();
    return f.isFile() && name.startsWith("_COMMITTED-") && name.endsWith(".json");
  }

  /**
   * A table Spark wrote, or what a killed run left of one: its {@code _SUCCESS}, or nothing but
   * partitions ({@code stage=ingest/}, {@code creation_month=2019-03/}) and hidden leftovers
   * ({@code ._staging-…}, {@code _temporary}); an empty folder holds nothing to lose either.
   */
  private static boolean isSparkTable(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(new Path(dir, SPARK_SUCCESS))) {
      return true;
    }
    for (FileStatus entry : fs.listStatus(dir)) {
      String name = entry.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (!entry.isDirectory() || name.indexOf('=') <= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The outputs the manifests in {@code root} name: their tables and files, and the folders holding
   * their single files ({@code report}, {@code match_index}).
   */
  private static Set<String> namedByManifests(FileSystem fs, Path root) throws IOException {
    Set<String> named = new HashSet<>();
    for (FileStatus f : fs.listStatus(root)) {
      if (!isManifest(f)) {
        continue;
      }
      StageManifest m;
      try (InputStream in = fs.open(f.getPath())) {
        m = StageManifest.fromJson(in.readAllBytes());
      } catch (IOException | RuntimeException damaged) {
        continue; // a damaged manifest names nothing; the stage reading it says so
      }
      named.addAll(orEmpty(m.tables()).keySet());
      named.addAll(orEmpty(m.files()).keySet());
      for (String file : orEmpty(m.outputFiles()).keySet()) {
        named.add(file);
        int slash = file.indexOf('/');
        if (slash > 0) {
          named.add(file.substring(0, slash));
        }
      }
    }
    return named;
  }

  private static <V> Map<String, V> orEmpty(Map<String, V> map) {
    return map == null ? Map.of() : map;
  }

  private static boolean isTraceMines(FileSystem fs, Path target, Path staged) throws IOException {
    if (fs.getFileStatus(target).isFile()) {
      return fs.isFile(staged) && Arrays.equals(firstLine(fs, target), firstLine(fs, staged));
    }
    if (isSparkTable(fs, target)) {
      return true;
    }
    if (!fs.getFileStatus(staged).isDirectory()) {
      return false;
    }
    Set<String> stagedNames = relativeFiles(fs, staged);
    return stagedNames.containsAll(relativeFiles(fs, target));
  }

  private static Set<String> relativeFiles(FileSystem fs, Path dir) throws IOException {
    String prefix = fs.getFileStatus(dir).getPath().toUri().getPath() + "/";
    Set<String> names = new HashSet<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      String path = files.next().getPath().toUri().getPath();
      names.add(path.startsWith(prefix) ? path.substring(prefix.length()) : path);
    }
    return names;
  }

  private static byte[] firstLine(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      byte[] head = in.readNBytes(FIRST_LINE_BYTES);
      for (int i = 0; i < head.length; i++) {
        if (head[i] == '\n') {
          return Arrays.copyOf(head, i);
        }
      }
      return head;
    }
  }
}
