package io.tracemine.spark;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Why the output refused a write: {@value #PERMISSION_DENIED} (its write permission taken away) or
 * {@value #READ_ONLY} (its file system remounted read-only), read from a failure or, where Hadoop's
 * local file system only answers {@code false} (a refused rename, delete or mkdirs), from the
 * directory itself.
 */
public final class WriteRefusals {
  public static final String PERMISSION_DENIED = "Permission denied";
  public static final String READ_ONLY = "Read-only file system";

  private WriteRefusals() {}

  /**
   * The refusal that {@code failure} reports somewhere in its causes or suppressed exceptions (an
   * {@link AccessDeniedException}, Hadoop's {@code AccessControlException}, "(Permission denied)",
   * "Read-only file system"), or null.
   */
  public static String reason(Throwable failure) {
    for (Throwable t : causesAndSuppressed(failure)) {
      String reason = reasonOf(t);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /**
   * {@code failure}, its causes and the exceptions suppressed in any of them, each once, nearest
   * first: where a write's refusal may be reported (Spark's job failure wraps the task's, which may
   * carry the file system's as suppressed).
   */
  public static List<Throwable> causesAndSuppressed(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> found = new ArrayList<>();
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      found.add(t);
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(Arrays.asList(t.getSuppressed()));
    }
    return found;
  }

  /** The refusal {@code t} itself reports, not its causes, or null. */
  public static String reasonOf(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    if (message.contains(READ_ONLY)) {
      return READ_ONLY;
    }
    if (t instanceof AccessDeniedException
        || t.getClass().getName().equals("org.apache.hadoop.security.AccessControlException")
        || message.contains(PERMISSION_DENIED)) {
      return PERMISSION_DENIED;
    }
    return null;
  }

  /**
   * Why {@code dir} of {@code fs} refuses changes to its entries now, or null: its file system is
   * read-only or it is not writable to this user. Only a local directory is looked at (the nearest
   * one that exists); on another file system the failure itself has to say ({@link #reason}).
   */
  public static String ofDirectory(FileSystem fs, Path dir) {
    if (!"file".equals(fs.getScheme())) {
      return null;
    }
    try {
      java.nio.file.Path local = LocalPaths.of(fs.makeQualified(dir).toUri());
      while (local != null && !Files.isDirectory(local)) {
        local = local.getParent();
      }
      return local == null ? null : ofLocalDirectory(local);
    } catch (RuntimeException unusable) {
      return null; // not a path of this machine
    }
  }

  /** Why the local directory {@code dir} refuses new entries now, or null. */
  public static String ofLocalDirectory(java.nio.file.Path dir) {
    try {
      if (Files.getFileStore(dir).isReadOnly()) {
        return READ_ONLY;
      }
    } catch (IOException | RuntimeException unknown) {
      // its store cannot be asked: its permission still can
    }
    return Files.isWritable(dir) ? null : PERMISSION_DENIED;
  }
}
