package io.tracemine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.corpus.CorpusGenerator;
import io.tracemine.corpus.GeneratedQuestion;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.extract.traceback.TraceExtractors;
import io.tracemine.extract.traceback.Traceback;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The post-processing of issue 9/10 (repeat bound, JVM traces) leaves the Python tracebacks of the
 * bundled corpus exactly as the profile's parser finds them, in both profiles: same tracebacks,
 * frames (but for the new {@code moreRepeats} count), exceptions and links.
 */
class ProfilesUnchangedOnBundledCorpusTest {
  @Test
  void pythonTracebacksAreUnchangedInBothProfiles() {
    CorpusGenerator generator = new CorpusGenerator(42, CorpusGenerator.DEFAULT_DUPLICATE_RATE);
    int compared = 0;
    for (String profile : List.of("default", "paper")) {
      var raw = TraceExtractors.forProfile(profile);
      var processed = ProfileExtractor.of(profile, 3);
      for (long i = 0; i < 3_000; i++) {
        GeneratedQuestion q = generator.question(i);
        List<Block> blocks = HtmlBlocks.parse(q.question().body());
        List<String> before =
            raw.extract(blocks).traces().stream()
                .map(ProfilesUnchangedOnBundledCorpusTest::describe)
                .toList();
        List<String> after =
            processed.extract(blocks).traces().stream()
                .filter(FoundTrace::isPython)
                .map(ProfilesUnchangedOnBundledCorpusTest::describe)
                .toList();
        assertThat(after).as("question %d, %s", q.question().id(), profile).isEqualTo(before);
        compared += before.size();
      }
    }
    assertThat(compared).isGreaterThan(900);
  }

  private static String describe(FoundTrace f) {
    Traceback t = f.traceback();
    List<Frame> frames = t.frames().stream().map(fr -> fr.withMoreRepeats(0)).toList();
    return f.blockIndex()
        + "/"
        + f.position()
        + " "
        + t.exceptionType()
        + " "
        + t.message()
        + " "
        + t.chainedFrom()
        + " "
        + t.chainKind()
        + " "
        + frames;
  }
}
