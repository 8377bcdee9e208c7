package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where Spark lists a table's month folders: on the driver for a local output directory. */
@ExtendWith(SharedSpark.class)
class SparkSessionsListingTest {
  private static final String KEY = SparkSessions.DISCOVERY_THRESHOLD;

  @Test
  void aLocalOutputIsListedOnTheDriver() {
    SparkSession spark = SharedSpark.session().newSession();
    SparkSessions.listLocalTablesOnDriver(spark, "file");
    assertThat(spark.conf().get(KEY)).isEqualTo(Integer.toString(Integer.MAX_VALUE));
  }

  @Test
  void otherFileSystemsKeepSparksListingJobs() {
    SparkSession spark = SharedSpark.session().newSession();
    for (String scheme : new String[] {"gs", "hdfs", "s3a"}) {
      SparkSessions.listLocalTablesOnDriver(spark, scheme);
      assertThat(spark.conf().contains(KEY)).as(scheme).isFalse();
    }
  }

  @Test
  void aThresholdTheUserSetIsKept() {
    SparkSession spark = SharedSpark.session().newSession();
    spark.conf().set(KEY, 64);
    SparkSessions.listLocalTablesOnDriver(spark, "file");
    assertThat(spark.conf().get(KEY)).isEqualTo("64");
  }
}
