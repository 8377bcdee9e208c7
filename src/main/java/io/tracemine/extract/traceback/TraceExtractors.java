package io.tracemine.extract.traceback;

import io.tracemine.InvalidConfigException;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two extraction profiles.
 *
 * <ul>
 *   <li>{@code default}: every traceback of every CODE and TEXT block, as {@link TracebackParser}
 *       finds them (all frames, chains split and linked).
 *   <li>{@code paper}: the study's conventions (STUDY.md §2): CODE blocks only; only frames whose
 *       path has a slash, a backslash or a drive letter; path style by {@link Frames#studyStyleOf}
 *       (so {@code C:/x.py} is Unix); the question's OS is the style of its first such frame and
 *       frames of the other style are dropped; one instance per code block with at least one kept
 *       frame, all its tracebacks concatenated; {@code <module>} written {@code module}; the
 *       exception is the first one whose last name component matches {@code [A-Z]\w+Error}, else
 *       none.
 * </ul>
 */
public final class TraceExtractors {
  /** Profile names accepted by {@link #forProfile}. */
  public static final List<String> PROFILES = List.of("default", "paper");

  private TraceExtractors() {}

  /**
   * The extractor of {@code profile} ({@code "default"} or {@code "paper"}).
   *
   * @throws InvalidConfigException for any other name
   */
  public static TraceExtractor forProfile(String profile) {
    if ("default".equals(profile)) {
      return new DefaultExtractor();
    }
    if ("paper".equals(profile)) {
      return new PaperExtractor();
    }
    throw new InvalidConfigException(
        "Cannot create a trace extractor: unknown profile '"
            + profile
            + "' (valid: "
            + String.join(", ", PROFILES)
            + ")");
  }

  static String osOf(List<FoundTrace> traces) {
    boolean unix = false;
    boolean windows = false;
    for (FoundTrace t : traces) {
      for (Frame f : t.traceback().frames()) {
        unix |= f.pathStyle() == PathStyle.UNIX;
        windows |= f.pathStyle() == PathStyle.WINDOWS;
      }
    }
    if (unix && windows) {
      return "mixed";
    }
    return unix ? "unix" : windows ? "windows" : "none";
  }

  /** TraceMine's default profile. */
  static final class DefaultExtractor implements TraceExtractor {
    private static final long serialVersionUID = 1L;
    private final TracebackParser parser = new TracebackParser();

    @Override
    public QuestionTraces extract(List<Block> blocks) {
      List<FoundTrace> found = new ArrayList<>();
      if (blocks != null) {
        for (BlockRun run : runs(parser, blocks)) {
          Block first = run.blocks().get(0);
          // a block read alone was parsed by edges(): its tracebacks are not parsed again
          List<Traceback> tracebacks =
              run.blocks().size() == 1 && run.firstAlone() != null
                  ? run.firstAlone()
                  : parser.parse(
                      String.join("\n", run.blocks().stream().map(Block::text).toList()));
          for (Traceback t : tracebacks) {
            found.add(new FoundTrace(first.index(), first.kind(), t.position(), t));
          }
        }
      }
      return new QuestionTraces(found, osOf(found));
    }
  }

  /**
   * Groups consecutive blocks that continue one traceback: block B joins the run before it when it
   * directly follows it ({@code index} + 1) and either the run ends inside a traceback that has no
   * exception yet and B starts with a frame, IPython context, a cut ({@code ...}) or the exception
   * line, or is one short line not ending like a sentence (a frame's source line, the parser
   * decides), or the run ends inside a traceback and B starts with a chain sentence. When the run's
   * lines carry a log prefix (a log pasted one paragraph per line), B is also read without it.
   * Every block is read once on its own, and at most once more without the prefix (linear); other
   * blocks form runs of one.
   */
  static List<BlockRun> runs(TracebackParser parser, List<Block> blocks) {
    List<BlockRun> runs = new ArrayList<>();
    List<Block> run = null;
    TracebackParser.End end = TracebackParser.End.NONE;
    Block previous = null;
    String prefix = null;
    for (Block b : blocks) {
      TracebackParser.Edges alone = parser.edges(b.text());
      boolean adjacent = previous != null && b.index() == previous.index() + 1;
      boolean joins = adjacent && continues(alone.start(), end);
      TracebackParser.Edges e = alone;
      if (adjacent && !joins && prefix != null) {
        // a log pasted one paragraph per line: every paragraph repeats the header's log prefix
        String bare = PasteRepair.withoutLogPrefix(prefix, b.text());
        TracebackParser.Edges unprefixed = bare == null ? null : parser.edges(bare);
        if (unprefixed != null && continues(unprefixed.start(), end)) {
          joins = true;
          e = unprefixed;
        }
      }
      if (joins) {
        run.add(b);
        if (e.start() == TracebackParser.Start.EXCEPTION) {
          end =
              e.hasFrames() || e.end() == TracebackParser.End.OPEN
                  ? e.end()
                  : TracebackParser.End.DONE;
        } else if (e.hasFrames() || e.start() == TracebackParser.Start.CHAIN) {
          end = e.end();
        } // else: context lines or a cut only, the traceback stays open
      } else {
        run = new ArrayList<>();
        run.add(b);
        runs.add(new BlockRun(run, e.tracebacks()));
        end = e.end();
        prefix = null;
      }
      if (end == TracebackParser.End.NONE) {
        prefix = null;
      } else {
        String own = PasteRepair.logPrefix(firstLine(b.text()));
        prefix = own != null ? own : prefix;
      }
      previous = b;
    }
    return runs;
  }

  /** Whether a block starting as {@code start} continues a run that ends as {@code end}. */
  private static boolean continues(TracebackParser.Start start, TracebackParser.End end) {
    return switch (start) {
      case FRAMES, EXCEPTION, SOURCE -> end == TracebackParser.End.OPEN;
      case CHAIN -> end != TracebackParser.End.NONE;
      default -> false;
    };
  }

  /** The first non-blank line of {@code text}, stripped. */
  private static String firstLine(String text) {
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int to = nl < 0 ? text.length() : nl;
      String line = text.substring(from, to).strip();
      if (!line.isEmpty()) {
        return line;
      }
      from = to + 1;
    }
    return "";
  }

  /**
   * A run of blocks (see {@link #runs}) and the tracebacks of its first block parsed alone ({@code
   * null} when not computed).
   */
  record BlockRun(List<Block> blocks, List<Traceback> firstAlone) {}

  /** The study's conventions. */
  static final class PaperExtractor implements TraceExtractor {
    private static final long serialVersionUID = 1L;
    private static final Pattern STUDY_ERROR = Pattern.compile("[A-Z]\\w+Error");
    private final TracebackParser parser = new TracebackParser(false);

    @Override
    public QuestionTraces extract(List<Block> blocks) {
      List<FoundTrace> found = new ArrayList<>();
      PathStyle os = null;
      if (blocks != null) {
        for (Block b : blocks) {
          if (b.kind() != BlockKind.CODE) {
            continue;
          }
          List<Frame> frames = new ArrayList<>();
          String type = null;
          String message = null;
          for (Traceback t : parser.parse(b.text())) {
            // the study's regex read nested listings as frames too: keep them (in text order)
            List<Frame> all = new ArrayList<>(t.frames());
            all.addAll(t.nestedFrames());
            for (Frame f : all) {
              PathStyle style = Frames.studyStyleOf(f.rawPath());
              if (style == PathStyle.NONE) {
                continue;
              }
              os = os == null ? style : os;
              if (style == os) {
                frames.add(
                    new Frame(
                        f.rawPath(),
                        f.file(),
                        f.line(),
                        studyFunction(f.function()),
                        style,
                        f.moreRepeats()));
              }
            }
            if (type == null && t.exceptionType() != null) {
              String last = t.exceptionType().substring(t.exceptionType().lastIndexOf('.') + 1);
              if (STUDY_ERROR.matcher(last).matches()) {
                type = last;
                message = t.message();
              }
            }
          }
          if (!frames.isEmpty()) {
            Traceback t = new Traceback(0, frames, type, message, null, null);
            found.add(new FoundTrace(b.index(), b.kind(), 0, t));
          }
        }
      }
      return new QuestionTraces(found, osOf(found));
    }

    /** {@code <module>} → {@code module}, {@code <listcomp>} → {@code listcomp}. */
    static String studyFunction(String function) {
      if (function.length() > 2 && function.startsWith("<") && function.endsWith(">")) {
        return function.substring(1, function.length() - 1);
      }
      return function;
    }
  }
}
