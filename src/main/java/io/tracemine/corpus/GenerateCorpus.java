package io.tracemine.corpus;

import io.tracemine.InvalidConfigException;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic corpus: {@code Posts.xml[.gz]} (questions and answers), {@code
 * planted.jsonl[.gz]} (ground truth, one line per trace planted in a selected question) and {@code
 * runs.jsonl} (the shared runs with how many planted traces contain each). Streams: memory does not
 * grow with {@code --questions}. No Spark.
 */
@Command(
    name = "generate-corpus",
    mixinStandardHelpOptions = true,
    description = "Generate a synthetic SOTorrent-shaped corpus with planted stack traces.",
    footer = {
      "",
      "Example:",
      "  generate-corpus --questions 3000 --seed 42 --output src/main/corpus --gzip"
    })
public final class GenerateCorpus implements Callable<Integer> {
  /** Whether the output files are gzip-compressed ({@code runs.jsonl} never is). */
  public enum Compression {
    NONE,
    GZIP
  }

  /** Written last by every generate: a directory holding it holds a generated corpus. */
  public static final String GENERATED_MARKER = "runs.jsonl";

  /** Every file a corpus may hold. */
  static final java.util.List<String> CORPUS_FILES =
      java.util.List.of(
          "Posts.xml",
          "Posts.xml.gz",
          "PostLinks.xml",
          "PostLinks.xml.gz",
          "planted.jsonl",
          "planted.jsonl.gz",
          "duplicates.jsonl",
          GENERATED_MARKER);

  private static final String PART_SUFFIX = ".generating";

  /** What a run wrote. */
  public record Summary(
      long questions,
      long posts,
      long plantedTraces,
      long distractors,
      long duplicates,
      long millis) {
    public double questionsPerSecond() {
      return millis == 0 ? questions * 1000.0 : questions * 1000.0 / millis;
    }
  }

  @Option(
      names = "--questions",
      required = true,
      description = "Number of questions to generate (>= 1).")
  long questions;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Output directory (created if missing).")
  Path out;

  /** The former name of {@code --output}, still accepted. */
  @Option(names = "--out", hidden = true, paramLabel = "DIR")
  void legacyOut(Path dir) {
    out = dir;
  }

  @Option(names = "--gzip", description = "Gzip Posts.xml, planted.jsonl and PostLinks.xml.")
  boolean gzip;

  @Option(
      names = "--duplicates",
      paramLabel = "RATE",
      defaultValue = "" + CorpusGenerator.DEFAULT_DUPLICATE_RATE,
      description =
          "Share of questions planted as duplicates of an earlier question with a"
              + " traceback, in [0, 1] (default: ${DEFAULT-VALUE}).")
  double duplicates;

  /** How a duplicate's original is chosen. */
  public enum Originals {
    /** Any earlier question with a traceback. */
    any,
    /** An earlier canonical question (accepted answer, high score), as on Stack Overflow. */
    canonical
  }

  @Option(
      names = "--originals",
      paramLabel = "any|canonical",
      defaultValue = CorpusGenerator.DEFAULT_CANONICAL_ORIGINALS ? "canonical" : "any",
      description =
          "Which earlier questions a duplicate is closed against: any with a traceback, or only"
              + " canonical ones (about 8%% of the questions: an accepted answer, a high score)"
              + " (default: ${DEFAULT-VALUE}).")
  Originals originals;

  public double duplicates() {
    return duplicates;
  }

  /** The generator these options describe. */
  public CorpusGenerator generator() {
    if (!(duplicates >= 0 && duplicates <= 1)) {
      throw new InvalidConfigException(
          "Cannot generate a corpus: '--duplicates' is " + duplicates + " but must be in [0, 1]");
    }
    return new CorpusGenerator(seed, duplicates, originals == Originals.canonical);
  }

  public long questions() {
    return questions;
  }

  public boolean gzip() {
    return gzip;
  }

  public long seed() {
    return seed;
  }

