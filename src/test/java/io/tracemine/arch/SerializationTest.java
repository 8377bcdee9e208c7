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
import io.tracemine.ingest.ParseXmlRows;
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

    Row parsed =
        roundTrip(new ParseXmlRows())
            .call(
                List.of(
                        RowFactory.create(
                            "<row Id=\"1\" PostTypeId=\"1\" Tags=\"&lt;python&gt;&lt;nltk&gt;\""
                                + " />"))
                    .iterator())
            .next();
    assertThat(parsed.getLong(0)).isEqualTo(1L);
    Row fromBytes =
        roundTrip(new ParseXmlRows())
            .call(
                List.of(
                        RowFactory.create(
                            "<row Id=\"2\" PostTypeId=\"2\" />"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            "file:/x.xml"))
                    .iterator())
            .next();
    assertThat(fromBytes.getLong(0)).isEqualTo(2L);
    assertThat(fromBytes.getString(fromBytes.size() - 1)).isEqualTo("file:/x.xml");
    String[] libraries =
        roundTrip(new ClassifyPosts.LibrariesOfTags(ingest.selector()))
            .call(parsed.getString(io.tracemine.ingest.RawPosts.SCHEMA.fieldIndex("Tags")));
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
    Row link =
        roundTrip(new io.tracemine.ingest.ParsePostLinksRows())
            .call(
                List.of(
                        RowFactory.create(
                            "<row Id=\"1\" PostId=\"5\" RelatedPostId=\"4\" LinkTypeId=\"3\" />"))
                    .iterator())
            .next();
    assertThat(link.toString()).isEqualTo("[1,null,5,4,3,null,null]");
  }

  @Test
  void exceptionsRoundTripWithTheirMessages() throws Exception {
    assertThat(roundTrip(new InvalidConfigException("bad key"))).hasMessage("bad key");
    assertThat(
            roundTrip(new MalformedInputException("bad input", new IllegalStateException("cause"))))
        .hasMessage("bad input (IllegalStateException: cause)");
  }
}
