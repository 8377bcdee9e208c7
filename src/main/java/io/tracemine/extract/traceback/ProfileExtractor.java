package io.tracemine.extract.traceback;

import io.tracemine.extract.html.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile's extractor ({@link TraceExtractors}) followed by the post-processing every run
 * applies: runs of one repeated frame are bounded ({@link RepeatCollapser}; the paper profile sets
 * 0, keeping every copy), and in the {@code default} profile the JVM traces of each block ({@link
 * JvmTraceParser}) are added as instances of their own, after the block's Python tracebacks.
 *
 * <p>Linking: in each block, the k-th JVM trace introduced by Py4J ({@code : java.lang.X}) belongs
 * to the k-th Python traceback of that block whose exception is {@code Py4JJavaError} (any module
 * prefix); its exceptions get that traceback's position as {@link FoundTrace#parentPosition()}.
 * Other JVM traces (a Java log pasted on its own) have no parent. The {@code paper} profile finds
 * Python tracebacks only, as the study did.
 */
public final class ProfileExtractor implements TraceExtractor {
  private static final long serialVersionUID = 1L;
  private static final String PY4J_ERROR = "Py4JJavaError";

  private final TraceExtractor python;
  private final RepeatCollapser collapser;
  private final JvmTraceParser jvm;

  private ProfileExtractor(TraceExtractor python, RepeatCollapser collapser, JvmTraceParser jvm) {
    this.python = python;
    this.collapser = collapser;
    this.jvm = jvm;
  }

  /**
   * The extractor of {@code profile} keeping at most {@code maxFrameRepeats} consecutive copies of
   * a frame (0: all).
   *
   * @throws io.tracemine.InvalidConfigException for an unknown profile
   */
  public static ProfileExtractor of(String profile, int maxFrameRepeats) {
    TraceExtractor python = TraceExtractors.forProfile(profile);
    JvmTraceParser jvm = "default".equals(profile) ? new JvmTraceParser() : null;
    return new ProfileExtractor(python, new RepeatCollapser(maxFrameRepeats), jvm);
  }

  @Override
  public QuestionTraces extract(List<Block> blocks) {
    QuestionTraces found = python.extract(blocks);
    List<FoundTrace> out = new ArrayList<>(found.traces().size());
    for (FoundTrace t : found.traces()) {
      Traceback collapsed = collapser.collapse(t.traceback());
      out.add(
          collapsed == t.traceback()
              ? t
              : new FoundTrace(
                  t.blockIndex(),
                  t.blockKind(),
                  t.position(),
                  collapsed,
                  t.language(),
                  t.parentPosition(),
                  t.commonFramesOmitted()));
    }
    if (jvm != null && blocks != null) {
      for (Block b : blocks) {
        addJvmTraces(b, out);
      }
    }
    return new QuestionTraces(out, found.os());
  }

  private void addJvmTraces(Block block, List<FoundTrace> out) {
    List<JvmTrace> traces = jvm.parse(block.text());
    if (traces.isEmpty()) {
      return;
    }
    int next = 0;
    List<Integer> py4jErrors = new ArrayList<>();
    for (FoundTrace t : out) {
      if (t.blockIndex() == block.index()) {
        next = Math.max(next, t.position() + 1);
        String type = t.traceback().exceptionType();
        if (type != null && (type.equals(PY4J_ERROR) || type.endsWith("." + PY4J_ERROR))) {
          py4jErrors.add(t.position());
        }
      }
    }
    int carried = 0;
    int lastGroup = -1;
    Integer parent = null;
    for (JvmTrace j : traces) {
      if (j.group() != lastGroup) {
        lastGroup = j.group();
        parent = j.carried() && carried < py4jErrors.size() ? py4jErrors.get(carried++) : null;
      }
      Traceback t = collapser.collapse(j.traceback());
      Traceback placed =
          new Traceback(
              next + t.position(),
              t.frames(),
              t.exceptionType(),
              t.message(),
              t.chainedFrom() == null ? null : next + t.chainedFrom(),
              t.chainKind());
      out.add(
          new FoundTrace(
              block.index(),
              block.kind(),
              placed.position(),
              placed,
              FoundTrace.JVM,
              parent,
              j.commonFramesOmitted()));
    }
  }
}
