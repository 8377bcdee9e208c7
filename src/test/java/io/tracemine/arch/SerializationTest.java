package io.tracemine.arch;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.config.TestSettings;
import io.tracemine.extract.ExtractConfig;
import io.tracemine.extract.ExtractPosts;
import io.tracemine.ingest.ClassifyPosts;
import io.tracemine.ingest.IngestConfig;
import io.tracemine.spark.GeneratePostRows;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Everything shipped to executors survives Java serialization and still works afterwards. */
class SerializationTest {

  @Test
  void partitionFunctionsAndConfigsRoundTrip() throws Exception {
    IngestConfig ingest = IngestConfig.from(TestSettings.withOverrides(null, Map.of()), Map.of());
    assertThat(roundTrip(ingest)).isEqualTo(ingest);
    assertThat(roundTrip(ExtractConfig.ofProfile("paper")))
        .isEqualTo(ExtractConfig.ofProfile("paper"));

    String[] libraries =
        roundTrip(new ClassifyPosts.LibrariesOfTags(ingest.selector())).call("<python><nltk>");
    assertThat(libraries).containsExactly("nltk");

    Row question =
        RowFactory.create(
            5L,
            scala.collection.JavaConverters.asScalaBuffer(List.of("nltk")),
            null,
            "<p>Hello world</p>",
            1,
            2L,
            0,
            0,
            null,
            null,
            null);
    Row extracted =
        roundTrip(new ExtractPosts(ExtractConfig.defaults()))
            .call(List.of(question).iterator())
            .next();
    assertThat(extracted.getInt(3)).isEqualTo(2);

    assertThat(roundTrip(new GeneratePostRows(42)).call(List.of(0L).iterator()).hasNext()).isTrue();

    // at rate 0.5 some of the first questions are duplicates (of any earlier question)
    List<Row> links = new java.util.ArrayList<>();
    roundTrip(new io.tracemine.spark.GeneratePostLinkRows(42, 0.5, false))
        .call(List.of(0L, 1L, 2L, 3L, 4L, 5L).iterator())
        .forEachRemaining(links::add);
    assertThat(links).isNotEmpty().allMatch(r -> r.getInt(4) == 3);
  }

  @Test
  void exceptionsRoundTripWithTheirMessages() throws Exception {
    assertThat(roundTrip(new InvalidConfigException("bad key"))).hasMessage("bad key");
    assertThat(
            roundTrip(new MalformedInputException("bad input", new IllegalStateException("cause"))))
        .hasMessage("bad input (IllegalStateException: cause)");
  }
}
