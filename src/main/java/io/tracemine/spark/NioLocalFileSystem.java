package io.tracemine.spark;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's checksummed local file system ({@code file:}) that sets permissions with java.nio
 * instead of a {@code chmod} process. Without Hadoop's native library (the usual case: Spark's
 * distribution ships none), {@link RawLocalFileSystem} starts {@code chmod} for every file and
 * folder it creates (a Parquet file and its {@code .crc} are two): thousands of processes in a run
 * with month-partitioned tables. Everything else is Hadoop's own: the same files, checksums,
 * renames and permissions (the mode Hadoop computes, umask applied). Opt-in for {@code file:}:
 * {@code --conf spark.hadoop.fs.file.impl=io.tracemine.spark.NioLocalFileSystem} (or {@code
 * spark.conf.spark.hadoop.fs.file.impl} in settings); not the default until an A/B shows a gain
 * (docs/PERFORMANCE.md, "Report percentile and chmod (session 15)").
 */
public final class NioLocalFileSystem extends LocalFileSystem {
  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw file system under the checksums, with {@link #setPermission} in java.nio. */
  static final class Raw extends RawLocalFileSystem {
    private static final boolean POSIX =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /**
     * As Hadoop's, which runs {@code chmod MODE PATH} without the native library; modes java.nio
     * cannot express (sticky bit), native chmod and non-POSIX systems stay Hadoop's.
     */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Set<PosixFilePermission> posix = posixOf(permission.toShort());
      if (posix == null || !POSIX || NativeIO.isAvailable()) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix);
    }
  }

  /** The POSIX permissions of an octal mode, or null when it has bits above 0777. */
  static Set<PosixFilePermission> posixOf(int mode) {
    if ((mode & ~0777) != 0) {
      return null;
    }
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    // PosixFilePermission lists OWNER_READ (0400) ... OTHERS_EXECUTE (0001) in bit order
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < all.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        out.add(all[i]);
      }
    }
    return out;
  }
}
