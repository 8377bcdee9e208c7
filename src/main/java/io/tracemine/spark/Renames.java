package io.tracemine.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
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
 * operating system's rename alone; files, other file systems and subclasses with a rename of their
 * own keep theirs.
 */
public final class Renames {
  private Renames() {}

  /**
   * Renames {@code from} to {@code to}; false, with nothing changed, when a local folder's is
   * refused.
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
      return false;
    }
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
