package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
