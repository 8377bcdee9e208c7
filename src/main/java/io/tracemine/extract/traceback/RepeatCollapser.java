package io.tracemine.extract.traceback;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds long runs of one repeated frame, the way CPython prints a deep recursion: a run of more
 * than {@code maxRepeats} consecutive identical frames ({@link Frame#sameCall}) keeps its first
 * {@code maxRepeats} copies, and the last kept copy's {@link Frame#moreRepeats()} counts every call
 * the run stood for beyond them (its own {@code moreRepeats} included, so a count that Python
 * already printed as {@code [Previous line repeated N more times]} is added, never lost). Runs of
 * at most {@code maxRepeats} frames are returned unchanged. {@code maxRepeats = 0} disables
 * collapsing.
 *
 * <p>Why: the number of closed contiguous patterns of a trace made of one repeated item grows with
 * the square of its length (two tracebacks of 100,000 identical frames took 234 s to mine);
 * collapsed, any trace has at most {@code maxRepeats} consecutive copies of a frame, which is what
 * Python itself prints (3). Only single-frame runs are collapsed, as Python does; cycles such as
 * {@code A B A B ...} are kept as written.
 *
 * <p>Linear in the number of frames; pure.
 */
public final class RepeatCollapser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** CPython's note after three copies of a recursive frame. */
  static final String PYTHON_REPEAT_NOTE = "[Previous line repeated";

  private final int maxRepeats;

  /**
   * @param maxRepeats copies of a frame kept in a row (>= 1), or 0 to keep every frame
   * @throws IllegalArgumentException for a negative value
   */
  public RepeatCollapser(int maxRepeats) {
    if (maxRepeats < 0) {
      throw new IllegalArgumentException(
          "Cannot collapse repeated frames: maxRepeats is " + maxRepeats + " but must be >= 0");
    }
    this.maxRepeats = maxRepeats;
  }

  public int maxRepeats() {
    return maxRepeats;
  }

  /** {@code frames} with every run longer than {@link #maxRepeats()} collapsed. */
  public List<Frame> collapse(List<Frame> frames) {
    if (maxRepeats == 0 || !hasLongRun(frames)) {
      return frames;
    }
    List<Frame> out = new ArrayList<>();
    int i = 0;
    while (i < frames.size()) {
      int end = i + 1;
      while (end < frames.size() && frames.get(end).sameCall(frames.get(i))) {
        end++;
      }
      if (end - i <= maxRepeats) {
        out.addAll(frames.subList(i, end));
      } else {
        long calls = 0;
        for (int k = i; k < end; k++) {
          calls += 1L + frames.get(k).moreRepeats();
        }
        for (int k = i; k < i + maxRepeats - 1; k++) {
          out.add(frames.get(k).withMoreRepeats(0));
        }
        long more = calls - maxRepeats;
        out.add(frames.get(i).withMoreRepeats((int) Math.min(Integer.MAX_VALUE, more)));
      }
      i = end;
    }
    return out;
  }

  /** {@code traceback} with its frames collapsed (the same object when nothing changes). */
  public Traceback collapse(Traceback traceback) {
    List<Frame> frames = collapse(traceback.frames());
    if (frames == traceback.frames()) {
      return traceback;
    }
    return new Traceback(
        traceback.position(),
        frames,
        traceback.exceptionType(),
        traceback.message(),
        traceback.chainedFrom(),
        traceback.chainKind(),
        traceback.nestedFrames());
  }

  private boolean hasLongRun(List<Frame> frames) {
    int run = 1;
    for (int i = 1; i < frames.size(); i++) {
      run = frames.get(i).sameCall(frames.get(i - 1)) ? run + 1 : 1;
      if (run > maxRepeats) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code frame} with the N of a {@code [Previous line repeated N more times]} line added to its
   * {@code moreRepeats}; unchanged when the line holds no number.
   */
  static Frame noteRepeats(Frame frame, String line) {
    int i = PYTHON_REPEAT_NOTE.length();
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    long n = 0;
    int digits = 0;
    while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9' && digits < 10) {
      n = n * 10 + (line.charAt(i) - '0');
      i++;
      digits++;
    }
    if (digits == 0) {
      return frame;
    }
    return frame.withMoreRepeats((int) Math.min(Integer.MAX_VALUE, frame.moreRepeats() + n));
  }
}