  /** The output directory; {@code --output} is required. */
  public Path out() {
    if (out == null) {
      throw new InvalidConfigException("Cannot generate a corpus: '--output=DIR' is missing");
    }
    return out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCorpus()).execute(args));
  }

  @Override
  public Integer call() {
    Summary s = write(generator(), questions, out(), gzip ? Compression.GZIP : Compression.NONE);
    System.out.printf(
        java.util.Locale.ROOT,
        "Wrote %d questions (%d posts, %d distractors, %d duplicates) and %d planted traces to %s"
            + " in %.1f s (%.0f questions/s)%n",
        s.questions(),
        s.posts(),
        s.distractors(),
        s.duplicates(),
        s.plantedTraces(),
        out,
        s.millis() / 1000.0,
        s.questionsPerSecond());
    return 0;
  }

  /**
   * Generates questions {@code 0 .. questions-1} of {@code generator} into {@code dir}.
   *
   * @throws InvalidConfigException if {@code questions < 1}
   * @throws UncheckedIOException if a file cannot be written
   */
  public static Summary write(
      CorpusGenerator generator, long questions, Path dir, Compression compression) {
    return write(generator, questions, dir, compression, done -> {});
  }

  /** As above, telling {@code progress} the questions written so far every 1,000 questions. */
  public static Summary write(
      CorpusGenerator generator,
      long questions,
      Path dir,
      Compression compression,
      java.util.function.LongConsumer progress) {
    if (questions < 1) {
      throw new InvalidConfigException(
          "Cannot generate a corpus: --questions is " + questions + " but must be >= 1");
    }
    long started = System.nanoTime();
    String suffix = compression == Compression.GZIP ? ".gz" : "";
    long posts = 0;
    long traces = 0;
    long distractors = 0;
    long duplicates = 0;
    long[] perRun = new long[CorpusGenerator.runs().size()];
    CorpusFiles files = new CorpusFiles(dir);
    try {
      Files.createDirectories(dir);
      requireGeneratedOrEmpty(dir);
      try (PostsXmlWriter xml =
              new PostsXmlWriter(open(files.part("Posts.xml" + suffix), compression));
          Writer planted = writer(files.part("planted.jsonl" + suffix), compression);
          // a corpus without duplicates has no PostLinks (an earlier corpus's are removed)
          PostLinksXmlWriter links =
              generator.duplicateRate() == 0
                  ? null
                  : new PostLinksXmlWriter(
                      open(files.part("PostLinks.xml" + suffix), compression));
          Writer duplicateTruth =
              generator.duplicateRate() == 0
                  ? null
                  : writer(files.part("duplicates.jsonl"), Compression.NONE)) {
        for (long i = 0; i < questions; i++) {
          GeneratedQuestion q = generator.question(i);
          for (GeneratedPost p : q.posts()) {
            xml.write(p);
          }
          posts += q.posts().size();
          if (i % 1000 == 999) {
            progress.accept(i + 1);
          }
          if (q.duplicate() != null) {
            links.write(q.duplicate());
            duplicateTruth.write(GroundTruthJson.duplicate(q.duplicate()));
            duplicateTruth.write('\n');
            duplicates++;
          }
          if (q.distractor()) {
            distractors++;
            continue;
          }
          for (PlantedTrace t : q.traces()) {
            planted.write(GroundTruthJson.trace(t));
            planted.write('\n');
            traces++;
            for (RunOccurrence r : t.runs()) {
              perRun[r.runId()]++;
            }
          }
        }
      }
      try (Writer runs = writer(files.part(GENERATED_MARKER), Compression.NONE)) {
        for (PlantedRun r : CorpusGenerator.runs()) {
          runs.write(GroundTruthJson.run(r, perRun[r.runId()]));
          runs.write('\n');
        }
      }
      files.publish();
    } catch (IOException e) {
      files.discard();
      throw new UncheckedIOException(
          "Cannot write the corpus to " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      files.discard();
      throw e;
    }
    long millis = (System.nanoTime() - started) / 1_000_000L;
    return new Summary(questions, posts, traces, distractors, duplicates, millis);
  }

  /**
   * Refuses a directory holding a dump that {@code generate} did not write (no {@value
   * #GENERATED_MARKER} beside it): the corpus would overwrite it.
   */
  private static void requireGeneratedOrEmpty(Path dir) {
    if (Files.exists(dir.resolve(GENERATED_MARKER))) {
      return;
    }
    for (String name : CORPUS_FILES) {
      if (Files.exists(dir.resolve(name))) {
        throw new InvalidConfigException(
            "Cannot generate a corpus in '"
                + dir
                + "': its "
                + name
                + " was not written by generate (there is no "
                + GENERATED_MARKER
                + " beside it) and would be overwritten; choose a new or empty directory");
      }
    }
  }

  /**
   * The corpus's files, each written to a hidden part file beside its name and renamed into place
   * once all are written; the files of an earlier corpus that this one does not write (the other
   * compression, PostLinks when there are no duplicates now) are then removed, so the directory
   * holds one corpus.
   */
  private static final class CorpusFiles {
    private final Path dir;
    private final java.util.Map<String, Path> parts = new java.util.LinkedHashMap<>();

    CorpusFiles(Path dir) {
      this.dir = dir;
    }

    Path part(String name) {
      Path part = dir.resolve("." + name + PART_SUFFIX);
      parts.put(name, part);
      return part;
    }

    void publish() throws IOException {
      for (java.util.Map.Entry<String, Path> e : parts.entrySet()) {
        Files.move(
            e.getValue(),
            dir.resolve(e.getKey()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      for (String name : CORPUS_FILES) {
        if (!parts.containsKey(name)) {
          Files.deleteIfExists(dir.resolve(name));
        }
      }
    }

    void discard() {
      for (Path part : parts.values()) {
        try {
          Files.deleteIfExists(part);
        } catch (IOException ignored) {
          // best effort: a hidden part file is skipped by ingest and replaced by the next run
        }
      }
    }
  }

  private static OutputStream open(Path file, Compression compression) throws IOException {
    OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return compression == Compression.GZIP ? new GZIPOutputStream(raw, 1 << 16) : raw;
  }

  private static Writer writer(Path file, Compression compression) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(open(file, compression), StandardCharsets.UTF_8), 1 << 16);
  }
}
