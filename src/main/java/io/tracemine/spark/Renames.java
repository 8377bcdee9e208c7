package io.tracemine.spark;

import io.tracemine.TraceMineException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Renames of output folders that change nothing when they are refused. Hadoop's local file system
 * answers a refused rename ({@code File.renameTo} false: a folder that is a mount point or
 * immutable, or one on another volume) by copying the source and then deleting it: of a folder it
 * cannot remove, that deletes every file and leaves the folder, and the rename returns false
 * (hostile sweep 8: a stage's old table was emptied, and the failed stage's leftover sweep then
 * deleted its only copy). A folder of Hadoop's local file system is therefore renamed by the
 * operating system's rename alone, and its refusal is reported with the operating system's reason;
 * files, other file systems and subclasses with a rename of their own keep theirs.
 */
public final class Renames {
  private Renames() {}

  /**
   * Renames {@code from} to {@code to}: true when done; false when {@code from} does not exist or
   * the file system answers false.
   *
   * @throws IOException naming the operating system's reason when it refuses a local folder's
   *     rename, with nothing changed
   */
  public static boolean rename(FileSystem fs, Path from, Path to) throws IOException {
    boolean localFolder;
    try {
      localFolder = hasHadoopsLocalRename(fs) && fs.getFileStatus(from).isDirectory();
    } catch (FileNotFoundException gone) {
      return false;
    }
    if (!localFolder) {
      return fs.rename(from, to);
    }
    try {
      Files.move(
          LocalPaths.of(fs.makeQualified(from).toUri()),
          LocalPaths.of(fs.makeQualified(to).toUri()),
          StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException refused) {
      throw new IOException(
          "the operating system refused to rename '"
              + from
              + "' to '"
              + to
              + "' ("
              + reasonOf(refused)
              + ")",
          refused);
    }
  }

  /** The operating system's words for a refused move, as {@code strerror} gives them. */
  static String reasonOf(IOException refused) {
    if (refused instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    }
    if (refused instanceof FileAlreadyExistsException) {
      return "File exists";
    }
    if (refused instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return TraceMineException.firstLine(refused.getMessage(), refused.getClass().getSimpleName());
  }

  /**
   * Hadoop's local file systems, whose rename falls back to copy and delete (not a subclass's own).
   */
  private static boolean hasHadoopsLocalRename(FileSystem fs) {
    Class<?> c = fs.getClass();
    return c == LocalFileSystem.class
        || c == NioLocalFileSystem.class
        || c == RawLocalFileSystem.class;
  }
}
