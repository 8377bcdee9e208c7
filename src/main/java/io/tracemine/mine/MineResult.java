package io.tracemine.mine;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The mine stage's two tables, both sorted deterministically and backed by one persisted mining
 * pass (call {@code unpersist()} on either when done).
 *
 * @param patterns {@code Schemas.PATTERNS}, by library, support (chosen measure) descending, id
 * @param patternTraces {@code Schemas.PATTERN_TRACES}, by library, pattern id, trace id
 * @param jobDescription names the Spark jobs that write the tables (they run the mining): use
 *     with {@code JobGroups.withJobGroup(spark, "MINE", jobDescription, …)}
 */
public record MineResult(
    Dataset<Row> patterns, Dataset<Row> patternTraces, String jobDescription) {}
