package io.tracemine.match;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.StageManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The match index of an output as its {@code index} stage committed it: the stage's manifest
 * ({@code _COMMITTED-index.json}) records the file's size and {@link #digest}, and a reader uses
 * the index only when it is that file (docs/MATCH.md, "The index"). Pure: no Spark, no Hadoop
 * ({@code match} runs without them).
 */
public final class CommittedIndex {
  /** The stage that commits the index. */
  public static final String STAGE = "index";

  private static final String SCHEME = "header-sha256:";

  private CommittedIndex() {}

  /**
   * The digest the manifest records: SHA-256 of the file's header, which holds every section's
   * offset, length and CRC-32C. {@link KnowledgeIndex#open} checks each section against its CRC, so
   * a file with the recorded header is the committed one (up to a CRC collision), and the check
   * reads {@value IndexFormat#HEADER} bytes whatever the index's size.
   *
   * @throws MalformedInputException if the file cannot be read
   */
  public static String digest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(in.readNBytes(IndexFormat.HEADER));
      return SCHEME + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new MalformedInputException(
          "Cannot read the match index " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Opens the index of output directory {@code dir} ({@link KnowledgeIndex#fileOf}). In an output
   * (a directory holding any stage's manifest) it must be the index its {@code index} stage
   * committed ({@link #check}); a bare knowledge directory, without manifests, is read as it is.
   */
  public static KnowledgeIndex open(Path dir) {
    Path file = KnowledgeIndex.fileOf(dir);
    if (holdsManifests(dir)) {
      Optional<StageManifest> manifest = StageManifest.readLocal(dir, STAGE);
      check(file, file.toString(), manifest);
      if (manifest.isPresent()) {
        requireCurrentUpstream(dir, file.toString(), manifest.get());
      }
    }
    return KnowledgeIndex.open(file);
  }

  /**
   * Refuses an index made from upstream outputs that have been replaced since (an {@code ingest}
   * and {@code extract} rerun without {@code index}): it would answer with questions the output no
   * longer holds. The same rule as every stage's ({@code StageCommit.requireUpstream}), read
   * without Spark.
   *
   * @throws MalformedInputException (exit 3) naming the stage to rerun
   */
  static void requireCurrentUpstream(Path dir, String shown, StageManifest index) {
    Optional<StageManifest.StaleUpstream> stale =
        index.staleUpstream(stage -> StageManifest.readLocal(dir, stage));
    if (stale.isEmpty()) {
      return;
    }
    String stage = stale.get().stage();
    if (stale.get().current() == null) {
      throw new MalformedInputException(
          "Cannot read the match index "
              + shown
              + ": the '"
              + stage
              + "' output it was made from is not committed any more (no "
              + StageManifest.fileName(stage)
              + "); rerun '"
              + stage
              + "' and the stages after it, then '"
              + STAGE
              + "'");
    }
    throw refused(shown, stale.get().madeFromAnother());
  }

  /**
   * Checks local file {@code file} (named {@code shown} in messages) against the index manifest of
   * its output. Without a manifest an existing index is refused (a commit interrupted after its
   * renames, or a file copied there) and a missing one is left to the caller (no index stage ever
   * ran). A manifest written before the record existed only requires the file.
   *
   * @throws MalformedInputException (exit 3) naming the file and the stage to rerun
   */
  public static void check(Path file, String shown, Optional<StageManifest> manifest) {
    boolean exists = Files.isRegularFile(file);
    if (manifest.isEmpty()) {
      if (exists) {
        throw refused(
            shown,
            "the 'index' stage has not committed it (no "
                + StageManifest.fileName(STAGE)
                + ": interrupted, or copied here)");
      }
      return;
    }
    if (!exists) {
      throw missing(shown);
    }
    Optional<StageManifest.OutputFile> recorded =
        manifest.get().outputFile(KnowledgeIndex.RELATIVE_PATH);
    if (recorded.isEmpty()) {
      return;
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new MalformedInputException(
          "Cannot read the match index " + shown + ": " + e.getMessage(), e);
    }
    String replaced =
        "it is not the one the 'index' stage committed (replaced or rewritten since: ";
    if (size != recorded.get().bytes()) {
      throw refused(
          shown, replaced + size + " bytes, the manifest records " + recorded.get().bytes() + ")");
    }
    if (!digest(file).equals(recorded.get().digest())) {
      throw refused(shown, replaced + "its header's digest differs from the manifest's)");
    }
  }

  /** The refusal of an index that its output's manifest says was committed, but is not there. */
  public static MalformedInputException missing(String shown) {
    return refused(
        shown,
        "it is missing, but the 'index' stage committed it ("
            + StageManifest.fileName(STAGE)
            + ")");
  }

  private static MalformedInputException refused(String shown, String why) {
    return new MalformedInputException(
        "Cannot read the match index " + shown + ": " + why + "; rerun '" + STAGE + "'");
  }

  /**
   * Whether {@code dir} holds a stage manifest: it is an output, not a bare knowledge directory.
   */
  private static boolean holdsManifests(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> manifests =
        Files.newDirectoryStream(dir, StageManifest.fileName("*"))) {
      for (Path manifest : manifests) {
        if (StageManifest.marksAnOutput(manifest.getFileName().toString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new MalformedInputException("Cannot list '" + dir + "': " + e.getMessage(), e);
    }
  }
}
