package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.InputFiles.InputFile;
import io.tracemine.spark.FullDisks;
import io.tracemine.spark.SparkJobFailure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns a Spark job failure caused by an unreadable input file into one line naming the input
 * (posts, PostLinks), the file and the cause ({@link MalformedInputException}, exit code 3). Spark
 * names the file for most read errors ("Encountered error while reading file …", "Could not read
 * footer for file: …"); a compressed stream that ends early only says {@code EOFException}, so the
 * compressed inputs are then decompressed on the driver (this error path only) to find the
 * truncated one.
 */
public final class ReadFailures {
  private static final Pattern SPARK_FILE =
      Pattern.compile(
          "(?:Encountered error while reading file|Could not read footer for file:)"
              + " (\\S+?)\\.? (?:Details:|Please)"
              // Hadoop's local file system: the file no longer matches its .crc
              + "|Checksum error: (\\S+) at \\d+"
              // Parquet's footer check, when Spark does not wrap it with the file's name
              + "|(\\S+) is not a Parquet file"
              // a file whose column has another type than the schema Spark read the others with
              + "|Parquet column cannot be converted in file (\\S+?)\\. Column:");

  private ReadFailures() {}

  /**
   * The file a Spark or Hadoop read error names in {@code message} (a URI or a path), or null when
   * it names none.
   */
  public static String fileNamedIn(String message) {
    Matcher m = SPARK_FILE.matcher(String.valueOf(message));
    if (!m.find()) {
      return null;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return m.group(g);
      }
    }
    return null;
  }

  /**
   * An input of the ingest stage.
   *
   * @param name the input in messages ({@code posts}, {@code PostLinks})
   * @param location the path it was given as, made absolute ({@link PostsSource#absolute})
   * @param files its files when they were listed ({@link InputFiles}); empty when Spark lists them,
   *     then every file under {@code location} is this input's
   */
  public record Input(String name, String location, List<InputFile> files) {
    /** Whether Spark's {@code file} (a URI) is one of this input's files. */
    boolean holds(String file) {
      String path = hadoopPath(file);
      if (!files.isEmpty()) {
        return files.stream().anyMatch(f -> hadoopPath(f.path()).equals(path));
      }
      String root = hadoopPath(location);
      return path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/");
    }
  }

  /**
   * {@code failure} translated when a file of one of {@code inputs} (the first one, posts, when
   * Spark names a file of none) caused it, else {@code failure} itself (a checked one, such as
   * Spark's {@code SparkException}, carried in a {@link SparkJobFailure}, so the CLI still finds a
   * full disk under it).
   */
  public static RuntimeException translate(
      Exception failure, List<Input> inputs, Configuration conf) {
    if (failure instanceof TraceMineException e) {
      return e;
    }
    Throwable root = failure;
    String file = null;
    boolean unreadable = false; // an IOException, EOFException (a truncated stream) included
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (file == null) {
        file = fileNamedIn(t.getMessage());
      }
      unreadable |= t instanceof IOException;
      root = t;
    }
    if (file != null) {
      String named = file;
      String input =
          inputs.stream().filter(i -> i.holds(named)).findFirst().orElse(inputs.get(0)).name();
      return new MalformedInputException(
          "Cannot read "
              + input
              + ": '"
              + InputFiles.display(file)
              + "' cannot be read: "
              + root.getClass().getSimpleName()
              + ": "
              + TraceMineException.firstLine(root.getMessage(), "no message"));
    }
    if (unreadable) {
      for (Input input : inputs) {
        for (InputFile f : input.files()) {
          IOException why = decompressionFailure(f, conf);
          if (why != null) {
            String problem =
                why instanceof EOFException
                    ? "is truncated: its compressed stream ends early ("
                        + TraceMineException.firstLine(root.getMessage(), "no message")
                        + ")"
                    : "cannot be decompressed ("
                        + why.getClass().getSimpleName()
                        + ": "
                        + TraceMineException.firstLine(why.getMessage(), "no message")
                        + "): bytes after its compressed data or a damaged stream; check it"
                        + " with 'gzip -t' or 'bzip2 -t'";
            return unreadable(input, f, problem);
          }
        }
      }
    }
    // a full disk fails writes, not reads: the input is not read again for it
    if (unreadable && FullDisks.of(failure).isEmpty()) {
      for (Input input : inputs) {
        for (InputFile f : input.files()) {
          if (isUndecodableParquet(f, conf)) {
            return unreadable(
                input,
                f,
                "cannot be read: "
                    + root.getClass().getSimpleName()
                    + ": "
                    + TraceMineException.firstLine(root.getMessage(), "no message")
                    + " (a damaged Parquet file: its writer stored no page checksums, so Spark"
                    + " could not name it)");
          }
        }
      }
    }
    return failure instanceof RuntimeException e
        ? e
        : new SparkJobFailure(
            TraceMineException.firstLine(failure.getMessage(), "no message"), failure);
  }

  private static MalformedInputException unreadable(Input input, InputFile file, String problem) {
    return new MalformedInputException(
        "Cannot read " + input.name() + ": '" + InputFiles.display(file.path()) + "' " + problem);
  }

  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  /**
   * Whether {@code input} is a Parquet file that Spark cannot read whole: read on its own, every
   * column, into nothing (this error path only: a damaged page of a file whose writer stored no
   * page checksums, as pyarrow's, fails in Spark's column reader without the file's name).
   */
  static boolean isUndecodableParquet(InputFile input, Configuration conf) {
    Path path = new Path(input.path());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      if (!java.util.Arrays.equals(in.readNBytes(PARQUET_MAGIC.length), PARQUET_MAGIC)) {
        return false;
      }
    } catch (IOException cannotOpen) {
      return false;
    }
    org.apache.spark.sql.SparkSession spark;
    try {
      spark = org.apache.spark.sql.SparkSession.active();
    } catch (IllegalStateException noSession) {
      return false;
    }
    try {
      spark
          .read()
          .parquet(io.tracemine.spark.SparkSessions.literal(input.path()))
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
      return false;
    } catch (Exception e) { // Spark's SparkException is checked, but not declared
      return true;
    }
  }

  /**
   * The error decompressing a compressed file whole gives ({@link EOFException} when its stream
   * ends early), or null for a file that decompresses, a plain file, or one that cannot be opened.
   */
  static IOException decompressionFailure(InputFile input, Configuration conf) {
    Path path = new Path(input.path());
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec == null) {
      return null;
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream raw = path.getFileSystem(conf).open(path)) {
      try (InputStream in = codec.createInputStream(raw)) {
        while (in.read(buffer) >= 0) {
          // drain
        }
        return null;
      } catch (IOException e) {
        return e;
      }
    } catch (IOException cannotOpen) {
      return null;
    }
  }

  /** Spark names files by URI ({@code file:///x}, {@code %20}); Hadoop's listing by path. */
  static String hadoopPath(String file) {
    try {
      return new Path(new URI(file)).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return file;
    }
  }
}
