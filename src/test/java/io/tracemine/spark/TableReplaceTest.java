package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TableWriter#replace(org.apache.hadoop.fs.FileSystem, org.apache.hadoop.fs.Path,
 * org.apache.hadoop.fs.Path)} when the file system refuses a rename part-way.
 */
class TableReplaceTest {

  /** Refuses, with an exception as HDFS does, the renames whose source's name passes a test. */
  static final class RefusingRenames extends LocalFileSystem {
    private final Predicate<String> refusedSource;

    RefusingRenames(Predicate<String> refusedSource) throws IOException {
      this.refusedSource = refusedSource;
      initialize(URI.create("file:///"), new Configuration());
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst)
        throws IOException {
      if (refusedSource.test(src.getName())) {
        throw new AccessDeniedException(src.toUri().getPath(), null, "Permission denied");
      }
      return super.rename(src, dst);
    }
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path("file://" + p.toAbsolutePath());
  }

  private static Path folder(Path parent, String name, String content) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("part-0"), content);
    return dir;
  }

  private static Stream<String> names(Path dir) throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString());
  }

  /** Deletes one file of a directory, then fails, as a run killed while deleting it stops. */
  static final class DeletionStoppedHalfway extends LocalFileSystem {
    DeletionStoppedHalfway() throws IOException {
      initialize(URI.create("file:///"), new Configuration());
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path f, boolean recursive) throws IOException {
      var files = listStatus(f);
      if (files.length > 0) {
        super.delete(files[0].getPath(), false);
      }
      throw new IOException("killed while deleting " + f);
    }
  }

  /**
   * A partition removed (a dated run's month without rows now) or replaced, its deletion stopped
   * half-way: before, the half-deleted {@code ._old-} folder was renamed back by the next run's
   * sweep as the partition, one of its files missing.
   */
  @Test
  void aReplacedTableWhoseDeletionStoppedIsNeverPutBack(@TempDir Path out) throws IOException {
    Path removed = folder(out, "creation_month=2016-01", "previous");
    Files.writeString(removed.resolve("part-1"), "previous too");
    Path replaced = folder(out, "creation_month=2016-02", "previous");
    Files.writeString(replaced.resolve("part-1"), "previous too");
    Path staged = folder(out, "._staging-m-1", "new");
    var fs = new DeletionStoppedHalfway();

    TableWriter.replace(fs, null, hadoop(removed));
    TableWriter.replace(fs, hadoop(staged), hadoop(replaced));
    assertThat(names(out)).noneMatch(n -> n.startsWith("._old-"));
    assertThat(names(out).filter(n -> n.startsWith("._trash-"))).hasSize(2);

    StageCommit.removeLeftovers( // the next run's sweep
        org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()), hadoop(out));
    assertThat(removed).doesNotExist();
    assertThat(Files.readString(replaced.resolve("part-0"))).isEqualTo("new");
    assertThat(names(out)).containsExactly("creation_month=2016-02");
  }

  @Test
  void aRefusedRenameOfTheStagedTableLeavesThePreviousTableInPlace(@TempDir Path out)
      throws IOException {
    Path target = folder(out, "t", "previous");
    Path staged = folder(out, "._staging-t-1", "new");
    var fs = new RefusingRenames(name -> name.startsWith("._staging-"));

    assertThatThrownBy(() -> TableWriter.replace(fs, hadoop(staged), hadoop(target)))
        .isInstanceOfSatisfying(
            RenameFailedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WriteRefusals.PERMISSION_DENIED);
              assertThat(e.directory()).isEqualTo(hadoop(out).toString());
              assertThat(e.keptAside()).isNull();
            });
    assertThat(Files.readString(target.resolve("part-0"))).isEqualTo("previous");
    assertThat(names(out)).noneMatch(n -> n.startsWith("._old-"));
  }

  @Test
  void aPreviousTableThatCannotBePutBackIsNamedWhereItIsKept(@TempDir Path out) throws IOException {
    Path target = folder(out, "t", "previous");
    Path staged = folder(out, "._staging-t-1", "new");
    var fs =
        new RefusingRenames(name -> name.startsWith("._staging-") || name.startsWith("._old-"));

    assertThatThrownBy(() -> TableWriter.replace(fs, hadoop(staged), hadoop(target)))
        .isInstanceOfSatisfying(
            RenameFailedException.class,
            e -> {
              assertThat(e.keptAside()).contains("/._old-t-");
              assertThat(Path.of(URI.create(e.keptAside())).resolve("part-0"))
                  .hasContent("previous");
            });
    assertThat(target).doesNotExist();
  }

  @Test
  void aReplacementThatIsNotRefusedLeavesOnlyTheNewTable(@TempDir Path out) throws IOException {
    Path target = folder(out, "t", "previous");
    Path staged = folder(out, "._staging-t-1", "new");
    TableWriter.replace(new RefusingRenames(name -> false), hadoop(staged), hadoop(target));
    assertThat(Files.readString(target.resolve("part-0"))).isEqualTo("new");
    assertThat(names(out).filter(n -> !n.startsWith("."))).containsExactly("t");
    assertThat(names(out)).noneMatch(n -> n.startsWith("._"));
  }

  /**
   * A table folder the operating system will not rename (immutable here; a mount point or a folder
   * on another volume likewise): Hadoop's local rename fell back to copy and delete, which deleted
   * the old table's files, left its folders, and answered false; the failed stage's sweep then
   * deleted the copy (hostile sweep 8: {@code traces} left as 38 empty month folders). Now the
   * refused rename changes nothing. Needs {@code chattr} (root with CAP_LINUX_IMMUTABLE).
   */
  @Test
  void aTableFolderThatCannotBeRenamedKeepsItsFiles(@TempDir Path out) throws Exception {
    Path target = Files.createDirectories(out.resolve("traces/creation_month=2016-01"));
    Files.writeString(target.resolve("part-0"), "previous");
    Path table = target.getParent();
    Path staged = folder(out, "._staging-traces-1", "new");
    assumeTrue(chattr("+i", table), "chattr +i is not permitted here");
    try {
      var fs = new LocalFileSystem();
      fs.initialize(URI.create("file:///"), new Configuration());
      assertThatThrownBy(() -> TableWriter.replace(fs, hadoop(staged), hadoop(table)))
          .isInstanceOf(RenameFailedException.class)
          .hasMessageContaining("the operating system refused to rename '")
          .hasMessageContaining("(Operation not permitted)");
      assertThat(target.resolve("part-0")).hasContent("previous");
      assertThat(names(out)).noneMatch(n -> n.startsWith("._old-"));
    } finally {
      chattr("-i", table);
    }
  }

  /**
   * A local folder renamed onto a folder that holds files: refused with the operating system's
   * reason, and nothing moves.
   */
  @Test
  void aRefusedRenameOfALocalFolderChangesNothing(@TempDir Path out) throws IOException {
    Path from = folder(out, "a", "a's");
    Path onto = folder(out, "b", "b's");
    var fs = new LocalFileSystem();
    fs.initialize(URI.create("file:///"), new Configuration());
    assertThatThrownBy(() -> Renames.rename(fs, hadoop(from), hadoop(onto)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the operating system refused to rename '")
        .hasMessageEndingWith("(Directory not empty)");
    assertThat(from.resolve("part-0")).hasContent("a's");
    assertThat(names(onto)).containsExactly("part-0");
    assertThat(Renames.rename(fs, hadoop(from), hadoop(out.resolve("c")))).isTrue();
    assertThat(out.resolve("c/part-0")).hasContent("a's");
    assertThat(Renames.rename(fs, hadoop(out.resolve("gone")), hadoop(out.resolve("d")))).isFalse();
  }

  private static boolean chattr(String flag, Path dir) throws Exception {
    try {
      Process p =
          new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException noChattr) {
      return false;
    }
  }
}
