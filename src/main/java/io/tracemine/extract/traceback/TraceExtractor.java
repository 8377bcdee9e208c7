package io.tracemine.extract.traceback;

import io.tracemine.extract.html.Block;
import java.io.Serializable;
import java.util.List;

/** Finds the tracebacks of one question in its blocks; stateless and serializable. */
public interface TraceExtractor extends Serializable {
  /** The tracebacks of the question whose body split into {@code blocks}; never throws. */
  QuestionTraces extract(List<Block> blocks);
}
