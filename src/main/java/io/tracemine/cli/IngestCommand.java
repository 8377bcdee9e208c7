package io.tracemine.cli;

import static org.apache.spark.sql.functions.col;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.CreationWindow;
import io.tracemine.ingest.CreationWindowFilter;
import io.tracemine.ingest.DatedLinks;
import io.tracemine.ingest.DatedPosts;
import io.tracemine.ingest.DuplicateLinks;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.ingest.IngestStage;
import io.tracemine.ingest.InputFiles;
import io.tracemine.ingest.InputFiles.InputFile;
import io.tracemine.ingest.InputOutsideOutput;
import io.tracemine.ingest.PostLinksConfig;
import io.tracemine.ingest.PostsSource;
import io.tracemine.ingest.QualityGate;
import io.tracemine.ingest.StoredCopies;
import io.tracemine.spark.InputFingerprint;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.OutputTables;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.StageCommit;
import io.tracemine.spark.StageManifest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Reads posts and keeps each library's questions with their answers ('posts').",
      "Reads the bundled sample, a Posts.xml dump, Parquet or BigQuery, selects each library's "
          + "questions by tag with all their answers, and writes the 'posts' table; unreadable "
          + "rows go to 'rejects', the row accounting to 'counts', the files read to "
          + "'input_files'; the optional PostLinks input (source.postlinks.*) gives "
          + "'duplicate_links'. Fails (exit 3) after writing 'rejects' when more than "
          + "ingest.max-rejected-fraction of the rows is rejected (docs/RELIABILITY.md)."
    },
    footerHeading = "%nExample:%n",
    footer = "  ./submit.sh ingest --source xml --input /data/Posts.xml --output out/so2024")
final class IngestCommand implements Callable<Integer> {
  /** Where a run that fails the quality gate sets its rejects, counts and input_files aside. */
  static final String FAILED = "_failed-ingest";

