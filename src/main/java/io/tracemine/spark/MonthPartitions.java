package io.tracemine.spark;

import io.tracemine.TraceMineException;
import io.tracemine.ingest.CreationWindow;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The creation-month partitioning of {@code posts}, {@code questions} and {@code traces}: each is
 * stored as {@code <table>/creation_month=2019-04/part-*.parquet}, the month (UTC) in which the
 * question was created (an answer is stored with its question). Readers see the whole table; {@link
 * OutputTables#read} drops the partition column so the tables keep their documented schemas.
 */
public final class MonthPartitions {
  public static final String COLUMN = "creation_month";
  private static final String PREFIX = COLUMN + "=";

  private static final UserDefinedFunction MONTH_OF =
      functions.udf(new MonthOf(), DataTypes.StringType).asNonNullable();

  private MonthPartitions() {}

  /** The month partition of a question created at {@code created} (a timestamp column). */
  public static Column monthOf(Column created) {
    return MONTH_OF.apply(created);
  }

  /** The directory name of {@code month}'s partition. */
  public static String directory(String month) {
    return PREFIX + month;
  }

  /** The months of the partitions under {@code table} (empty when it does not exist). */
  public static Set<String> list(Path table, Configuration conf) {
    Set<String> months = new TreeSet<>();
    try {
      FileSystem fs = table.getFileSystem(conf);
      if (!fs.exists(table)) {
        return months;
      }
      for (var child : fs.listStatus(table)) {
        String name = child.getPath().getName();
        if (child.isDirectory() && name.startsWith(PREFIX)) {
          months.add(name.substring(PREFIX.length()));
        }
      }
      return months;
    } catch (IOException e) {
      throw new TraceMineException("Cannot list the partitions of '" + table + "'", e);
    }
  }

  /** Whether {@code table} holds Parquet files outside any month partition (an older layout). */
  public static boolean hasUnpartitionedFiles(Path table, Configuration conf) {
    try {
      FileSystem fs = table.getFileSystem(conf);
      if (!fs.exists(table)) {
        return false;
      }
      for (var child : fs.listStatus(table)) {
        if (child.isFile() && child.getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new TraceMineException("Cannot list '" + table + "'", e);
    }
  }

  /** UTC month of a timestamp; {@link CreationWindow#NO_MONTH} for null. */
  static final class MonthOf implements UDF1<Timestamp, String> {
    @Override
    public String call(Timestamp created) {
      return CreationWindow.monthOf(created == null ? null : SparkTimestamps.instantOf(created));
    }
  }
}
