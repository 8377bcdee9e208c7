package io.tracemine.match;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch function class survives serialization and answers rows without a Spark session. */
class MatchRowsTest {
  @TempDir Path knowledge;

  @Test
  void aSerializedMatchRowsAnswersEachRowAsTheCommandDoes() throws Exception {
    MatchCliTest.writeKnowledge(knowledge);
    String index = KnowledgeIndex.fileOf(knowledge).toAbsolutePath().toString();
    BatchMatchStage.MatchRows f = roundTrip(new BatchMatchStage.MatchRows(index, 1));
    List<Row> out = new ArrayList<>();
    f.call(
            List.of(
                    RowFactory.create("r1", MatchCliTest.FIT),
                    RowFactory.create("r2", "nothing here"))
                .iterator())
        .forEachRemaining(out::add);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).getString(0)).isEqualTo("r1");
    assertThat(out.get(0).getLong(6)).isEqualTo(11L);
    assertThat(out.get(0).getString(11))
        .isEqualTo(
            new Matcher(KnowledgeIndex.open(Path.of(index)))
                .match(1, TraceQuery.tracebacks(MatchCliTest.FIT, "default").get(0), 1)
                .hits()
                .get(0)
                .shared()
                .patternId());
    assertThat(out.get(1).get(1)).isNull();
    assertThat(out.get(1).getString(16)).isEqualTo("no traceback found");
    assertThat(BatchMatchStage.MATCHES.fieldNames()).hasSize(out.get(0).length());
  }
}
