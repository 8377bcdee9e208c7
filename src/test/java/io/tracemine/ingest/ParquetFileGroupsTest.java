package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

class ParquetFileGroupsTest {
  private static void check(String columns) {
    ParquetFileGroups.requireDistinctNames(
        "posts",
        "/in/a.parquet",
        MessageTypeParser.parseMessageType("message m { " + columns + "}"));
  }

  /**
   * Two columns of one name (pyarrow writes them) are named as such; before, the line said they
   * "differ only in case".
   */
  @Test
  void aColumnNamedTwiceAndCaseTwinsAreNamedForWhatTheyAre() {
    assertThatThrownBy(() -> check("required int64 Id; required int64 Id;"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts from parquet '/in/a.parquet': its column 'Id' appears twice (two"
                + " columns of one name); rename or drop one of them");
    assertThatThrownBy(() -> check("required int64 Id; required int64 id;"))
        .hasMessage(
            "Cannot read posts from parquet '/in/a.parquet': its columns 'Id' and 'id' differ"
                + " only in case, and column names are matched ignoring case; rename or drop one"
                + " of them");
    assertThatCode(() -> check("required int64 Id; required int64 ParentId;"))
        .doesNotThrowAnyException();
  }
}
