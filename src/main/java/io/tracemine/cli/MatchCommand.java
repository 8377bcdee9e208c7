package io.tracemine.cli;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import io.tracemine.match.AnswerFormat;
import io.tracemine.match.CommittedIndex;
import io.tracemine.match.KnowledgeIndex;
import io.tracemine.match.TraceAnswer;
import io.tracemine.match.TraceQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = {
      "Finds the Stack Overflow questions whose traces share a traceback's frame patterns.",
      "Answers a traceback with the Stack Overflow questions whose traces share its mined frame "
          + "patterns, and says why. Reads the index an earlier run wrote "
          + "(<knowledge>/match_index); a single --trace does not start Spark. See docs/MATCH.md."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./submit.sh match --trace crash.log",
      "  pbpaste | ./submit.sh match --trace - -k 10 --json",
      "  ./submit.sh match --trace ci-output.txt --knowledge out/so-2024"
    })
final class MatchCommand implements Callable<Integer> {
  /** Inputs larger than this are refused rather than parsed. */
  static final long MAX_INPUT_BYTES = 64L << 20;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Text holding one or more tracebacks (a paste, a log, CI output, HTML); - for"
              + " standard input.")
  String trace;

  @Option(
      names = "--knowledge",
      paramLabel = "DIR",
      description = "Output directory of an earlier run. Default: the configured output.dir.")
  Path knowledge;

  @Option(
      names = "-k",
      defaultValue = "5",
      description = "Questions per traceback. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(
      names = "--input",
      paramLabel = "TABLE",
      description =
          "Batch mode (Spark): a table of texts (Parquet, JSON lines or CSV with a header);"
              + " writes the 'matches' table to --output.")
  String input;

  @Option(
      names = "--format",
      defaultValue = "auto",
      description =
          "Format of --input: ${COMPLETION-CANDIDATES}; auto: by the name's extension"
              + " (.csv, .json/.jsonl, else parquet). Default: ${DEFAULT-VALUE}.",
      completionCandidates = Formats.class)
  String format;

  @Option(
      names = "--text-column",
      defaultValue = "text",
      description = "Column of --input holding the text. Default: ${DEFAULT-VALUE}.")
  String textColumn;

  @Option(
      names = "--id-column",
      description = "Column of --input identifying a row in 'matches'. Default: a generated id.")
  String idColumn;

  static final class Formats extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Formats() {
      super(List.of("auto", "parquet", "json", "csv"));
    }
  }

  /**
   * Whether {@code --json} printed this command's answers (a single trace answered), so that the
   * invocation's document (docs/CLI-JSON.md) is not printed after them; a batch run or a failure
   * gets the document.
   */
  boolean answersInJson(int exitCode) {
    return exitCode == 0 && input == null;
  }

  @Override
  public Integer call() {
    if ((trace == null) == (input == null)) {
      throw new InvalidConfigException(
          "Cannot match: give --trace FILE (or --trace - for standard"
              + " input), or --input TABLE for batch mode, not both");
    }
    if (k < 1) {
      throw new InvalidConfigException("Cannot match: -k is " + k + " but must be >= 1");
    }
    if (input != null) {
      BatchMatch.run(common, input, format, textColumn, idColumn, knowledge, k);
      return 0;
    }
    Settings settings = common.settings(Map.of());
    Path dir = knowledge != null ? knowledge : Path.of(settings.string(RunKeys.OUTPUT_DIR));
    KnowledgeIndex index = CommittedIndex.open(dir);
    String text = readText(trace);
    List<TraceAnswer> answers = TraceQuery.answer(index, text, k);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        common.json
            ? AnswerFormat.json(dir.toAbsolutePath().normalize().toString(), answers) + "\n"
            : AnswerFormat.text(answers));
    out.flush();
    return 0;
  }

  /**
   * The text of {@code source} ({@code -}: standard input), UTF-8 with malformed bytes replaced.
   *
   * @throws MalformedInputException if it cannot be read, is empty, holds NUL bytes (binary) or
   *     exceeds {@link #MAX_INPUT_BYTES}
   */
  static String readText(String source) {
    String name = source.equals("-") ? "standard input" : source;
    byte[] bytes;
    try {
      if (source.equals("-")) {
        bytes = System.in.readNBytes((int) MAX_INPUT_BYTES + 1);
      } else {
        Path p = Path.of(source);
        if (Files.isDirectory(p)) {
          throw new MalformedInputException(
              "Cannot read --trace "
                  + source
                  + ": it is a directory; give one text file, or '-' for standard input"
                  + " (many texts: --input TABLE)");
        }
        if (!Files.exists(p)) {
          throw new MalformedInputException("Cannot read --trace " + source + ": no such file");
        }
        if (Files.isRegularFile(p) && Files.size(p) > MAX_INPUT_BYTES) {
          throw tooLarge(name); // a pipe, a FIFO or /dev/fd/N is read up to the limit instead
        }
        try (InputStream in = Files.newInputStream(p)) {
          bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
        }
      }
    } catch (IOException e) {
      throw new MalformedInputException("Cannot read --trace " + name + ": " + e.getMessage(), e);
    }
    if (bytes.length > MAX_INPUT_BYTES) {
      throw tooLarge(name);
    }
    if (bytes.length == 0) {
      throw new MalformedInputException(
          "Cannot read --trace "
              + name
              + ": it is empty"
              + (source.equals("-")
                  ? " (nothing was piped in, or standard input is closed); give the paste's file,"
                      + " or pipe it in"
                  : "; give the file that holds the paste"));
    }
    Charset utf16 = utf16ByItsMark(bytes);
    if (utf16 != null) {
      return new String(bytes, 2, bytes.length - 2, utf16);
    }
    int start =
        bytes.length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new MalformedInputException(
            "Cannot read --trace "
                + name
                + ": it is binary, not"
                + " text (a NUL byte at offset "
                + i
                + ")");
      }
    }
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  /**
   * UTF-16 when the text starts with its byte-order mark (what Windows PowerShell's {@code >}
   * writes), else null.
   */
  private static Charset utf16ByItsMark(byte[] bytes) {
    if (bytes.length >= 2 && bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    if (bytes.length >= 2 && bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static MalformedInputException tooLarge(String name) {
    return new MalformedInputException(
        String.format(
            "Cannot read --trace %s: it is over %d MiB;"
                + " cut out the part with the traceback (e.g. with grep -A 200 Traceback)",
            name, MAX_INPUT_BYTES >> 20));
  }
}
