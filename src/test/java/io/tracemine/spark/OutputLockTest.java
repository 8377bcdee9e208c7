package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.OutputLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
  private final FileSystem fs;

  OutputLockTest() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toString());
  }

  private static OutputLock.Holder holder(String runId, long pid) {
    OutputLock.Holder self = OutputLock.self(runId, "run");
    return new OutputLock.Holder(runId, self.host(), pid, self.startedAt(), "run");
  }

  @Test
  void exactlyOneOfManyConcurrentRunsGetsTheLock(@TempDir Path dir) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    long livePid = ProcessHandle.current().pid();
    List<Future<OutputLock>> tries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String runId = "r" + i;
      tries.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return OutputLock.acquire(
                      fs, hadoop(dir.resolve("out")), holder(runId, livePid), false);
                } catch (OutputLockedException e) {
                  return null;
                }
              }));
    }
    start.countDown();
    List<OutputLock> won = new ArrayList<>();
    for (Future<OutputLock> f : tries) {
      if (f.get() != null) {
        won.add(f.get());
      }
    }
    pool.shutdown();
    assertThat(won).hasSize(1);
    assertThat(won.get(0).isHeld()).isTrue();
    won.get(0).close();
    assertThat(dir.resolve("out/_LOCK.json")).doesNotExist();
  }

  /** An output that holds another output one level down is refused before anything is made. */
  @Test
  void anOutputHoldingAnotherOutputIsRefused(@TempDir Path dir) throws Exception {
    Path outer = dir.resolve("outer");
    Path inner = outer.resolve("inner");
    try (OutputLock live =
        OutputLock.acquire(fs, hadoop(inner), OutputLock.self("inner-run", "ingest"), false)) {
      assertThatThrownBy(
              () -> OutputLock.acquire(fs, hadoop(outer), OutputLock.self("outer", "run"), false))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("holds the TraceMine output '" + inner)
          .hasMessageContaining("(it holds _LOCK.json)");
      assertThat(live.isHeld()).isTrue();
    }
    Files.writeString(inner.resolve("_COMMITTED-ingest.json"), "{}");
    assertThatThrownBy(
            () -> OutputLock.acquire(fs, hadoop(outer), OutputLock.self("outer", "run"), false))
        .hasMessageContaining("(it holds _COMMITTED-ingest.json)");
    assertThat(outer.resolve("_LOCK.json")).doesNotExist();
    // a table directory, or an output two levels down, is no reason to refuse
    Files.delete(inner.resolve("_COMMITTED-ingest.json"));
    Files.createDirectories(outer.resolve("posts/creation_month=2019-03"));
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(outer), OutputLock.self("outer", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
    }
  }

  /** An output whose path holds characters outside ASCII and blanks ("Bad escape" before). */
  @Test
  void anOutputNamedOutsideAsciiIsLocked(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("café résumé 出力");
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(out), OutputLock.self("r", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
      assertThat(out.resolve("_LOCK.json")).exists();
      assertThat(LocalOutputLock.whyNoDirectory(fs.makeQualified(hadoop(out)).toUri())).isEmpty();
    }
    assertThat(out.resolve("_LOCK.json")).doesNotExist();
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOverAndALiveOneIsNot(@TempDir Path dir)
      throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    try (OutputLock dead = OutputLock.acquire(fs, hadoop(dir), holder("dead", gone.pid()), false)) {
      try (OutputLock taker =
          OutputLock.acquire(fs, hadoop(dir), OutputLock.self("taker", "run"), false)) {
        assertThat(taker.isHeld()).isTrue();
        assertThat(dead.isHeld()).isFalse();
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertThatThrownBy(
                () -> OutputLock.acquire(fs, hadoop(dir), holder("later", parent), false))
            .isInstanceOf(OutputLockedException.class)
            .hasMessageStartingWith(
                "Cannot write output directory '"
                    + dir
                    + "': it is locked by run taker (run, pid "
                    + ProcessHandle.current().pid());
      }
    }
    assertThat(dir.resolve("_LOCK.json"))
        .as("the taker released it, the dead holder left it alone")
        .doesNotExist();
  }

  /**
   * A live process that started after the lock was taken is not its holder (its pid was reused):
   * the lock is taken over. Before, every run was refused with exit 4 until --force-unlock.
   */
  @Test
  void aLockWhosePidNowNamesAYoungerProcessIsTakenOver(@TempDir Path dir) throws Exception {
    Process younger = new ProcessBuilder("sleep", "60").start();
    try {
      OutputLock.Holder self = OutputLock.self("old", "mine");
      OutputLock.Holder killedAnHourAgo =
          new OutputLock.Holder(
              "old",
              self.host(),
              younger.pid(),
              java.time.Instant.now().minusSeconds(3600).toString(),
              "mine");
      try (OutputLock dead = OutputLock.acquire(fs, hadoop(dir), killedAnHourAgo, false);
          OutputLock taker =
              OutputLock.acquire(fs, hadoop(dir), OutputLock.self("taker", "run"), false)) {
        assertThat(taker.isHeld()).isTrue();
        assertThat(dead.isHeld()).isFalse();
      }
    } finally {
      younger.destroyForcibly();
    }
  }

  @Test
  void anOutputThatIsAFileIsAConfigurationError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(
            () -> OutputLock.acquire(fs, hadoop(file), OutputLock.self("r", "run"), false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("Cannot write output: '" + file + "' (output.dir) is a file, not a directory");
  }

  /**
   * A regular file where a folder the stages write their parts into should be (counts, rejects, the
   * month-partitioned tables, the match index, the report) is refused before any work (before: the
   * stage ran and failed at its commit, exit 1, "Parent path is not a directory"); a file by
   * another name, or a table's own name that its stage replaces whole, is left alone.
   */
  @Test
  void aFileWhereAFolderStagesWriteIntoShouldBeIsRefusedNamingIt(@TempDir Path dir)
      throws Exception {
    for (String folder :
        List.of("counts", "rejects", "posts", "questions", "traces", "match_index", "report")) {
      Path out = Files.createDirectories(dir.resolve("out-" + folder));
      Path file = Files.writeString(out.resolve(folder), "not a folder");
      assertThatThrownBy(
              () -> OutputLock.acquire(fs, hadoop(out), OutputLock.self("r", "run"), false))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage(
              "Cannot write output: '"
                  + file
                  + "' is a file, not a directory: the stages write their parts into that folder"
                  + " of output.dir; remove or move the file, or choose another output directory");
      assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
    }
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    Files.writeString(out.resolve("table1_population.csv"), "a,b");
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(out), OutputLock.self("r", "run"), false)) {
      assertThat(out.resolve(OutputLock.FILE)).exists();
    }
  }

  /** A file system whose new files cannot be written (ENOSPC), as on a full disk. */
  private static final class FullDisk extends org.apache.hadoop.fs.FilterFileSystem {
    FullDisk(FileSystem local) {
      super(local);
    }

    @Override
    public org.apache.hadoop.fs.FSDataOutputStream create(
        org.apache.hadoop.fs.Path f, boolean overwrite) throws java.io.IOException {
      super.create(f, overwrite).close(); // the entry is made, its bytes are not
      return new org.apache.hadoop.fs.FSDataOutputStream(
          new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
              throw new java.io.IOException("No space left on device");
            }
          },
          null);
    }
  }

  @Test
  void aLockThatCannotBeWrittenIsNamedAndNotLeftBehindAsALiveLock(@TempDir Path dir)
      throws Exception {
    org.apache.hadoop.fs.Path out = hadoop(dir.resolve("out"));
    FileSystem full = new FullDisk(fs);
    full.initialize(fs.getUri(), fs.getConf());
    assertThatThrownBy(() -> OutputLock.acquire(full, out, OutputLock.self("r1", "run"), false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot write output: cannot write the lock file '"
                + new org.apache.hadoop.fs.Path(out, OutputLock.FILE)
                + "' in '"
                + out
                + "' (output.dir): No space left on device (a full disk or a quota?)");
    assertThat(dir.resolve("out").resolve(OutputLock.FILE)).doesNotExist();
    // once there is room, the next run takes the output: no empty lock of "an unknown run" is left
    try (OutputLock lock = OutputLock.acquire(fs, out, OutputLock.self("r2", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
    }
  }

  /**
   * A file system whose directories refuse new entries, as Hadoop's local one reports it for an
   * output made unwritable (root is not stopped by {@code chmod}): a rename fails, and its fallback
   * copy cannot create the target ({@code FileNotFoundException: … (Permission denied)}).
   */
  private static final class RefusingRenames extends org.apache.hadoop.fs.FilterFileSystem {
    private final String reason;

    RefusingRenames(FileSystem local, String reason) {
      super(local);
      this.reason = reason;
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst)
        throws java.io.IOException {
      throw new java.io.FileNotFoundException(dst.toUri().getPath() + " (" + reason + ")");
    }
  }

  /**
   * A run killed earlier left its lock, then the output became unwritable: exit 2 before any work,
   * naming the directory and why, and the lock stays for the run after it is writable again.
   * Before: exit 1, {@code Cannot remove stale lock '/out/_LOCK.json' (FileNotFoundException:
   * /out/._old-lock-… (Permission denied))}.
   */
  @Test
  void aStaleLockInAnOutputThatIsNoLongerWritableIsNamedAsTheUnwritableOutput(@TempDir Path dir)
      throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    OutputLock.Holder killed = holder("killed", gone.pid());
    OutputLock.acquire(fs, hadoop(dir), killed, false); // never closed: its run was killed
    for (String reason : List.of("Permission denied", "Read-only file system")) {
      FileSystem refusing = new RefusingRenames(fs, reason);
      refusing.initialize(fs.getUri(), fs.getConf());
      assertThatThrownBy(
              () -> OutputLock.acquire(refusing, hadoop(dir), OutputLock.self("r", "run"), false))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage(
              "Cannot write output: directory '"
                  + dir
                  + "' (output.dir) is not writable ("
                  + reason
                  + "), so the stale lock _LOCK.json left there by "
                  + killed.describe()
                  + ", which is no longer running, cannot be taken over; make it writable and"
                  + " rerun (the rerun takes the lock over)");
    }
    assertThat(dir.resolve(OutputLock.FILE)).exists();
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(dir), OutputLock.self("r", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
    }
  }

  @Test
  void anOutputInsideAnotherOutputIsRefusedBeforeAnythingIsMade(@TempDir Path dir)
      throws Exception {
    Path outer = Files.createDirectories(dir.resolve("outer").resolve("traces"));
    Files.writeString(dir.resolve("outer").resolve("_COMMITTED-extract.json"), "{}");
    Path inner = outer.resolve("run2");
    assertThatThrownBy(
            () -> OutputLock.acquire(fs, hadoop(inner), OutputLock.self("r", "run"), false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot write output: '"
                + inner
                + "' (output.dir) is inside the TraceMine output '"
                + dir.resolve("outer")
                + "' (it holds _COMMITTED-extract.json), whose stages would replace, read or clean"
                + " up this run's files; choose a directory outside it");
    assertThat(inner).doesNotExist();
    // beside it, or the output itself, is fine
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(dir.resolve("beside")), OutputLock.self("r", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
    }
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(dir.resolve("outer")), OutputLock.self("r", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
    }
  }

  /**
   * The same through a symbolic link to a table's directory: before, the link hid the output above,
   * and the run wrote its tables into the committed 'traces' of the other output.
   */
  @Test
  void anOutputReachedThroughALinkIntoAnotherOutputIsRefused(@TempDir Path dir) throws Exception {
    Path traces = Files.createDirectories(dir.resolve("outer").resolve("traces"));
    Files.writeString(dir.resolve("outer").resolve("_COMMITTED-extract.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("lnk"), traces);
    Path inner = link.resolve("run2");
    assertThatThrownBy(
            () -> OutputLock.acquire(fs, hadoop(inner), OutputLock.self("r", "run"), false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(
            "' (output.dir) is inside the TraceMine output '"
                + dir.toRealPath().resolve("outer")
                + "' (it holds _COMMITTED-extract.json)");
    assertThat(traces.resolve("run2")).doesNotExist();
    assertThatThrownBy(() -> LocalOutputLock.requireNoPipelineOutput(inner.resolve("corpus")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is inside the TraceMine output");
  }

  @Test
  void anEmptyLockLeftByARunKilledBeforeWritingItIsTakenOverOnceOld(@TempDir Path dir)
      throws Exception {
    Path lockFile = Files.createDirectories(dir.resolve("out")).resolve(OutputLock.FILE);
    Files.createFile(lockFile); // created, then the run was killed before writing its holder
    assertThatThrownBy(
            () ->
                OutputLock.acquire(
                    fs, hadoop(dir.resolve("out")), OutputLock.self("r", "run"), false))
        .as("a fresh empty lock may be a run writing it right now")
        .isInstanceOf(OutputLockedException.class)
        .hasMessageContaining(
            "it is locked by a run that has not written its lock file yet (it is empty or"
                + " unreadable; one older than 60 s is taken over)")
        .hasMessageContaining("--force-unlock (lock file " + lockFile + ")");
    Files.setLastModifiedTime(
        lockFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 61_000));
    try (OutputLock lock =
        OutputLock.acquire(fs, hadoop(dir.resolve("out")), OutputLock.self("r", "run"), false)) {
      assertThat(lock.isHeld()).isTrue();
      assertThat(Files.readString(lockFile)).contains("\"run_id\":\"r\"");
    }
  }

  /** An output that cannot be made says why: a symbolic link loop, a link to nothing, a file. */
  @Test
  void anOutputThatCannotBeMadeNamesTheReason(@TempDir Path dir) throws Exception {
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone/x"));
    Path file = Files.writeString(dir.resolve("file"), "");
    assertThatThrownBy(
            () -> OutputLock.acquire(fs, hadoop(loop.resolve("out")), holder("r", 1), false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith(
            ": '"
                + loop
                + "' is a symbolic link loop (it leads back to itself via '"
                + loop
                + "')");
    assertThatThrownBy(() -> OutputLock.acquire(fs, hadoop(dangling), holder("r", 1), false))
        .hasMessageEndingWith(
            ": '"
                + dangling
                + "' is a symbolic link to '"
                + dir.resolve("gone/x")
                + "', which does not exist");
    assertThat(LocalOutputLock.whyNoDirectory(file.toUri()))
        .isEqualTo(": it is a file, not a directory");
    assertThat(LocalOutputLock.whyNoDirectory(file.resolve("sub").toUri()))
        .isEqualTo(": Not a directory");
    assertThat(LocalOutputLock.whyNoDirectory(java.net.URI.create("hdfs://nn/x"))).isEmpty();
  }
}
