package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.TraceMineException;
import io.tracemine.ingest.InputFiles.InputFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Turns a Spark job failure caused by an unreadable input file into one line naming the file and
 * the cause ({@link MalformedInputException}, exit code 3). Spark names the file for most read
 * errors ("Encountered error while reading file …"); a compressed stream that ends early only says
 * {@code EOFException}, so the compressed inputs are then decompressed on the driver (this error
 * path only) to find the truncated one.
 */
public final class ReadFailures {
  private static final Pattern SPARK_FILE =
      Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details:");

  private ReadFailures() {}

  /**
   * {@code failure} translated when an input file caused it, else {@code failure} itself (a checked
   * one, such as Spark's {@code SparkException}, wrapped in a {@link TraceMineException}).
   */
  public static RuntimeException translate(
      Exception failure, List<InputFile> files, Configuration conf) {
    if (failure instanceof TraceMineException e) {
      return e;
    }
    Throwable root = failure;
    String file = null;
    boolean truncated = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = SPARK_FILE.matcher(String.valueOf(t.getMessage()));
      if (file == null && m.find()) {
        file = m.group(1);
      }
      truncated |= t instanceof EOFException;
      root = t;
    }
    if (file != null) {
      return new MalformedInputException(
          "Cannot read posts: '"
              + InputFiles.display(file)
              + "' cannot be read: "
              + root.getClass().getSimpleName()
              + ": "
              + firstLine(root.getMessage()));
    }
    if (truncated) {
      for (InputFile input : files) {
        if (endsEarly(input, conf)) {
          return new MalformedInputException(
              "Cannot read posts: '"
                  + InputFiles.display(input.path())
                  + "' is truncated: its "
                  + "compressed stream ends early ("
                  + firstLine(root.getMessage())
                  + ")");
        }
      }
    }
    return failure instanceof RuntimeException e
        ? e
        : new TraceMineException(firstLine(failure.getMessage()), failure);
  }

  /** Whether a compressed file's stream ends before its end marker (false for plain files). */
  static boolean endsEarly(InputFile input, Configuration conf) {
    Path path = new Path(input.path());
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec == null) {
      return false;
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = codec.createInputStream(path.getFileSystem(conf).open(path))) {
      while (in.read(buffer) >= 0) {
        // drain
      }
      return false;
    } catch (EOFException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no message" : message.lines().findFirst().orElse("no message");
  }
}
