package io.tracemine.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.config.TestSettings;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.spark.SparkContext;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet input's passes after the first read no {@code Body} when no row is rejected for its
 * bytes (invalid UTF-8, body too large), and the stage's tables are those of the passes that check
 * every row ({@link IngestStage#run(Dataset)}) with or without such rejects, duplicated Ids, null
 * Ids and types, and bodies at exactly the limit.
 */
@ExtendWith(SharedSpark.class)
class ParquetByteChecksTest {
  private static final int LIMIT = 12;
  private static final String[] TAGS = {"<python><keras>", "<python><pytorch>", "<r>", null};

  private static final StructType BYTES =
      new StructType(
          new StructField[] {
            Schemas.nullable("Id", DataTypes.LongType),
            Schemas.nullable("PostTypeId", DataTypes.IntegerType),
            Schemas.nullable("ParentId", DataTypes.LongType),
            Schemas.nullable("AcceptedAnswerId", DataTypes.LongType),
            Schemas.nullable("CreationDate", DataTypes.TimestampType),
            Schemas.nullable("Score", DataTypes.IntegerType),
            Schemas.nullable("ViewCount", DataTypes.LongType),
            Schemas.nullable("AnswerCount", DataTypes.IntegerType),
            Schemas.nullable("CommentCount", DataTypes.IntegerType),
            Schemas.nullable("Title", DataTypes.BinaryType),
            Schemas.nullable("Tags", DataTypes.BinaryType),
            Schemas.nullable("Body", DataTypes.BinaryType)
          });

  static IngestConfig config(Path parquet) {
    return config(parquet, LIMIT);
  }

  static IngestConfig config(Path parquet, int limit) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.type", "parquet");
    overrides.put("source.path", parquet.toString());
    overrides.put("ingest.max-body-chars", Integer.toString(limit));
    return IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
  }

  /** Random posts, written as Parquet; with {@code byteRejects}, some invalid or too long. */
  static Path write(
      SparkSession spark, Path dir, long seed, int rows, int bodyChars, boolean byteRejects) {
    return write(spark, dir, seed, rows, bodyChars, byteRejects, true);
  }

  /** Without {@code nulls}, no null Id or type (no row rejected at all without byte rejects). */
  static Path write(
      SparkSession spark,
      Path dir,
      long seed,
      int rows,
      int bodyChars,
      boolean byteRejects,
      boolean nulls) {
    Random random = new Random(seed);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Long id =
          nulls && random.nextInt(20) == 0
              ? null
              : (long) random.nextInt(Math.max(4, rows * 2 / 3));
      Integer type = nulls && random.nextInt(20) == 0 ? null : 1 + random.nextInt(3);
      Long parent = random.nextInt(3) == 0 ? null : (long) random.nextInt(Math.max(4, rows / 2));
      Timestamp created = new Timestamp(1_500_000_000_000L + random.nextInt(1_000_000) * 100_000L);
      String tags = TAGS[random.nextInt(TAGS.length)];
      out.add(
          RowFactory.create(
              id,
              type,
              parent,
              null,
              created,
              random.nextInt(5),
              random.nextBoolean() ? null : (long) random.nextInt(100),
              null,
              null,
              text(random, "title " + i, byteRejects),
              tags == null ? null : text(random, tags, byteRejects),
              body(random, bodyChars, byteRejects)));
    }
    Path parquet = dir.resolve("posts-" + seed);
    Dataset<Row> bytes = spark.createDataFrame(out, BYTES).repartition(3);
    bytes
        .select(
            java.util.Arrays.stream(BYTES.fieldNames())
                .map(
                    n ->
                        BYTES.apply(n).dataType().equals(DataTypes.BinaryType)
                            ? col(n).cast(DataTypes.StringType).as(n)
                            : col(n))
                .toArray(org.apache.spark.sql.Column[]::new))
        .write()
        .parquet(parquet.toString());
    return parquet;
  }

  private static byte[] text(Random random, String text, boolean byteRejects) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (byteRejects && random.nextInt(25) == 0) {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      bytes[bytes.length - 1] = (byte) 0xc3; // a cut-off sequence
    }
    return bytes;
  }

  /** A body of about {@code chars} code points: at, just under or (with rejects) over the limit. */
  private static byte[] body(Random random, int chars, boolean byteRejects) {
    if (random.nextInt(15) == 0) {
      return null;
    }
    int n =
        chars > 0
            ? chars
            : switch (random.nextInt(byteRejects ? 4 : 3)) {
              case 0 -> LIMIT;
              case 1 -> LIMIT - 1;
              case 2 -> random.nextInt(LIMIT);
              default -> LIMIT + 1 + random.nextInt(3);
            };
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      // two- and four-byte characters: more bytes than characters, at the limit
      b.append(
          switch (random.nextInt(4)) {
            case 0 -> "é";
            case 1 -> "\uD83D\uDE00";
            default -> Character.toString('a' + random.nextInt(26));
          });
    }
    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
    if (byteRejects && bytes.length > 0 && random.nextInt(12) == 0) {
      bytes[random.nextInt(bytes.length)] = (byte) 0xff;
    }
    return bytes;
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    String[] names = rows.columns();
    return rows.orderBy(
            java.util.Arrays.stream(names)
                .map(n -> col(n).asc_nulls_first())
                .toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList();
  }

  @Property(tries = 4)
  void tablesAreThoseOfThePassesThatCheckEveryRow(@ForAll long seed) throws IOException {
    SparkSession spark = SharedSpark.session();
    Path dir = Files.createTempDirectory("byte-checks");
    try {
      for (boolean byteRejects : new boolean[] {false, true}) {
        Path parquet = write(spark, dir, seed ^ (byteRejects ? 1 : 0), 60, 0, byteRejects);
        IngestConfig config = config(parquet);
        PostsSource source = new PostsSource(spark, config);
        String what = "seed " + seed + (byteRejects ? ", with byte rejects" : "");
        var checked = new IngestStage(spark, config).run(source.read());
        for (long broadcast : new long[] {seed % 2 == 0 ? 0 : Long.MAX_VALUE}) {
          var twoPlans =
              new IngestStage(spark, config, broadcast)
                  .run(source.read(), source.readWithoutByteChecks());
          assertThat(twoPlans.counts()).as(what).isEqualTo(checked.counts());
          assertThat(twoPlans.posts().collectAsList())
              .as(what)
              .isEqualTo(checked.posts().collectAsList());
          assertThat(twoPlans.rejects().collectAsList())
              .as(what)
              .isEqualTo(checked.rejects().collectAsList());
          assertThat(sorted(twoPlans.datedPosts()))
              .as(what)
              .isEqualTo(sorted(checked.datedPosts()));
          assertThat(sorted(twoPlans.questionIds()))
              .as(what)
              .isEqualTo(sorted(checked.questionIds()));
          twoPlans.unpersist();
        }
        if (byteRejects) {
          assertThat(
                  checked.counts().get("rejected_invalid_utf8")
                      + checked.counts().get("rejected_body_too_large"))
              .as(what + ": the generator's byte rejects")
              .isPositive();
        } else {
          assertThat(checked.counts())
              .as(what)
              .containsEntry("rejected_invalid_utf8", 0L)
              .containsEntry("rejected_body_too_large", 0L);
        }
        assertThat(checked.datedPosts().columns()).contains(MonthPartitions.COLUMN);
        checked.unpersist();
      }
    } finally {
      JavaUtils.deleteRecursively(dir.toFile());
    }
  }

  @Test
  void withoutByteRejectsOnlyTheFirstPassReadsTheBodies(@TempDir Path dir) throws Exception {
    SparkSession spark = SharedSpark.session();
    // bodies of 2,000 characters: the Body column is most of the file's bytes
    Path parquet = write(spark, dir, 7, 3000, 2000, false, false);
    IngestConfig config = config(parquet, 2000);
    PostsSource source = new PostsSource(spark, config);
    long onePass =
        bytesRead(
            spark, () -> source.read().filter(col(RawPosts.REJECT_REASON).isNotNull()).count());
    long checked = bytesRead(spark, () -> new IngestStage(spark, config).run(source.read()));
    long twoPlans =
        bytesRead(
            spark,
            () ->
                new IngestStage(spark, config).run(source.read(), source.readWithoutByteChecks()));
    assertThat(checked).as("every pass reads the bodies").isGreaterThan(2 * onePass);
    assertThat(checked - twoPlans)
        .as("the first pass reads them, the other two do not")
        .isGreaterThan(onePass * 3 / 2);
  }

  private static long bytesRead(SparkSession spark, Runnable action) throws Exception {
    SparkContext sc = spark.sparkContext();
    AtomicLong bytes = new AtomicLong();
    SparkListener listener =
        new SparkListener() {

          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
              bytes.addAndGet(end.taskMetrics().inputMetrics().bytesRead());
            }
          }
        };
    sc.listenerBus().waitUntilEmpty();
    sc.addSparkListener(listener);
    try {
      action.run();
      sc.listenerBus().waitUntilEmpty();
    } finally {
      sc.removeSparkListener(listener);
    }
    return bytes.get();
  }
}
