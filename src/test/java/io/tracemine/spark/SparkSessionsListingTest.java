package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void aReadOfANonLocalInputKeepsSparksListingJobsAndTheSettingComesBack() {
    SparkSession spark = SharedSpark.session().newSession();
    SparkSessions.listLocalTablesOnDriver(spark, "file");
    String[] gcs = {"/tmp/posts/a.parquet", "gs://bucket/posts/b.parquet"};
    assertThat(SparkSessions.readListed(spark, gcs, () -> spark.conf().contains(KEY))).isFalse();
    assertThat(spark.conf().get(KEY)).isEqualTo(Integer.toString(Integer.MAX_VALUE));
    String[] local = {"/tmp/posts/a.parquet", "file:/tmp/posts/b.parquet"};
    assertThat(SparkSessions.readListed(spark, local, () -> spark.conf().get(KEY)))
        .isEqualTo(Integer.toString(Integer.MAX_VALUE));
    assertThatThrownBy(
            () ->
                SparkSessions.readListed(
                    spark,
                    gcs,
                    () -> {
                      throw new IllegalStateException("read failed");
                    }))
        .hasMessage("read failed");
    assertThat(spark.conf().get(KEY)).isEqualTo(Integer.toString(Integer.MAX_VALUE));
  }

  @Test
  void aThresholdTheUserSetIsKeptForNonLocalInputsToo() {
    SparkSession spark = SharedSpark.session().newSession();
    spark.conf().set(KEY, 64);
    SparkSessions.listLocalTablesOnDriver(spark, "file");
    String[] hdfs = {"hdfs://nn:8020/posts"};
    assertThat(SparkSessions.readListed(spark, hdfs, () -> spark.conf().get(KEY))).isEqualTo("64");
  }
}
