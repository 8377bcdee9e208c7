package io.tracemine.spark;

import io.tracemine.ingest.IngestConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * What the ingest manifest records of its outside input, to tell later which input a run read: the
 * source and path, and for files the number of (non-hidden) files, their bytes and the newest
 * modification time; for BigQuery the tables read.
 */
public final class InputFingerprint {
  private InputFingerprint() {}

  public static Map<String, Object> of(SparkSession spark, IngestConfig config) {
    Map<String, Object> fingerprint = new LinkedHashMap<>();
    fingerprint.put("source", config.sourceType().key());
    if (config.sourceType() == IngestConfig.SourceType.BIGQUERY) {
      fingerprint.put("table", config.bigQuery().table());
      return fingerprint;
    }
    fingerprint.put("path", config.path());
    long files = 0;
    long bytes = 0;
    long newest = 0;
    try {
      Path path = new Path(config.path());
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String name = f.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          files++;
          bytes += f.getLen();
          newest = Math.max(newest, f.getModificationTime());
        }
      }
    } catch (IOException e) {
      fingerprint.put("error", e.getMessage());
      return fingerprint;
    }
    fingerprint.put("files", files);
    fingerprint.put("bytes", bytes);
    fingerprint.put("newest_modified", java.time.Instant.ofEpochMilli(newest).toString());
    return fingerprint;
  }
}
