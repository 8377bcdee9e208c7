package io.tracemine.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Caches a dataset without Spark's in-memory column compression. Choosing a column's encoding
 * hashes every value of each batch; on unique, long strings (post bodies) that gains nothing and
 * cost about a tenth of ingest's CPU (docs/PERFORMANCE.md, "Ingest and extract profiled").
 */
public final class UncompressedCache {
  static final String COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  private UncompressedCache() {}

  /**
   * Persists {@code data} (memory and disk) and builds its cache with {@code firstAction}, the
   * first action that reads it; returns that action's result. The setting is read when the cache is
   * planned and when it is built, so it is off for those two steps only, then restored.
   */
  public static <T> T persist(SparkSession spark, Dataset<?> data, Supplier<T> firstAction) {
    RuntimeConfig conf = spark.conf();
    String before = conf.get(COMPRESSED, "true");
    conf.set(COMPRESSED, "false");
    try {
      data.persist(StorageLevel.MEMORY_AND_DISK());
      return firstAction.get();
    } finally {
      conf.set(COMPRESSED, before);
    }
  }
}
