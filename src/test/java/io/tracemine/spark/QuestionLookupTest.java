package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class QuestionLookupTest {
  @Test
  void aRowWithoutAnIdIsLeftOutOfThePartAsAJoinLeavesItUnmatched() {
    List<Row> rows =
        List.of(
            RowFactory.create(null, seq("a"), 1L),
            RowFactory.create(3L, seq("b"), null),
            RowFactory.create(7L, seq(), 2L));
    QuestionIndex.Part part = new QuestionLookup.PartOfRows(1).call(rows.iterator()).next();
    QuestionIndex index = QuestionIndex.merge(1, List.of(part));
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.libraries(index.find(3))).containsExactly("b");
    assertThat(index.micros(0, index.find(3))).isNull();
    assertThat(index.micros(0, index.find(7))).isEqualTo(2L);
  }

  private static final long GIB = 1L << 30;

  @Test
  void anEighthOfTheDriversHeapInLocalMode() {
    assertThat(QuestionLookup.questionsThatFit(1, 6 * GIB, -1, 0)).isEqualTo(6 * GIB / 8 / 18);
    assertThat(QuestionLookup.questionsThatFit(2, 6 * GIB, -1, 0)).isEqualTo(6 * GIB / 8 / 26);
  }

  @Test
  void theSmallerOfTheDriversAndAnExecutorsHeapInACluster() {
    assertThat(QuestionLookup.questionsThatFit(1, 6 * GIB, GIB, 0)).isEqualTo(GIB / 8 / 18);
    assertThat(QuestionLookup.questionsThatFit(1, GIB, 6 * GIB, 0)).isEqualTo(GIB / 8 / 18);
  }

  @Test
  void neverMoreThanHalfOfWhatTheDriverMayCollect() {
    assertThat(QuestionLookup.questionsThatFit(1, 32 * GIB, -1, GIB)).isEqualTo(GIB / 2 / 18);
    assertThat(QuestionLookup.questionsThatFit(1, 32 * GIB, -1, 0)).isEqualTo(32 * GIB / 8 / 18);
  }

  /** An array column's value as Spark's rows hold it. */
  private static scala.collection.Seq<String> seq(String... values) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(values));
  }
}
