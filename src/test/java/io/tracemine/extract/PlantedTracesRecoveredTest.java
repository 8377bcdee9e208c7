package io.tracemine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedQuestion;
import io.tracemine.corpus.PlantedFrame;
import io.tracemine.corpus.PlantedTrace;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.extract.traceback.TraceExtractor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ground truth: on the generated corpus (the bundled one's seed), every traceback the generator
 * planted is found at its block and position, with its exact frames and exception type, and no
 * traceback is found that was not planted. This includes the JVM traces that Py4J errors carry
 * (language, parent traceback, {@code ... N more} count, JVM frames).
 */
class PlantedTracesRecoveredTest {
  private static final int QUESTIONS = 3_000;

  @Test
  void everyPlantedTracebackIsRecoveredWithItsExactFrames() {
    CorpusGenerator generator = new CorpusGenerator(42, CorpusGenerator.DEFAULT_DUPLICATE_RATE);
    TraceExtractor extractor = ProfileExtractor.of("default", 3);
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    int planted = 0;
    for (long i = 0; i < QUESTIONS; i++) {
      GeneratedQuestion q = generator.question(i);
      for (PlantedTrace t : q.traces()) {
        expected.add(describe(t));
        planted++;
      }
      var found = extractor.extract(HtmlBlocks.parse(q.question().body()));
      for (FoundTrace f : found.traces()) {
        actual.add(describe(q.question().id(), f));
      }
    }
    assertThat(planted).isGreaterThan(400);
    assertThat(expected).filteredOn(d -> d.contains(" jvm parent ")).hasSizeGreaterThan(5);
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> unexpected = new ArrayList<>(actual);
    unexpected.removeAll(expected);
    assertThat(missing)
        .as("planted but not recovered (%d of %d)", missing.size(), planted)
        .isEmpty();
    assertThat(unexpected).as("recovered but not planted").isEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static String describe(PlantedTrace t) {
    StringBuilder sb = new StringBuilder();
    sb.append(t.questionId())
        .append(" block ")
        .append(t.blockIndex())
        .append(" #")
        .append(t.position());
    sb.append(" ").append(t.exceptionType()).append(" chained-from ").append(t.chainedFrom());
    sb.append(" ").append(t.language()).append(" parent ").append(t.parentPosition());
    sb.append(" omitted ").append(t.commonFramesOmitted());
    for (PlantedFrame f : t.frames()) {
      sb.append("\n  ")
          .append(f.file())
          .append(':')
          .append(f.function())
          .append(" line ")
          .append(f.line());
    }
    return sb.toString();
  }

  private static String describe(long questionId, FoundTrace f) {
    StringBuilder sb = new StringBuilder();
    sb.append(questionId)
        .append(" block ")
        .append(f.blockIndex())
        .append(" #")
        .append(f.position());
    sb.append(" ")
        .append(f.traceback().exceptionType())
        .append(" chained-from ")
        .append(f.traceback().chainedFrom());
    sb.append(" ").append(f.language()).append(" parent ").append(f.parentPosition());
    sb.append(" omitted ").append(f.commonFramesOmitted());
    for (Frame fr : f.traceback().frames()) {
      sb.append("\n  ")
          .append(fr.file())
          .append(':')
          .append(fr.function())
          .append(" line ")
          .append(fr.line());
    }
    return sb.toString();
  }
}
