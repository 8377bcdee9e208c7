package io.tracemine.match;

import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.RepeatCollapser;
import io.tracemine.extract.traceback.TraceExtractor;
import io.tracemine.extract.traceback.TraceExtractors;
import io.tracemine.extract.traceback.Traceback;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the tracebacks in whatever text a user has: a terminal paste, a log, a CI job's output, or
 * HTML (a saved Stack Overflow page, an issue). HTML is split into blocks like a post body; any
 * other text is one code block. Parsed by the extract profile the knowledge base was built with.
 */
public final class TraceQuery {
  private static final Pattern HTML = Pattern.compile("<(pre|code|p|html|body)[\\s>]");

  private TraceQuery() {}

  /**
   * The tracebacks of {@code text} as parsed with {@code profile}, in input order (each has its
   * 1-based number's position); runs of one repeated frame are left as written.
   */
  public static List<Traceback> tracebacks(String text, String profile) {
    return tracebacks(text, profile, 0);
  }

  /**
   * The tracebacks of {@code text} as {@code index}'s traces were extracted: parsed with its
   * profile, and runs of one repeated frame collapsed with its {@code extract.max-frame-repeats}
   * ({@link RepeatCollapser}), so a recursion pasted in full (50 copies of a frame) gives the
   * frames the stored trace of the same recursion has.
   */
  public static List<Traceback> tracebacks(String text, KnowledgeIndex index) {
    return tracebacks(text, index.profile(), Math.max(0, index.maxFrameRepeats()));
  }

  private static List<Traceback> tracebacks(String text, String profile, int maxFrameRepeats) {
    TraceExtractor extractor = TraceExtractors.forProfile(profile);
    RepeatCollapser collapser = new RepeatCollapser(maxFrameRepeats);
    List<Block> blocks =
        looksLikeHtml(text) ? HtmlBlocks.parse(text) : List.of(new Block(0, BlockKind.CODE, text));
    List<Traceback> out = new ArrayList<>();
    for (FoundTrace t : extractor.extract(blocks).traces()) {
      out.add(collapser.collapse(t.traceback()));
    }
    return out;
  }

  static boolean looksLikeHtml(String text) {
    return HTML.matcher(text.toLowerCase(Locale.ROOT)).find();
  }

  /** Every traceback of {@code text} answered with the top {@code k} questions of {@code index}. */
  public static List<TraceAnswer> answer(KnowledgeIndex index, String text, int k) {
    Matcher matcher = new Matcher(index);
    List<TraceAnswer> out = new ArrayList<>();
    for (Traceback t : tracebacks(text, index)) {
      out.add(matcher.match(out.size() + 1, t, k));
    }
    return out;
  }
}
