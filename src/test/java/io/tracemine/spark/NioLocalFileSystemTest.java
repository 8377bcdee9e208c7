package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.network.util.JavaUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java.nio file system against Hadoop's own (which runs chmod), file by file. */
class NioLocalFileSystemTest {

  private static FileSystem nio(Configuration conf) throws IOException {
    FileSystem fs = new NioLocalFileSystem();
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  private static FileSystem hadoops(Configuration conf) throws IOException {
    FileSystem fs = new LocalFileSystem();
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  private static String perms(java.nio.file.Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** The same tree written by both: same files (data and .crc), same bytes, same permissions. */
  @Test
  void writesWhatHadoopsLocalFileSystemWrites(@TempDir java.nio.file.Path root) throws IOException {
    for (String umask : new String[] {"022", "077"}) {
      Configuration conf = new Configuration(false);
      conf.set("fs.permissions.umask-mode", umask);
      java.nio.file.Path a = root.resolve("nio-" + umask);
      java.nio.file.Path b = root.resolve("hadoop-" + umask);
      writeTree(nio(conf), a);
      writeTree(hadoops(conf), b);
      try (var files = Files.walk(a)) {
        for (java.nio.file.Path p : files.toList()) {
          java.nio.file.Path twin = b.resolve(a.relativize(p));
          assertThat(twin).exists();
          assertThat(perms(p)).as(a.relativize(p).toString()).isEqualTo(perms(twin));
          if (Files.isRegularFile(p)) {
            assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(twin));
          }
        }
      }
      try (var files = Files.walk(b)) {
        assertThat(files.count()).isEqualTo(Files.walk(a).count());
      }
      assertThat(perms(a.resolve("x/y/part-0")))
          .isEqualTo(umask.equals("022") ? "rw-r--r--" : "rw-------");
      assertThat(a.resolve("x/y/.part-0.crc")).exists();
    }
  }

  private static void writeTree(FileSystem fs, java.nio.file.Path dir) throws IOException {
    Path base = new Path(dir.toUri());
    assertThat(fs.mkdirs(new Path(base, "x/y"))).isTrue();
    try (FSDataOutputStream out = fs.create(new Path(base, "x/y/part-0"))) {
      out.write("some rows\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fs.rename(new Path(base, "x/y/part-0"), new Path(base, "x/y/part-1"))).isTrue();
    try (FSDataOutputStream out = fs.create(new Path(base, "x/y/part-0"))) {
      out.write("other rows\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Property(tries = 40)
  void setPermissionGivesTheModeChmodGives(@ForAll @IntRange(min = 0, max = 0777) int mode)
      throws IOException {
    java.nio.file.Path dir = Files.createTempDirectory("niofs-mode");
    try {
      java.nio.file.Path a = Files.writeString(dir.resolve("a"), "a");
      java.nio.file.Path b = Files.writeString(dir.resolve("b"), "b");
      Configuration conf = new Configuration(false);
      nio(conf).setPermission(new Path(a.toUri()), new FsPermission((short) mode));
      hadoops(conf).setPermission(new Path(b.toUri()), new FsPermission((short) mode));
      assertThat(perms(a)).isEqualTo(perms(b));
      assertThat(NioLocalFileSystem.posixOf(mode)).isEqualTo(Files.getPosixFilePermissions(a));
    } finally {
      JavaUtils.deleteRecursively(dir.toFile());
    }
  }

  @Test
  void modesBeyondPosixPermissionsAreLeftToHadoop() {
    assertThat(NioLocalFileSystem.posixOf(01777)).isNull();
    assertThat(PosixFilePermissions.toString(NioLocalFileSystem.posixOf(0751)))
        .isEqualTo("rwxr-x--x");
  }

  @Test
  void aMissingPathFailsAsAnIoError(@TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path missing = dir.resolve("gone");
    FileSystem fs = nio(new Configuration(false));
    assertThatThrownBy(() -> fs.setPermission(new Path(missing.toUri()), new FsPermission("644")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing.toString());
  }

  /** Spark's {@code spark.hadoop.fs.file.impl} names it; Hadoop resolves that name to it. */
  @Test
  void hadoopResolvesItForFileUrisWhenNamed() throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    assertThat(FileSystem.getFileSystemClass("file", conf)).isEqualTo(NioLocalFileSystem.class);
  }
}
