package io.tracemine.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tracemine.InvalidConfigException;
import io.tracemine.OutputLockedException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link OutputLock} for a command that runs on a plain JVM without Hadoop ({@code generate
 * --format xml}): the same {@code _LOCK.json} on a local disk, created with {@code O_EXCL}, in the
 * same format, so either kind of lock refuses the other; a lock naming a dead process of this host
 * is taken over. Also the checks that keep a corpus out of a pipeline's output.
 */
public final class LocalOutputLock implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** The stages whose manifest ({@link StageManifest#fileName}) makes a directory an output. */
  static final List<String> STAGES =
      List.of("ingest", "extract", "mine", "index", "stats", "report", "match", "evaluate");

  /** The files that make a directory a TraceMine output: its lock and the stages' manifests. */
  static final List<String> OUTPUT_MARKERS =
      Stream.concat(Stream.of(OutputLock.FILE), STAGES.stream().map(StageManifest::fileName))
          .toList();

  private final Path file;
  private final OutputLock.Holder holder;

  private LocalOutputLock(Path file, OutputLock.Holder holder) {
    this.file = file;
    this.holder = holder;
  }

  /** A holder for this process (no Hadoop class is loaded). */
  public static OutputLock.Holder self(String runId, String command) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown";
    }
    return new OutputLock.Holder(
        runId,
        host,
        ProcessHandle.current().pid(),
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        command);
  }

  /**
   * Refuses {@code dir} as the target of a generated corpus when it is a pipeline's output (holds a
   * stage's manifest) or lies inside one: the corpus would sit among that output's tables ({@code
   * generate --format parquet} would replace its {@code posts}).
   *
   * @throws InvalidConfigException (exit 2) naming the output and the file that marks it
   */
  public static void requireNoPipelineOutput(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    for (String stage : STAGES) {
      Path manifest = absolute.resolve(StageManifest.fileName(stage));
      if (Files.exists(manifest)) {
        throw new InvalidConfigException(
            "Cannot write the corpus to '"
                + dir
                + "': it is a TraceMine output (it holds "
                + manifest.getFileName()
                + "); a corpus there would sit among its tables. Choose a new or empty directory,"
                + " or the directory of an earlier generate");
      }
    }
    for (Path up : directoriesAbove(absolute)) {
      for (String marker : OUTPUT_MARKERS) {
        if (Files.exists(up.resolve(marker))) {
          throw new InvalidConfigException(
              "Cannot write the corpus to '"
                  + dir
                  + "': it is inside the TraceMine output '"
                  + up
                  + "' (it holds "
                  + marker
                  + "), whose stages would replace, read or clean up its files; choose a"
                  + " directory outside it");
        }
      }
    }
  }

  /**
   * The directories above {@code path} (absolute) as written and, where a symbolic link on the way
   * leads elsewhere, those above where it leads: an output reached through a link to the inside of
   * another output is inside it all the same.
   */
  static java.util.Set<Path> directoriesAbove(Path path) {
    java.util.Set<Path> above = new java.util.LinkedHashSet<>();
    for (Path up = path.getParent(); up != null; up = up.getParent()) {
      above.add(up);
    }
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      try {
        Path real = existing.toRealPath().resolve(existing.relativize(path));
        for (Path up = real.getParent(); up != null; up = up.getParent()) {
          above.add(up);
        }
      } catch (java.io.IOException e) {
        // unreadable on the way: the path as written is all there is to check
      }
    }
    return above;
  }

  /**
   * Why no directory can be made at {@code location} on a local disk, as {@code ": <reason>"}: a
   * symbolic link on its way that loops or leads to nothing, or what the file system said; empty
   * for another file system.
   */
  public static String whyNoDirectory(java.net.URI location) {
    if (!"file".equals(location.getScheme())) {
      return "";
    }
    Path path = LocalPaths.of(location);
    for (Path p = path; p != null; p = p.getParent()) {
      if (Files.isSymbolicLink(p) && !Files.exists(p)) {
        try {
          p.toRealPath();
        } catch (java.nio.file.FileSystemException e) {
          String target;
          try {
            target = Files.readSymbolicLink(p).toString();
          } catch (IOException unreadable) {
            target = "?";
          }
          return e instanceof NoSuchFileException
              ? ": '" + p + "' is a symbolic link to '" + target + "', which does not exist"
              : ": '"
                  + p
                  + "' is a symbolic link loop (it leads back to itself via '"
                  + target
                  + "')";
        } catch (IOException e) {
          return ": " + e.getMessage();
        }
      }
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      return ": it is a file, not a directory";
    }
    try {
      Files.createDirectories(path);
      return "";
    } catch (java.nio.file.FileSystemException e) {
      return ": " + (e.getReason() == null ? e.getMessage() : e.getReason());
    } catch (IOException e) {
      return ": " + e.getMessage();
    }
  }

  /**
   * Locks {@code dir} (which must exist) for {@code self}.
   *
   * @throws OutputLockedException (exit 4) when another live process holds the lock
   */
  public static LocalOutputLock acquire(Path dir, OutputLock.Holder self) {
    Path file = dir.resolve(OutputLock.FILE);
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(self);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialise lock holder", e);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.write(file, json, java.nio.file.StandardOpenOption.CREATE_NEW);
        return new LocalOutputLock(file, self);
      } catch (FileAlreadyExistsException taken) {
        OutputLock.Holder other = read(file);
        if (other == null && !Files.exists(file)) {
          continue; // released meanwhile
        }
        if (!isStale(other, self)) {
          throw new OutputLockedException(
              "Cannot write the corpus to '"
                  + dir
                  + "': it is locked by "
                  + (other == null
                      ? "a run that has not written its lock file yet"
                      : other.describe())
                  + "; wait for that run to finish (lock file "
                  + file
                  + ")");
        }
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new io.tracemine.TraceMineException("Cannot remove stale lock '" + file + "'", e);
        }
      } catch (IOException e) {
        throw new InvalidConfigException(
            "Cannot write the corpus to '" + dir + "': cannot create " + file + ": " + e);
      }
    }
    throw new OutputLockedException(
        "Cannot write the corpus to '" + dir + "': another run took its lock at the same time");
  }

  @Override
  public void close() {
    if (holder.equals(read(file))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a lock left behind names a dead pid: the next run on this host takes it over
      }
    }
  }

  private static OutputLock.Holder read(Path file) {
    try {
      return JSON.readValue(Files.readAllBytes(file), OutputLock.Holder.class);
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // still being written by its owner
    }
  }

  /**
   * A lock of this host whose process is gone, or whose pid now names a process that started after
   * the lock was taken (the pid was reused: after a reboot or a container restart the same small
   * pids come back at once). A lock file gone meanwhile counts as stale.
   */
  static boolean isStale(OutputLock.Holder other, OutputLock.Holder self) {
    return other != null
        && other.host().equals(self.host())
        && other.pid() != self.pid()
        && ProcessHandle.of(other.pid())
            .map(p -> !p.isAlive() || startedAfter(p, other.startedAt()))
            .orElse(true);
  }

  /**
   * Whether {@code other}'s run is another process of this host that is still alive and started
   * before its lock (so it is that run, not a reuse of its pid).
   */
  static boolean isLiveHere(OutputLock.Holder other, OutputLock.Holder self) {
    return other != null
        && other.host().equals(self.host())
        && other.pid() != self.pid()
        && !isStale(other, self);
  }

  /** Slack for {@code started_at}'s whole seconds and the clock's reading of a process's start. */
  private static final long START_SLACK_SECONDS = 5;

  private static boolean startedAfter(ProcessHandle process, String lockedAt) {
    try {
      java.time.Instant locked = java.time.Instant.parse(lockedAt);
      return process
          .info()
          .startInstant()
          .map(start -> start.isAfter(locked.plusSeconds(START_SLACK_SECONDS)))
          .orElse(false);
    } catch (RuntimeException unreadable) {
      return false; // no time to compare: the live process may be the holder
    }
  }
}