  @Mixin CommonOptions common;
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    Map<String, String> overrides = new TreeMap<>();
    source.addTo(overrides);
    try (Invocation invocation = new Invocation("ingest", common, overrides, System.out)) {
      check(invocation);
      invocation.open();
      invocation.summary(run(invocation, 1, 1));
    }
    return 0;
  }

  /** Checks the ingest settings and that the input exists, without Spark. */
  static void check(Invocation invocation) {
    IngestConfig config = IngestConfig.from(invocation.settings, System.getenv());
    PostsSource.checkInput(config);
    PostLinksConfig links = PostLinksConfig.from(invocation.settings, config);
    CreationWindow.from(invocation.settings);
    if (config.sourceType() != IngestConfig.SourceType.BIGQUERY && config.path() != null) {
      InputOutsideOutput.require(
          "posts", IngestConfig.SOURCE_PATH, config.path(), invocation.outputDir());
    }
    if (links.type() == PostLinksConfig.Type.XML || links.type() == PostLinksConfig.Type.PARQUET) {
      InputOutsideOutput.require(
          "PostLinks", PostLinksConfig.POSTLINKS_PATH, links.location(), invocation.outputDir());
    }
  }

  static StageSummary run(Invocation invocation, int index, int total) {
    IngestConfig config = IngestConfig.from(invocation.settings, System.getenv());
    CreationWindow window = CreationWindow.from(invocation.settings);
    PostsSource.checkInput(config);
    PostLinksConfig linksConfig = PostLinksConfig.from(invocation.settings, config);
    long start = System.nanoTime();
    StageCommit commit = invocation.stage("ingest", List.of());
    InputFingerprint.of(invocation.spark(), config).forEach(commit::input);
    commit.input("window", window.describe());
    commit.input(SELECTION, config.selector().toString());
    PostsTable.requirePartitioned(invocation, window);
    PostsTable.requireOneRunsMonthsAndSelection(invocation, window, config);
    PostsSource source = new PostsSource(invocation.spark(), config, window);
    invocation.begin("ingest", index, total, "reading " + source.describe() + window.describe());
    List<InputFile> files = source.files();
    DuplicateLinks linksInput = new DuplicateLinks(invocation.spark(), linksConfig);
    var tables = invocation.tables();
    IngestStage.IngestResult result = null;
    DuplicateLinks.Result links = null;
    long outsideWindow = 0;
    long undatedOutsideWindow = 0;
    while (result == null) {
      try {
        Dataset<Row> all = source.read();
        Dataset<Row> windowed = CreationWindowFilter.apply(all, window);
        Dataset<Row> windowedWithoutByteChecks =
            source.checksBytesPerPass()
                ? CreationWindowFilter.apply(source.readWithoutByteChecks(), window)
                : null;
        IngestStage stage = new IngestStage(invocation.spark(), config);
        result = stage.run(windowed, windowedWithoutByteChecks);
        Dataset<Row> collisions = PostsTable.storedCopies(invocation, window, result.datedPosts());
        if (collisions != null) {
          // rare: the run again, its copies of those Ids quarantined, so counts name their rows
          result.unpersist();
          result =
              stage.run(
                  StoredCopies.rejected(windowed, collisions),
                  StoredCopies.rejected(windowedWithoutByteChecks, collisions));
        }
        links = linksInput.runOnQuestions(result.questionIds());
        commit.writeRejects(result.rejects().unionByName(links.rejects()));
        if (!window.isAll()) {
          Row left = CreationWindowFilter.outsideCounts(all, window);
          outsideWindow = left.getLong(0);
          undatedOutsideWindow = left.getLong(1);
        }
      } catch (Exception e) { // Spark's SparkException is checked, but not declared
        Optional<InputFile> reread =
            source.readWholeAfter(e).or(() -> linksInput.readWholeAfter(e));
        if (reread.isEmpty()) {
          throw source.translate(e, linksInput);
        }
        // rare: a dump read by lines holds a comment (or CDATA) over lines; the attempt's caches go
        if (result != null) {
          result.unpersist();
          result = null;
        }
        invocation.spark().catalog().clearCache();
        invocation.info(
            "  note: '"
                + InputFiles.display(reread.get().path())
                + "' holds XML markup (a comment, CDATA or processing instruction) over"
                + " several lines: read again whole, by one task");
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>(result.counts());
    List<io.tracemine.ingest.LibraryDefinition> librariesWithoutQuestions = List.of();
    // the cached parents and the broadcast index go on every way out, a refused run's too
    try {
      Optional<String> changed =
          InputFiles.changedSinceListed(
              files, invocation.spark().sparkContext().hadoopConfiguration());
      if (changed.isPresent()) {
        throw new TraceMineException(
            "Cannot read posts: "
                + changed.get()
                + ", so it was read in part while it changed (nothing committed: the output is"
                + " unchanged); rerun ingest when the file is complete");
      }
      counts.put("outside_window", outsideWindow);
      counts.put("outside_window_undated", undatedOutsideWindow);
      counts.put("files_read", (long) files.size());
      counts.putAll(links.counts());
      commit.writeCounts(counts);
      commit.writeParquet("input_files", InputFilesTable.of(invocation, source, files, result));
      long inputBytes = files.isEmpty() ? -1 : files.stream().mapToLong(InputFile::bytes).sum();
      List<QualityGate.FileRows> fileRows = InputFilesTable.fileRows(files, result);
      Optional<String> failure =
          QualityGate.failure(counts, config.maxRejectedFraction(), inputBytes, source.describe())
              .or(
                  () ->
                      QualityGate.unusableFile(
                          fileRows,
                          source.describe().startsWith("xml"),
                          window.isAll(),
                          source.describe()))
              .or(
                  () ->
                      QualityGate.postLinksFailure(
                          counts, config.maxRejectedFraction(), linksInput.describe()));
      if (failure.isPresent()) {
        // nothing is committed: every table and the manifest stay as the last good ingest left
        // them (dated or not), so later stages keep working on that; this run's rejects, counts
        // and input_files are set aside for inspection
        String failed = commit.abandon(FAILED);
        throw new MalformedInputException(
            failure.get()
                + source.foreignRootHint()
                + "; see "
                + new Path(failed, "rejects/stage=ingest")
                + " (nothing committed: the output is unchanged)");
      }
      commit.delete(FAILED); // a failed run's leftovers describe an output that is now replaced
      try {
        PostsTable.write(invocation, commit, result.datedPosts(), window);
        commit.writeParquetAndCsv(
            "duplicate_links",
            LinksTable.of(invocation, links.links(), result.datedPosts(), window));
      } catch (Exception e) { // Spark's SparkException is checked, but not declared
        throw source.translate(e, linksInput);
      }
      commit.commit();
      librariesWithoutQuestions = result.librariesWithoutQuestions(config.selector());
    } finally {
      result.unpersist();
    }
    for (var library : librariesWithoutQuestions) {
      invocation.info(
          "  note: library '"
              + library.name()
              + "' selected no question"
              + (window.isAll() ? "" : " in this window")
              + " (its tag stems: "
              + String.join(", ", library.stems())
              + "), so the stats and the report leave it out; check its stems against Stack"
              + " Overflow's tags (library."
              + library.name()
              + ".stems)");
    }
    if (links.note() != null) {
      invocation.info("  note: " + links.note());
    }
    for (String other : source.otherDumpTables()) {
      invocation.info(
          "  note: not read as posts (another table of the dump, or a JSON file): " + other);
    }
    for (String output : source.outputDirectories()) {
      invocation.info("  note: not read as posts (a TraceMine output inside the input): " + output);
    }
    List<String> inputs = files.stream().map(f -> InputFiles.display(f.path())).toList();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new StageSummary("ingest", counts, List.of(tables.pathOf("posts")), seconds, inputs);
  }

  /**
   * The input_files table, in its own class: a Spark type in a method signature of a command class
   * would make picocli load Spark for every command (LazySparkTest).
   */
  private static final class InputFilesTable {
    /** Each input file with the rows read from it and rejected, for {@link QualityGate}. */
    static List<QualityGate.FileRows> fileRows(
        List<InputFile> files, IngestStage.IngestResult result) {
      Map<String, Long> read = new TreeMap<>();
      Map<String, Long> rejected = new TreeMap<>();
      result.rowsByFile().forEach((file, n) -> read.merge(hadoopPath(file), n, Long::sum));
      result
          .rejectedRowsByFile()
          .forEach((file, n) -> rejected.merge(hadoopPath(file), n, Long::sum));
      return files.stream()
          .map(
              f ->
                  new QualityGate.FileRows(
                      InputFiles.display(f.path()),
                      f.bytes(),
                      read.getOrDefault(f.path(), 0L),
                      rejected.getOrDefault(f.path(), 0L)))
          .toList();
    }

    /** One row per input file with the rows read from it (the BigQuery table as one row). */
    static Dataset<Row> of(
        Invocation invocation,
        PostsSource source,
        List<InputFile> files,
        IngestStage.IngestResult result) {
      Map<String, Long> rows = new TreeMap<>();
      result.rowsByFile().forEach((file, n) -> rows.merge(hadoopPath(file), n, Long::sum));
      List<Row> out = new ArrayList<>();
      for (InputFile f : files) {
        Long n = rows.remove(f.path());
        out.add(RowFactory.create(f.path(), f.bytes(), n == null ? 0L : n));
      }
      rows.forEach((file, n) -> out.add(RowFactory.create(file, null, n)));
      if (files.isEmpty()) {
        out.add(RowFactory.create(source.describe(), null, result.counts().get("rows_read")));
      }
      return invocation.spark().createDataFrame(out, Schemas.INPUT_FILES).coalesce(1);
    }
  }

  /** The duplicate_links table (its own class for the reason given above). */
  private static final class LinksTable {
    /**
     * Undated: this run's links. Dated: {@link DatedLinks#merged} with the stored tables (read
     * before this run's commit replaces them), so other windows' links are kept.
     */
    static Dataset<Row> of(
        Invocation invocation, Dataset<Row> links, Dataset<Row> dated, CreationWindow window) {
      if (window.isAll()) {
        return links;
      }
      var spark = invocation.spark();
      OutputTables tables = invocation.tables();
      Dataset<Row> storedLinks =
          tables.writer().exists("duplicate_links")
              ? tables.read("duplicate_links", Schemas.DUPLICATE_LINKS, "ingest")
              : spark.createDataFrame(List.of(), Schemas.DUPLICATE_LINKS);
      Dataset<Row> storedPosts =
          tables.writer().exists("posts")
              ? tables.read("posts", Schemas.POSTS, "ingest")
              : spark.createDataFrame(List.of(), Schemas.POSTS);
      return DatedLinks.merged(links, dated, storedLinks, storedPosts, window);
    }
  }

  /** The ingest manifest's record of the libraries and tag stems the posts were selected with. */
  static final String SELECTION = "selection";

  /** The month-partitioned posts table (its own class for the reason given above). */
  private static final class PostsTable {
    /**
     * A dated run keeps the months outside its window, so they must be one committed run's, and
     * selected as this run selects: refused when the last ingest was interrupted while committing
     * (no manifest beside a posts table: its months may be part the killed run's, part the run
     * before) or when the stored posts were selected with other libraries or tag stems.
     */
    static void requireOneRunsMonthsAndSelection(
        Invocation invocation, CreationWindow window, IngestConfig config) {
      if (window.isAll()) {
        return;
      }
      var spark = invocation.spark();
      Path posts = new Path(invocation.tables().pathOf("posts"));
      Optional<StageManifest> manifest = StageCommit.read(spark, invocation.outputDir(), "ingest");
      if (manifest.isEmpty()
          && !MonthPartitions.list(posts, spark.sparkContext().hadoopConfiguration()).isEmpty()) {
        throw new MalformedInputException(
            "Cannot run a dated ingest on '"
                + invocation.outputDir()
                + "': its last ingest was interrupted while committing (no "
                + StageManifest.fileName("ingest")
                + "), so 'posts' may hold months of two runs; run ingest once without"
                + " --since/--until");
      }
      Object stored =
          manifest.map(m -> m.input() == null ? null : m.input().get(SELECTION)).orElse(null);
      String current = config.selector().toString();
      if (stored != null && !stored.equals(current)) {
        throw new InvalidConfigException(
            "Cannot run a dated ingest on '"
                + invocation.outputDir()
                + "': its posts were selected with other libraries or tag stems ("
                + stored
                + "; this run: "
                + current
                + "); set the same '"
                + IngestConfig.LIBRARIES
                + "' and tag stems, or run ingest without --since/--until");
      }
    }

    /** A dated run cannot add months to a posts table written without partitions. */
    static void requirePartitioned(Invocation invocation, CreationWindow window) {
      Path posts = new Path(invocation.tables().pathOf("posts"));
      if (!window.isAll()
          && MonthPartitions.hasUnpartitionedFiles(
              posts, invocation.spark().sparkContext().hadoopConfiguration())) {
        throw new MalformedInputException(
            "Cannot run a dated ingest on '"
                + invocation.outputDir()
                + "': its 'posts' table is not partitioned by creation month (written by an older"
                + " TraceMine); run ingest once without --since/--until");
      }
    }

    /**
     * The Ids of a dated run's posts ({@code dated}) that the stored posts it keeps already hold
     * ({@link StoredCopies#collisions}), collected; null when there are none, or for an undated run
     * (which replaces the whole table).
     */
    static Dataset<Row> storedCopies(
        Invocation invocation, CreationWindow window, Dataset<Row> dated) {
      if (window.isAll()) {
        return null;
      }
      var conf = invocation.spark().sparkContext().hadoopConfiguration();
      Set<String> stored =
          MonthPartitions.list(new Path(invocation.tables().pathOf("posts")), conf);
      Set<String> untouched = new TreeSet<>();
      Set<String> partial = new TreeSet<>();
      for (String month : stored) {
        if (!window.overlapsMonth(month)) {
          untouched.add(month);
        } else if (!window.coversMonth(month)) {
          partial.add(month);
        }
      }
      if (untouched.isEmpty() && partial.isEmpty()) {
        return null;
      }
      Dataset<Row> kept = null;
      if (!untouched.isEmpty()) {
        kept = invocation.tables().readMonths("posts", Schemas.POSTS, "ingest", untouched);
      }
      if (!partial.isEmpty()) {
        Dataset<Row> outside =
            DatedPosts.outsideWindow(
                invocation.tables().readMonths("posts", Schemas.POSTS, "ingest", partial), window);
        kept = kept == null ? outside : kept.unionByName(outside);
      }
      Dataset<Row> collisions = StoredCopies.collisions(dated, kept);
      List<Row> found = collisions.collectAsList();
      return found.isEmpty()
          ? null
          : invocation.spark().createDataFrame(found, collisions.schema());
    }

    /**
     * Writes {@code dated} (posts with their month, {@link IngestStage.IngestResult#datedPosts}).
     * Undated: replaces the whole table. Dated: replaces the months the window overlaps, keeping
     * the posts of other runs in a month the window covers only in part.
     */
    static void write(
        Invocation invocation, StageCommit commit, Dataset<Row> dated, CreationWindow window) {
      if (window.isAll()) {
        commit.writePartitionedTable("posts", dated);
        return;
      }
      var conf = invocation.spark().sparkContext().hadoopConfiguration();
      Set<String> stored =
          MonthPartitions.list(new Path(invocation.tables().pathOf("posts")), conf);
      Set<String> newMonths =
          new TreeSet<>(
              dated
                  .select(MonthPartitions.COLUMN)
                  .distinct()
                  .as(org.apache.spark.sql.Encoders.STRING())
                  .collectAsList());
      Set<String> replaced = DatedPosts.replacedMonths(newMonths, stored, window);
      Set<String> partial = new TreeSet<>(replaced);
      partial.retainAll(stored);
      partial.removeIf(window::coversMonth);
      Dataset<Row> merged = dated;
      if (!partial.isEmpty()) {
        Dataset<Row> kept =
            DatedPosts.outsideWindow(
                invocation.tables().readMonths("posts", Schemas.POSTS, "ingest", partial), window);
        merged =
            dated
                .unionByName(kept)
                .repartition(col(MonthPartitions.COLUMN))
                .sortWithinPartitions(MonthPartitions.COLUMN, "Id");
      }
      commit.writePartitions("posts", merged, replaced);
    }
  }

  /** Spark names files by URI ({@code %20}); Hadoop's listing by path. */
  private static String hadoopPath(String sparkFile) {
    try {
      return new Path(new URI(sparkFile)).toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return sparkFile;
    }
  }
}
