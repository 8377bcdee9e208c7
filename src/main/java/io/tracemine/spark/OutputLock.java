package io.tracemine.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tracemine.InvalidConfigException;
import io.tracemine.OutputLockedException;
import io.tracemine.TraceMineException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The lock of an output directory: a file {@code _LOCK.json} created atomically (O_EXCL on a local
 * disk, {@code create(overwrite=false)} on HDFS and other Hadoop file systems) that names the run
 * holding it. A second run fails at once ({@link OutputLockedException}, exit 4) naming the first.
 *
 * <p>A lock is stale when it names a process on this host that is no longer alive (a driver killed
 * with {@code kill -9}): the next run takes it over. A lock of another host cannot be checked;
 * {@code --force-unlock} takes it over after the user has made sure that run is gone.
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE = "_LOCK.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** Who holds a lock. */
  public record Holder(String runId, String host, long pid, String startedAt, String command) {
    String describe() {
      return "run "
          + runId
          + " ("
          + command
          + ", pid "
          + pid
          + " on "
          + host
          + ", started "
          + startedAt
          + ")";
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final Holder holder;
  private boolean held = true;

  private OutputLock(FileSystem fs, Path path, Holder holder) {
    this.fs = fs;
    this.path = path;
    this.holder = holder;
  }

  /** A holder for this process. */
  public static Holder self(String runId, String command) {
    return LocalOutputLock.self(runId, command);
  }

  /**
   * Checks that {@code root} is (or can be made) a writable directory and locks it.
   *
   * @throws InvalidConfigException (exit 2) when the output is a file or cannot be created/written
   * @throws OutputLockedException (exit 4) when another live run holds the lock
   */
  public static OutputLock acquire(FileSystem fs, Path root, Holder self, boolean forceUnlock) {
    checkDirectory(fs, root);
    Path path = new Path(root, FILE);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (tryCreate(fs, path, self, root)) {
        return new OutputLock(fs, path, self);
      }
      Holder other = readHolder(fs, path);
      if (forceUnlock && LocalOutputLock.isLiveHere(other, self)) {
        throw new OutputLockedException(
            "Cannot write output directory '"
                + root
                + "': it is locked by "
                + other.describe()
                + ", which is still running on this host; --force-unlock takes over only the lock"
                + " of a run that is gone: wait for it to finish, or stop it first (kill "
                + other.pid()
                + "); if pid "
                + other.pid()
                + " here is not that run (it ran on another machine of the same name), delete "
                + path);
      }
      if (!forceUnlock
          && !LocalOutputLock.isStale(other, self)
          && !(other == null && unwrittenLongAgo(fs, path))) {
        throw new OutputLockedException(
            "Cannot write output directory '"
                + root
                + "': it is locked by "
                + (other == null
                    ? "a run that has not written its lock file yet (it is empty or unreadable;"
                        + " one older than "
                        + UNWRITTEN_STALE_SECONDS
                        + " s is taken over)"
                    : other.describe())
                + "; wait for that run to finish, or if"
                + " it is gone pass --force-unlock (lock file "
                + path
                + ")");
      }
      // whoever renames the old lock away first may take it; the loser sees a new lock next round
      Path stale = new Path(root, "._old-lock-" + UUID.randomUUID());
      try {
        if (fs.rename(path, stale)) {
          fs.delete(stale, false);
        } else if (fs.exists(path)) {
          String reason = WriteRefusals.ofDirectory(fs, root);
          if (reason != null) {
            throw lockNotTakenOver(root, path, other, forceUnlock, reason);
          }
        }
      } catch (IOException e) {
        String reason = WriteRefusals.reason(e);
        if (reason == null) {
          reason = WriteRefusals.ofDirectory(fs, root);
        }
        if (reason != null) {
          throw lockNotTakenOver(root, path, other, forceUnlock, reason);
        }
        throw new TraceMineException("Cannot remove stale lock '" + path + "'", e);
      }
    }
    throw new OutputLockedException(
        "Cannot write output directory '" + root + "': another run took its lock at the same time");
  }

  /**
   * The output refuses the rename that takes its old lock over: the run that left the lock was
   * killed, and the directory has since become unwritable (its permission taken away, a read-only
   * mount). Exit 2 before any work, naming the directory first: the lock is only why it was written
   * to.
   */
  private static InvalidConfigException lockNotTakenOver(
      Path root, Path path, Holder other, boolean forceUnlock, String reason) {
    String lock =
        other == null
            ? "the empty lock file " + FILE + " left there by a run killed before it wrote it"
            : forceUnlock
                ? "the lock " + FILE + " of " + other.describe() + " (--force-unlock)"
                : "the stale lock "
                    + FILE
                    + " left there by "
                    + other.describe()
                    + ", which is no longer running,";
    return new InvalidConfigException(
        "Cannot write output: directory '"
            + root
            + "' (output.dir) is not writable ("
            + reason
            + "), so "
            + lock
            + " cannot be taken over; make it writable and rerun (the rerun takes the lock over)");
  }

  /** Whether this lock is still ours on disk (not taken over by --force-unlock). */
  public boolean isHeld() {
    return held && self().equals(readHolder(fs, path));
  }

  public Holder self() {
    return holder;
  }

  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    if (holder.equals(readHolder(fs, path))) {
      try {
        fs.delete(path, false);
      } catch (IOException ignored) {
        // a lock left behind names a dead pid: the next run on this host takes it over
      }
    }
  }

  /**
   * Whether this run's lock file is still there (after {@link #close}: it could not be deleted).
   */
  public boolean left() {
    try {
      return holder.equals(readHolder(fs, path));
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  private static void checkDirectory(FileSystem fs, Path root) {
    String name = root.toUri().getPath();
    for (char c : SparkSessions.GLOB_CHARACTERS.toCharArray()) {
      if (name.indexOf(c) >= 0) {
        throw new InvalidConfigException(
            "Cannot write output: '"
                + root
                + "' (output.dir) holds '"
                + c
                + "', which Spark would expand as a pattern when it reads the tables back"
                + " (any of \\ { } [ ] * ?); choose a directory without it");
      }
    }
    try {
      requireOutsideOtherOutputs(fs, root);
      if (fs.exists(root)) {
        FileStatus status = fs.getFileStatus(root);
        if (!status.isDirectory()) {
          throw new InvalidConfigException(
              "Cannot write output: '" + root + "' (output.dir) is a file," + " not a directory");
        }
        requireNoOutputsInside(fs, root);
      } else if (!fs.mkdirs(root)) {
        throw new InvalidConfigException(
            "Cannot write output: cannot create directory '"
                + root
                + "' (output.dir)"
                + LocalOutputLock.whyNoDirectory(fs.makeQualified(root).toUri()));
      }
    } catch (IOException e) {
      throw new InvalidConfigException(
          "Cannot write output: cannot create directory '"
              + root
              + "' (output.dir): "
              + e.getMessage());
    }
  }

  /**
   * The folders of an output that stages write parts into rather than replace whole: a regular file
   * by one of these names would fail a stage only at its commit, after all its work.
   */
  private static final java.util.Set<String> FOLDERS_STAGES_WRITE_INTO =
      java.util.Set.of(
          "counts", "rejects", "posts", "questions", "traces", "match_index", "report");

  /**
   * Refuses an output holding another TraceMine output one level down (a directory there holds a
   * manifest or a lock): this output's runs would remove that one's staging (a live run's too) and
   * replace it whole if it bears a table's name; and a file where a folder the stages write into
   * should be. One listing per directory in {@code root} (an existing directory).
   */
  private static void requireNoOutputsInside(FileSystem fs, Path root) throws IOException {
    for (FileStatus child : fs.listStatus(root)) {
      if (!child.isDirectory() && FOLDERS_STAGES_WRITE_INTO.contains(child.getPath().getName())) {
        throw new InvalidConfigException(
            "Cannot write output: '"
                + new Path(root, child.getPath().getName())
                + "' is a file, not a directory: the stages write their parts into that folder"
                + " of output.dir; remove or move the file, or choose another output directory");
      }
      if (!child.isDirectory() || child.getPath().getName().startsWith(".")) {
        continue;
      }
      for (FileStatus inside : fs.listStatus(child.getPath())) {
        String name = inside.getPath().getName();
        if (LocalOutputLock.OUTPUT_MARKERS.contains(name)) {
          throw new InvalidConfigException(
              "Cannot write output: '"
                  + root
                  + "' (output.dir) holds the TraceMine output '"
                  + new Path(root, child.getPath().getName())
                  + "' (it holds "
                  + name
                  + "), whose staging this run would clean up and whose directory a table of the"
                  + " same name would replace; choose a directory that holds no other output");
        }
      }
    }
  }

  /**
   * Refuses an output inside another TraceMine output (a directory above holds a manifest or a
   * lock): that output's next commit of a table of the same name replaces this one whole, its
   * readers take these files for part of its tables, and its runs remove this run's staging one
   * level down. A few existence checks per directory above.
   */
  private static void requireOutsideOtherOutputs(FileSystem fs, Path root) throws IOException {
    List<Path> above = new java.util.ArrayList<>();
    for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
      above.add(dir);
    }
    java.net.URI uri = fs.makeQualified(root).toUri();
    if ("file".equals(uri.getScheme())) {
      for (java.nio.file.Path dir : LocalOutputLock.directoriesAbove(LocalPaths.of(uri))) {
        above.add(new Path(dir.toString()));
      }
    }
    for (Path dir : above) {
      for (String marker : LocalOutputLock.OUTPUT_MARKERS) {
        if (fs.exists(new Path(dir, marker))) {
          throw new InvalidConfigException(
              "Cannot write output: '"
                  + root
                  + "' (output.dir) is inside the TraceMine output '"
                  + dir
                  + "' (it holds "
                  + marker
                  + "), whose stages would replace, read or clean up this run's files; choose a"
                  + " directory outside it");
        }
      }
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, Holder self, Path root) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(self);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise lock holder", e);
    }
    try {
      if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
        java.nio.file.Path file = LocalPaths.of(fs.makeQualified(path).toUri());
        Files.createFile(file);
        try {
          Files.write(file, json);
        } catch (IOException e) {
          throw unwritten(fs, path, root, e);
        }
        return true;
      }
      OutputStream out = fs.create(path, false);
      try (out) {
        out.write(json);
      } catch (IOException e) {
        throw unwritten(fs, path, root, e);
      }
      return true;
    } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (AccessDeniedException | org.apache.hadoop.security.AccessControlException e) {
      throw new InvalidConfigException(
          "Cannot write output: directory '" + root + "' (output.dir) is not writable");
    } catch (IOException e) {
      try {
        if (fs.exists(path)) {
          return false;
        }
      } catch (IOException ignored) {
        // fall through to the original error
      }
      throw new InvalidConfigException(
          "Cannot write output: cannot create '" + path + "' (output.dir): " + e.getMessage());
    }
  }

  /**
   * The lock file was created but its holder could not be written (a full disk, a quota): removes
   * the empty file, which every later run would otherwise read as a live lock of an unknown run
   * (exit 4 until --force-unlock), and names the cause.
   */
  private static InvalidConfigException unwritten(
      FileSystem fs, Path path, Path root, IOException cause) {
    try {
      fs.delete(path, false);
    } catch (IOException ignored) {
      // the message below names the file
    }
    return new InvalidConfigException(
        "Cannot write output: cannot write the lock file '"
            + path
            + "' in '"
            + root
            + "' (output.dir): "
            + cause.getMessage()
            + " (a full disk or a quota?)");
  }

  /**
   * A run writes its lock file within milliseconds of creating it; an empty or unreadable one this
   * old was left by a run killed in between (or a full disk), and is taken over.
   */
  static final long UNWRITTEN_STALE_SECONDS = 60;

  private static boolean unwrittenLongAgo(FileSystem fs, Path path) {
    try {
      long age = System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
      return age > UNWRITTEN_STALE_SECONDS * 1000;
    } catch (IOException gone) {
      return true; // removed meanwhile: the next attempt creates it
    }
  }

  private static Holder readHolder(FileSystem fs, Path path) {
    try (FSDataInputStream in = fs.open(path)) {
      return JSON.readValue(in.readAllBytes(), Holder.class);
    } catch (IOException | RuntimeException e) {
      return null; // gone, or still being written by its owner
    }
  }
}
