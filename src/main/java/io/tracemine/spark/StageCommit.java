package io.tracemine.spark;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * One stage's outputs, committed together. Each table is first written to a hidden staging
 * directory beside its target ({@link TableWriter}), each single file (the match index, {@link
 * #writeFile}) to a hidden staging file beside its target; nothing visible changes until {@link
 * #commit}:
 *
 * <ol>
 *   <li>remove the stage's manifest {@code _COMMITTED-<stage>.json};
 *   <li>rename every staged table and file into place (each rename, within the output's file
 *       system, replaces one table or file atomically), then delete the tables this run no longer
 *       produces;
 *   <li>write the new manifest (to a hidden file, then renamed), naming the run, the upstream
 *       manifests' run ids, the input fingerprint, every table with its rows and every single file
 *       with its size and digest.
 * </ol>
 *
 * <p>A stage interrupted before step 1 leaves the previous output and its manifest intact; one
 * interrupted during step 2 leaves no manifest, so {@link #requireUpstream} refuses the directory
 * until the stage is rerun. Staging left by a killed run is removed by {@link #removeLeftovers}.
 */
public final class StageCommit {
  /** Test hook: when set to {@code 1}, the JVM halts (exit 137) after the first table rename. */
  public static final String HALT_AFTER_FIRST_RENAME = "TRACEMINE_FAULT_HALT_AFTER_FIRST_RENAME";

  /**
   * Test hook: when set to a stage's name, the JVM halts (exit 137) as that stage's {@link #commit}
   * starts, with every output staged.
   */
  public static final String HALT_BEFORE_COMMIT = "TRACEMINE_FAULT_HALT_BEFORE_COMMIT";

  /** The writer recorded for a partition found on disk that no earlier manifest names. */
  public static final String UNKNOWN_WRITER = "unknown";

  private final SparkSession spark;
  private final TableWriter writer;
  private final String stage;
  private final String runId;
  private final Map<String, String> upstream;
  private final Map<String, Object> input = new LinkedHashMap<>();
  private final Map<String, Path> staged = new LinkedHashMap<>();
  private boolean committed;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final Set<String> deletions = new LinkedHashSet<>();
  private final Map<String, StageManifest.OutputFile> outputFiles = new LinkedHashMap<>();

  /** Month-partitioned tables staged by this run: the months replaced (null: the whole table). */
  private final Map<String, Set<String>> partitioned = new LinkedHashMap<>();

  public StageCommit(
      SparkSession spark, String root, String stage, String runId, Map<String, String> upstream) {
    this.spark = spark;
    this.writer = new TableWriter(spark, root);
    this.stage = stage;
    this.runId = runId;
    this.upstream = Map.copyOf(upstream);
  }

  /** Adds an entry to the input fingerprint recorded in the manifest. */
  public void input(String key, Object value) {
    input.put(key, value);
  }

  /** Stages {@code table} as Parquet under {@code name}. */
  public void writeParquet(String name, Dataset<Row> table) {
    stage(name, writer.stageParquet(name, table));
    rows.put(name, parquetRows(staged.get(name)));
    partitioned.remove(name);
  }

  /**
   * Stages a table partitioned by {@link MonthPartitions#COLUMN} (a column of {@code table}) that
   * replaces the whole previous table at commit.
   */
  public void writePartitionedTable(String name, Dataset<Row> table) {
    stage(name, writer.stagePartitioned(name, table));
    rows.put(name, parquetRows(staged.get(name)));
    partitioned.put(name, null);
  }

  /**
   * Stages the month partitions {@code months} of a partitioned table: at commit exactly these
   * partitions are replaced by {@code table}'s rows (whose months must be among them), a month of
   * {@code months} without rows is removed, and every other partition is left as it is.
   */
  public void writePartitions(String name, Dataset<Row> table, Set<String> months) {
    Path path = writer.stagePartitioned(name, table);
    Set<String> written = MonthPartitions.list(path, writer.hadoopConf());
    if (!months.containsAll(written)) {
      writer.deleteQuietly(path);
      throw new IllegalStateException(
          "Table '" + name + "' has rows in months " + written + " outside " + months);
    }
    stage(name, path);
    rows.put(name, parquetRows(path));
    partitioned.put(name, Set.copyOf(months));
  }

  /**
   * Stages a small table as one Parquet file plus its neutralised CSV copy ({@code name.csv}). The
   * copy of a table computed by Spark is read from the staged file, so its plan runs once, not once
   * per format; a table of rows held by the driver ({@link Dataset#isLocal()}) is written from them
   * by the driver, without a Spark job ({@link DriverFiles}: Spark's own Parquet and CSV writers'
   * code, the same files).
   */
  public void writeParquetAndCsv(String name, Dataset<Row> table) {
    if (table.isLocal()) {
      List<Row> local = table.collectAsList();
      String written = name;
      try {
        stage(name, writer.stageLocalParquet(name, table, local));
        rows.put(name, (long) local.size());
        partitioned.remove(name);
        written = name + ".csv";
        stage(name + ".csv", writer.stageLocalCsv(name, table, local));
      } catch (TraceMineException e) {
        String cause = FullDisks.of(e).orElseThrow(() -> e);
        throw fullDisk(name, written, cause, e);
      }
      return;
    }
    writeParquet(name, table.coalesce(1));
    // its files by name: Spark warns "All paths were ignored" on a path whose own name is hidden
    Dataset<Row> written =
        spark
            .read()
            .schema(table.schema())
            .parquet(new Path(staged.get(name), "part-*").toString());
    stage(name + ".csv", writer.stageCsv(name, written));
  }

  /**
   * A driver-side write of {@code table} ({@code written}: its Parquet directory or its CSV copy)
   * that met a full disk or a quota: one line naming the file, the cause and the stage to rerun,
   * exit 1 as a full disk under a Spark task's write ({@code DamagedTables.fullDisk}). The file's
   * staging is already removed ({@link TableWriter#stageLocalCsv}); what the stage staged before it
   * is removed as the command ends.
   */
  private TraceMineException fullDisk(
      String table, String written, String cause, TraceMineException failure) {
    return onAFullDisk(
        "table '" + table + "' in '" + writer.path(table).getParent() + "'",
        written.equals(table) ? "its Parquet file" : "its CSV copy '" + written + "'",
        "tables",
        cause,
        failure);
  }

  /**
   * {@link #writeFile} of {@code name} met a full disk, a quota or a file-size limit: one line
   * naming the file, the output, the cause and the stage to rerun, as {@link #fullDisk} for a table
   * (hostile sweep 9: the match index said only {@code Cannot write: No space left on device}).
   */
  private TraceMineException fileOnAFullDisk(String name, String cause, Exception failure) {
    return onAFullDisk("'" + name + "' in '" + writer.root() + "'", "it", "files", cause, failure);
  }

  /**
   * {@code Cannot write <target>: <cause> while the driver wrote <written>; the stage did not
   * commit …}, the failure kept as its cause for --debug (out of the one-line message).
   */
  private TraceMineException onAFullDisk(
      String target, String written, String previous, String cause, Exception failure) {
    TraceMineException translated =
        new TraceMineException(
            "Cannot write "
                + target
                + ": "
                + cause
                + " while the driver wrote "
                + written
                + "; the stage did not commit (the previous "
                + previous
                + " stand; its staging is removed): "
                + FullDisks.remedy(cause)
                + " '"
                + stage
                + "'");
    translated.initCause(failure);
    return translated;
  }

  /** Writes a file that is not a table ({@link #writeFile}). */
  @FunctionalInterface
  public interface FileContent<T> {
    /** Writes the whole file to {@code file} (a new local file) and returns what it wrote. */
    T write(java.nio.file.Path file) throws IOException;
  }

  /**
   * Stages one file written by the driver, {@code name} below the output (e.g. {@code
   * match_index/index.tmm}): {@code content} writes it into the staging area beside its target (on
   * a remote file system: to a local temporary file, then copied there), and {@code digest} gives
   * the digest the manifest records with its size. At commit it is renamed into place with the
   * tables, so readers see the previous file until then.
   */
  public <T> T writeFile(
      String name, FileContent<T> content, Function<java.nio.file.Path, String> digest) {
    Path staging = TableWriter.stagingPath(writer.path(name), "");
    FileSystem fs = fileSystem();
    java.nio.file.Path temporary = null;
    try {
      java.nio.file.Path local;
      if ("file".equals(fs.getScheme())) {
        local = LocalPaths.of(fs.makeQualified(staging).toUri());
        Files.createDirectories(local.getParent());
      } else {
        temporary = Files.createTempFile("tracemine-", "-" + staging.getName());
        local = temporary;
      }
      T written = content.write(local);
      StageManifest.OutputFile facts =
          new StageManifest.OutputFile(Files.size(local), digest.apply(local));
      if (temporary != null) {
        fs.copyFromLocalFile(true, false, new Path(temporary.toUri()), staging);
      }
      stage(name, staging);
      outputFiles.put(name, facts);
      return written;
    } catch (IOException | RuntimeException e) {
      writer.deleteQuietly(staging);
      if (temporary != null) {
        temporary.toFile().delete();
      }
      Optional<String> full = FullDisks.of(e);
      if (full.isPresent()) {
        throw fileOnAFullDisk(name, full.get(), e);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new TraceMineException(
          "Cannot write '" + writer.path(name) + "': " + e.getMessage(), e);
    }
  }

  /**
   * Stages a folder of files written by the driver (the report's pages), {@code name} below the
   * output: copied from {@code localDir} into the staging area beside its target and renamed into
   * place at commit with the tables, so readers see the previous folder until then. The manifest
   * records each of its files (path below the output) with its size and SHA-256.
   *
   * @throws IOException when the folder cannot be read or staged (nothing is left staged)
   */
  public void writeFolder(String name, java.nio.file.Path localDir) throws IOException {
    Map<String, StageManifest.OutputFile> files = new java.util.TreeMap<>();
    try (var walk = Files.walk(localDir)) {
      for (java.nio.file.Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = localDir.relativize(file).toString().replace('\\', '/');
        files.put(
            name + "/" + relative,
            new StageManifest.OutputFile(Files.size(file), "sha256:" + sha256(file)));
      }
    }
    Path staging = TableWriter.stagingPath(writer.path(name), "");
    try {
      fileSystem().copyFromLocalFile(false, true, new Path(localDir.toUri()), staging);
    } catch (IOException | RuntimeException e) {
      writer.deleteQuietly(staging);
      throw e;
    } catch (org.apache.hadoop.fs.FSError e) { // Hadoop's local file system: a full disk
      writer.deleteQuietly(staging);
      if (e.getCause() instanceof IOException io) {
        throw new IOException(io.getMessage(), e);
      }
      throw e;
    }
    stage(name, staging);
    outputFiles.putAll(files);
  }

  private static String sha256(java.nio.file.Path file) throws IOException {
    try {
      var sha = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Stages this stage's quarantined rows, partition {@code rejects/stage=<stage>}. */
  public void writeRejects(Dataset<Row> rejects) {
    writeParquet("rejects/stage=" + stage, rejects.drop("stage"));
  }

  /** Stages this stage's row accounting, partition {@code counts/stage=<stage>}. */
  public void writeCounts(Map<String, Long> counts) {
    var list =
        counts.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
    writeParquet(
        "counts/stage=" + stage, spark.createDataFrame(list, OutputTables.COUNTS).coalesce(1));
  }

  /** Rows of a table staged by this commit. */
  public long rows(String name) {
    Long n = rows.get(name);
    if (n == null) {
      throw new IllegalStateException(
          "Table '" + name + "' was not written by stage '" + stage + "'");
    }
    return n;
  }

  /**
   * Removes {@code name} (and its CSV copy) at commit: an earlier run's table this run replaces.
   */
  public void delete(String name) {
    deletions.add(name);
  }

  private static final Object COMMITS = new Object();
  private static boolean refusing;

  /**
   * From now on {@link #commit} refuses; waits for a commit under way to finish. The shutdown on a
   * signal calls it, so it can tell exactly whether the stage it interrupted committed.
   */
  public static void refuseCommits() {
    synchronized (COMMITS) {
      refusing = true;
    }
  }

  /**
   * Whether {@link #commit} moved this stage's tables into place. A stage that did not (it failed,
   * or was abandoned) may leave staging behind, for {@link #removeLeftovers}.
   */
  public boolean committed() {
    return committed;
  }

  /** Makes the staged tables visible together and writes the manifest last. */
  public StageManifest commit() {
    synchronized (COMMITS) {
      if (refusing) {
        throw new TraceMineException(
            "Cannot commit stage '" + stage + "': the process is shutting down");
      }
      if (stage.equals(System.getenv(HALT_BEFORE_COMMIT))) {
        Runtime.getRuntime().halt(137);
      }
      return commitTables();
    }
  }

  private StageManifest commitTables() {
    FileSystem fs = fileSystem();
    try {
      ForeignOutputs.refuse(fs, new Path(writer.root()), stage, staged);
    } catch (IOException e) {
      throw new TraceMineException("Cannot list the output '" + writer.root() + "'", e);
    }
    Path manifestPath = writer.path(StageManifest.fileName(stage));
    Optional<StageManifest> before = read(spark, writer.root(), stage);
    int total = staged.size();
    int renamed = 0;
    String step = "removing " + manifestPath.getName();
    try {
      if (!fs.delete(manifestPath, false) && fs.exists(manifestPath)) {
        throw new RenameFailedException(
            "Cannot remove '" + manifestPath + "'",
            writer.root(),
            WriteRefusals.ofDirectory(fs, new Path(writer.root())));
      }
      for (var e : staged.entrySet()) {
        step = "renaming '" + e.getKey() + "' into place";
        install(e.getKey(), e.getValue(), fs);
        renamed++;
        if (renamed == 1 && "1".equals(System.getenv(HALT_AFTER_FIRST_RENAME))) {
          Runtime.getRuntime().halt(137);
        }
      }
      staged.clear();
      committed = true;
      step = "removing the tables this run no longer writes";
      for (String name : deletions) {
        writer.delete(name);
      }
      step = "writing " + manifestPath.getName();
      return writeManifest(fs, manifestPath, before);
    } catch (IOException | TraceMineException e) {
      throw interrupted(
          e,
          new InterruptedCommit(
              stage, step, renamed, total, before.isPresent(), exists(fs, manifestPath)));
    }
  }

  private StageManifest writeManifest(
      FileSystem fs, Path manifestPath, Optional<StageManifest> before) throws IOException {
    Map<String, Long> tables = new LinkedHashMap<>(rows);
    for (String name : partitioned.keySet()) {
      tables.put(name, parquetRows(writer.path(name)));
    }
    for (var name : List.copyOf(tables.keySet())) {
      if (fs.exists(writer.path(name + ".csv"))) {
        tables.put(name + ".csv", -1L);
      }
    }
    StageManifest manifest =
        new StageManifest(
            stage,
            runId,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            upstream,
            input,
            tables,
            partitionWriters(before),
            fileDigests(tables),
            outputFiles);
    Path tmp = writer.path("._staging-" + StageManifest.fileName(stage) + "-" + UUID.randomUUID());
    try (FSDataOutputStream out = fs.create(tmp, false)) {
      out.write(manifest.toJson());
    }
    if (!Renames.rename(fs, tmp, manifestPath)) {
      throw new RenameFailedException(
          "Cannot write manifest '" + manifestPath + "': rename failed",
          writer.root(),
          WriteRefusals.ofDirectory(fs, new Path(writer.root())));
    }
    return manifest;
  }

  /**
   * The one line of a commit that stopped at {@code where}: exit 2 when the output refused a write
   * (its permission taken away, a read-only file system), else exit 1; both say what the output
   * holds now.
   */
  private TraceMineException interrupted(Exception failure, InterruptedCommit where) {
    String reason = WriteRefusals.reason(failure);
    String directory = writer.root();
    if (failure instanceof RenameFailedException refused) {
      directory = refused.directory();
      reason = reason != null ? reason : refused.reason();
    }
    String error = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    TraceMineException translated =
        reason == null
            ? new TraceMineException(
                where.failed(writer.root(), error.lines().findFirst().orElse(error)))
            : new InvalidConfigException(where.refused(directory, reason));
    translated.initCause(failure); // for --debug, kept out of the one-line message
    return translated;
  }

  /** Whether {@code path} exists; a file system that cannot tell is taken to have lost it. */
  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException unknown) {
      return false;
    }
  }

  /**
   * Gives the stage up without changing the output: every table and the manifest stay as the last
   * commit left them. The staged tables are moved, for inspection only, under {@code
   * <root>/<dir>/<name>} (replacing whatever an earlier failed run left there); no stage reads
   * them. Returns the path of {@code dir}.
   */
  public String abandon(String dir) {
    FileSystem fs = fileSystem();
    Path target = writer.path(dir);
    try {
      fs.delete(target, true);
      for (var e : staged.entrySet()) {
        Path to = new Path(target, e.getKey());
        fs.mkdirs(to.getParent());
        if (!Renames.rename(fs, e.getValue(), to)) {
          throw new TraceMineException("Cannot move '" + e.getValue() + "' to '" + to + "'");
        }
        deleteIfEmpty(fs, e.getValue().getParent());
      }
      staged.clear();
      return target.toString();
    } catch (IOException e) {
      throw new TraceMineException("Cannot set aside the failed '" + stage + "' output", e);
    }
  }

  /**
   * Removes {@code dir} when staging made it and nothing else is in it ({@code counts/} of a new
   * output, which held only this stage's staged partition): the output is left as it was.
   */
  private void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
    if (dir != null
        && !fs.makeQualified(dir).equals(fs.makeQualified(new Path(writer.root())))
        && fs.exists(dir)
        && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  private void stage(String name, Path path) {
    Path previous = staged.put(name, path);
    if (previous != null) {
      writer.deleteQuietly(previous);
    }
  }

  /** Moves staged table {@code name} into place: the whole table, or only its staged months. */
  private void install(String name, Path stagedDir, FileSystem fs) throws IOException {
    Set<String> months = partitioned.get(name);
    Path target = writer.path(name);
    if (months == null) {
      writer.replace(stagedDir, target);
      return;
    }
    fs.mkdirs(target);
    for (String month : new java.util.TreeSet<>(months)) {
      Path stagedPart = new Path(stagedDir, MonthPartitions.directory(month));
      Path targetPart = new Path(target, MonthPartitions.directory(month));
      if (fs.exists(stagedPart)) {
        writer.replace(stagedPart, targetPart);
      } else {
        writer.replace(null, targetPart);
      }
    }
    fs.delete(stagedDir, true);
  }

  /** Each partition on disk with the run that wrote it: this one for those it replaced. */
  private Map<String, Map<String, String>> partitionWriters(Optional<StageManifest> before) {
    Map<String, Map<String, String>> all = new java.util.TreeMap<>();
    for (String name : partitioned.keySet()) {
      Map<String, String> previous = before.map(m -> m.partitionsOf(name)).orElse(Map.of());
      Set<String> replaced = partitioned.get(name);
      Map<String, String> writers = new java.util.TreeMap<>();
      for (String month : MonthPartitions.list(writer.path(name), writer.hadoopConf())) {
        boolean ours =
            partitioned.containsKey(name) && (replaced == null || replaced.contains(month));
        writers.put(month, ours ? runId : previous.getOrDefault(month, UNKNOWN_WRITER));
      }
      all.put(name, writers);
    }
    return all;
  }

  /** Rows of a Parquet directory and its partitions, from the files' footers (no Spark job). */
  private long parquetRows(Path dir) {
    try {
      return TableFooters.of(writer.hadoopConf(), dir.toString(), List.of())
          .orElseThrow(() -> new TraceMineException("Cannot list the files of '" + dir + "'"))
          .stream()
          .mapToLong(TableFooters.FileFacts::rows)
          .sum();
    } catch (TableFooters.DamagedFileException e) {
      throw new TraceMineException("Cannot count the rows of '" + dir + "'", e);
    }
  }

  /**
   * Each Parquet table's files with their footer digests, read after the renames (so from the files
   * as readers will see them); a table whose footers cannot be read is left out (not checked).
   */
  private Map<String, Map<String, String>> fileDigests(Map<String, Long> tables) {
    Map<String, Map<String, String>> files = new LinkedHashMap<>();
    for (var e : tables.entrySet()) {
      if (e.getValue() >= 0) {
        try {
          TableFooters.of(writer.hadoopConf(), writer.path(e.getKey()).toString(), List.of())
              .ifPresent(facts -> files.put(e.getKey(), TableFooters.digests(facts)));
        } catch (TableFooters.DamagedFileException unreadable) {
          // not a table of Parquet files (none is written so); its readers fail on it anyway
        }
      }
    }
    return files;
  }

  private FileSystem fileSystem() {
    try {
      return new Path(writer.root()).getFileSystem(writer.hadoopConf());
    } catch (IOException e) {
      throw new TraceMineException("Cannot open '" + writer.root() + "'", e);
    }
  }

  /** The committed manifest of {@code stage} under {@code root}, if any. */
  public static Optional<StageManifest> read(SparkSession spark, String root, String stage) {
    Path path = new Path(root, StageManifest.fileName(stage));
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      try (FSDataInputStream in = fs.open(path)) {
        return Optional.of(StageManifest.of(stage, in.readAllBytes(), path.toString()));
      }
    } catch (IOException e) {
      throw new MalformedInputException(
          "Cannot read manifest '" + path + "' (rerun '" + stage + "')", e);
    }
  }

  /**
   * Checks that every stage in {@code upstream} has committed its output under {@code root}, and
   * that those outputs belong together: where one upstream manifest was made from another upstream
   * stage, it must name that stage's current run. Returns each upstream stage's run id.
   *
   * @throws MalformedInputException (exit 3) naming the directory and the stage to rerun
   */
  public static Map<String, String> requireUpstream(
      SparkSession spark, String root, String stage, List<String> upstream) {
    Map<String, StageManifest> manifests = new LinkedHashMap<>();
    for (String up : upstream) {
      StageManifest m =
          read(spark, root, up)
              .orElseThrow(
                  () ->
                      new MalformedInputException(
                          "Cannot run '"
                              + stage
                              + "' on '"
                              + root
                              + "': the '"
                              + up
                              + "' output is not committed (no "
                              + StageManifest.fileName(up)
                              + ": never run, or interrupted); rerun '"
                              + up
                              + "'"));
      manifests.put(up, m);
    }
    Map<String, String> runIds = new LinkedHashMap<>();
    for (StageManifest m : manifests.values()) {
      for (var ref : m.upstream().entrySet()) {
        StageManifest current = manifests.get(ref.getKey());
        if (current != null && !current.runId().equals(ref.getValue())) {
          throw new MalformedInputException(
              "Cannot run '"
                  + stage
                  + "' on '"
                  + root
                  + "': the '"
                  + m.stage()
                  + "' output was made from"
                  + " another '"
                  + ref.getKey()
                  + "' run ("
                  + ref.getValue()
                  + "; the current one is "
                  + current.runId()
                  + "); rerun '"
                  + m.stage()
                  + "'");
        }
      }
      runIds.put(m.stage(), m.runId());
    }
    return runIds;
  }

  /**
   * Deletes staging and replaced-table leftovers ({@code ._staging-*}, {@code ._old-*}, {@code
   * ._trash-*}) of killed runs, in the root and one level down (partitioned tables). Call only
   * while holding the lock.
   */
  public static int removeLeftovers(SparkSession spark, String root) {
    Path rootPath = new Path(root);
    try {
      return removeLeftovers(
          rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration()), rootPath);
    } catch (IOException e) {
      throw new TraceMineException("Cannot clean up staging leftovers in '" + root + "'", e);
    }
  }

  static int removeLeftovers(FileSystem fs, Path rootPath) {
    int removed = 0;
    String root = rootPath.toString();
    try {
      if (!fs.exists(rootPath)) {
        return 0;
      }
      for (var child : fs.listStatus(rootPath)) {
        if (isLeftover(child.getPath())) {
          removed += removeOrRestore(fs, child.getPath()) ? 1 : 0;
        } else if (child.isDirectory() && !child.getPath().getName().startsWith(".")) {
          for (var grandChild : fs.listStatus(child.getPath())) {
            if (isLeftover(grandChild.getPath())) {
              removed += removeOrRestore(fs, grandChild.getPath()) ? 1 : 0;
            }
          }
        }
      }
      return removed;
    } catch (IOException e) {
      throw new TraceMineException("Cannot clean up staging leftovers in '" + root + "'", e);
    }
  }

  /**
   * Deletes a leftover, except a replaced table or partition ({@code ._old-<name>-<uuid>}) whose
   * {@code <name>} is missing: a run killed between the two renames of a replacement. That one is
   * renamed back, so a partition that a dated run was replacing is not lost with the staging.
   */
  private static boolean removeOrRestore(FileSystem fs, Path leftover) throws IOException {
    String name = leftover.getName();
    int uuid = 37; // "-" + a random UUID
    String prefix = TableWriter.OLD_PREFIX;
    if (name.startsWith(prefix) && name.length() > prefix.length() + uuid) {
      Path original =
          new Path(leftover.getParent(), name.substring(prefix.length(), name.length() - uuid));
      if (!fs.exists(original)) {
        return Renames.rename(fs, leftover, original);
      }
    }
    return fs.delete(leftover, true);
  }

  private static boolean isLeftover(Path path) {
    String name = path.getName().replaceFirst("^\\.(?=\\._)", ""); // and Hadoop's .crc sidecars
    return name.startsWith("._staging-")
        || name.startsWith(TableWriter.OLD_PREFIX)
        || name.startsWith(TableWriter.TRASH_PREFIX);
  }
}
