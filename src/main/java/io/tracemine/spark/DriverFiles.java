package io.tracemine.spark;

import io.tracemine.TraceMineException;
import io.tracemine.stats.SpreadsheetText;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.csv.UnivocityGenerator;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Tuple2;

/**
 * Writes a small table whose rows the driver holds, without a Spark job: the same files Spark's
 * writers produce for it, made by the same code Spark runs in its tasks (Spark's {@code
 * ParquetWriteSupport} under a Parquet writer with the session's codec, Spark's {@code
 * UnivocityGenerator} with the options of {@link TableWriter}'s CSV copies). A Spark job per file
 * costs a fixed ~0.1-1 s of driver work; a stage writing twenty small tables paid it forty times.
 * {@code DriverFilesTest} checks the files against Spark's own, byte for byte for the CSV.
 */
final class DriverFiles {
  private DriverFiles() {}

  /** Writes {@code rows} as one Parquet file (plus {@code _SUCCESS}) in the new directory. */
  static void writeParquet(
      SparkSession spark,
      StructType schema,
      List<Row> rows,
      Path dir,
      Configuration hadoopConf,
      Map<String, String> options) {
    SQLConf sql = spark.sessionState().conf();
    Configuration conf = new Configuration(hadoopConf);
    conf.set(
        SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(),
        String.valueOf(sql.writeLegacyParquetFormat()));
    conf.set(
        SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), sql.parquetOutputTimestampType().toString());
    conf.set(
        SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(),
        String.valueOf(sql.parquetFieldIdWriteEnabled()));
    conf.set(
        SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(),
        String.valueOf(sql.legacyParquetNanosAsLong()));
    ParquetWriteSupport.setSchema(schema, conf);
    CompressionCodecName codec =
        CompressionCodecName.fromConf(
            sql.parquetCompressionCodec().toUpperCase(Locale.ROOT).equals("NONE")
                ? "UNCOMPRESSED"
                : sql.parquetCompressionCodec().toUpperCase(Locale.ROOT));
    String suffix = codec.getExtension() + ".parquet";
    Path file = new Path(dir, "part-00000-" + UUID.randomUUID() + "-c000" + suffix);
    Builder builder =
        new Builder(file)
            .withConf(conf)
            .withCompressionCodec(codec)
            .withWriteMode(ParquetFileWriter.Mode.CREATE);
    for (Map.Entry<String, String> option : options.entrySet()) {
      String prefix = "parquet.enable.dictionary#";
      if (option.getKey().startsWith(prefix)) {
        builder =
            builder.withDictionaryEncoding(
                option.getKey().substring(prefix.length()),
                Boolean.parseBoolean(option.getValue()));
      }
    }
    Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(schema);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.mkdirs(dir)) {
        throw new TraceMineException("Cannot create '" + dir + "'");
      }
      try (ParquetWriter<InternalRow> writer = builder.build()) {
        for (Row row : rows) {
          writer.write((InternalRow) toCatalyst.apply(row));
        }
      }
      fs.create(new Path(dir, "_SUCCESS"), false).close();
    } catch (IOException | FSError e) {
      throw writeFailed(dir, e);
    }
  }

  /**
   * Writes {@code rows} as the CSV copy Spark writes with {@code header}, {@code escape "} and no
   * trimming: a header line, then one line per row; text cells neutralised ({@link
   * SpreadsheetText}).
   */
  static void writeCsv(
      SparkSession spark, StructType schema, List<Row> rows, Path file, Configuration conf) {
    scala.collection.immutable.Map<String, String> options =
        new scala.collection.immutable.HashMap<String, String>()
            .$plus(new Tuple2<>("header", "true"))
            .$plus(new Tuple2<>("escape", "\""))
            .$plus(new Tuple2<>("ignoreLeadingWhiteSpace", "false"))
            .$plus(new Tuple2<>("ignoreTrailingWhiteSpace", "false"));
    SQLConf sql = spark.sessionState().conf();
    CSVOptions csv = new CSVOptions(options, sql.csvColumnPruning(), sql.sessionLocalTimeZone());
    Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(schema);
    try (Writer out =
        new OutputStreamWriter(file.getFileSystem(conf).create(file, false), csv.charset())) {
      UnivocityGenerator generator = new UnivocityGenerator(schema, out, csv);
      generator.writeHeaders();
      for (Row row : rows) {
        generator.write((InternalRow) toCatalyst.apply(neutralised(schema, row)));
      }
      generator.close();
    } catch (IOException | FSError | IllegalStateException e) {
      throw writeFailed(file, e);
    }
  }

  /**
   * A write of {@code path} that failed: named with the I/O error under it (Hadoop's local file
   * system raises a full disk's as an {@link FSError}, univocity's writer wraps it in an {@code
   * IllegalStateException}), so a full disk reads as one, and the whole chain kept for --debug.
   */
  private static TraceMineException writeFailed(Path path, Throwable failure) {
    Throwable io = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        io = t;
        break;
      }
    }
    if (failure instanceof IllegalStateException && !(io instanceof IOException)) {
      throw (IllegalStateException) failure; // not a failed write
    }
    TraceMineException failed =
        new TraceMineException("Cannot write '" + path + "': " + io.getMessage());
    failed.initCause(failure);
    return failed;
  }

  /** {@code row} with its text cells neutralised, as {@link CsvCells} does in Spark. */
  private static Row neutralised(StructType schema, Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      Object v = row.get(i);
      values[i] =
          schema.fields()[i].dataType().equals(DataTypes.StringType) && v != null
              ? SpreadsheetText.neutralise((String) v)
              : v;
    }
    return RowFactory.create(values);
  }

  private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
    Builder(Path file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
      return new ParquetWriteSupport();
    }
  }
}
