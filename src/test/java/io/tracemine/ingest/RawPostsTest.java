package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.spark.SharedSpark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RawPosts#conform} against an oracle of the target types' ranges. */
@ExtendWith(SharedSpark.class)
class RawPostsTest {
  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final SparkSession spark = SharedSpark.session();

  /** A post's wide values: Id as decimal(20,0), PostTypeId as bigint, Score as decimal(38,0). */
  record Wide(BigInteger id, long typeId, BigInteger score) {}

  /**
   * Seeded random values near the ends of int and long and far beyond them: each in its target
   * type's range is kept exactly, each outside it is null and named in the reject reason, never
   * wrapped around.
   */
  @Test
  void everyValueIsKeptExactlyOrRejectedNamingItNeverWrapped() {
    Random random = new Random(20240531L);
    List<Wide> posts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      posts.add(
          new Wide(
              near(random, LONG_MIN, LONG_MAX, new BigInteger("18446744073709551615")),
              near(random, INT_MIN, INT_MAX, LONG_MAX).longValueExact(),
              near(random, INT_MIN, INT_MAX, new BigInteger("99999999999999999999"))));
    }
    Dataset<Row> conformed =
        RawPosts.conform(wideTable(posts), "test", functions.lit(null), Set.of())
            .select("Id", "PostTypeId", "Score", RawPosts.REJECT_REASON);

    assertThat(conformed.collectAsList().stream().map(Row::toString).toList())
        .containsExactlyElementsOf(posts.stream().map(RawPostsTest::expected).toList());
  }

  /**
   * A Parquet {@code CreationDate} in ISO's year 0 or a negative year rejects its post, as in a
   * Posts.xml row; with another problem both are named. Years 1 and 9999 are kept; a year after
   * 9999 is rejected too.
   */
  @Test
  void aCreationDateBeforeYearOneIsRejectedAsInAPostsXmlRow() {
    StructType schema = new StructType();
    for (StructField f : RawPosts.SCHEMA.fields()) {
      if (!f.name().startsWith("_")) {
        schema = schema.add(f.name(), wide(f.name(), f.dataType()), true);
      }
    }
    long[] micros = {
      -62_167_219_200_000_000L, // 0000-01-01T00:00:00Z
      -62_200_000_000_000_000L, // in year -2
      -62_135_596_800_000_000L, // 0001-01-01T00:00:00Z
      253_402_300_799_000_000L, // 9999-12-31T23:59:59Z
      253_402_300_800_000_000L // 10000-01-01T00:00:00Z
    };
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < micros.length; i++) {
      Object[] values = new Object[schema.size()];
      values[schema.fieldIndex("Id")] = new BigDecimal(i + 1);
      values[schema.fieldIndex("PostTypeId")] = i == 1 ? 4294967297L : 1L;
      rows.add(RowFactory.create(values));
    }
    Dataset<Row> table =
        spark
            .createDataFrame(rows, schema)
            .withColumn("i", functions.monotonically_increasing_id())
            .coalesce(1);
    Column when = functions.lit(null).cast(DataTypes.LongType);
    for (int i = 0; i < micros.length; i++) {
      when = functions.when(functions.col("Id").equalTo(i + 1), micros[i]).otherwise(when);
    }
    table = table.withColumn("CreationDate", functions.timestamp_micros(when)).drop("i");
    List<String> conformed =
        RawPosts.conform(table, "test", functions.lit(null), Set.of())
            .orderBy("Id")
            .select(
                functions.col("Id"),
                functions.col("CreationDate").isNull(),
                functions.col(RawPosts.REJECT_REASON))
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    assertThat(conformed)
        .containsExactly(
            "[1,true,bad CreationDate '0000-01-01 00:00:00' (a year before 1)]",
            "[2,true,bad PostTypeId '4294967297' (out of range); bad CreationDate"
                + " '-0002-12-17 14:13:20' (a year before 1)]",
            "[3,false,null]",
            "[4,false,null]",
            "[5,true,bad CreationDate '+10000-01-01 00:00:00' (a year after 9999)]");
  }

  /**
   * The year check compares an instant with fixed limits and takes the year (in the session's time
   * zone) only within a day of years 0 and 10000: the same verdict as the year everywhere, in any
   * zone. Oracle: {@code java.time}'s year of the instant in that zone.
   */
  @Test
  void theYearCheckAgreesWithTheYearInTheSessionsZoneAtItsLimits() {
    SparkSession spark = SharedSpark.session();
    String zone = spark.conf().get("spark.sql.session.timeZone");
    List<java.time.Instant> instants = new ArrayList<>();
    for (String limit :
        List.of(
            "0000-12-30T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "0001-01-02T00:00:00Z",
            "9999-12-30T00:00:00Z",
            "9999-12-31T00:00:00Z",
            "+10000-01-01T00:00:00Z")) {
      java.time.Instant at = java.time.Instant.parse(limit);
      for (long hours = -40; hours <= 40; hours++) {
        instants.add(at.plusSeconds(hours * 3600));
      }
      instants.add(at.minusNanos(1000));
    }
    instants.add(java.time.Instant.parse("2020-06-01T12:00:00Z"));
    try {
      for (String sessionZone : List.of("UTC", "+18:00", "-18:00", "Pacific/Kiritimati")) {
        spark.conf().set("spark.sql.session.timeZone", sessionZone);
        java.time.ZoneId id = java.time.ZoneId.of(sessionZone);
        List<Row> rows = new ArrayList<>();
        for (java.time.Instant instant : instants) {
          rows.add(RowFactory.create(instant));
        }
        StructType schema = new StructType().add("d", DataTypes.TimestampType);
        List<Row> checked =
            spark
                .createDataFrame(rows, schema)
                .select(RawPosts.yearProblem(functions.col("d")))
                .collectAsList();
        for (int i = 0; i < instants.size(); i++) {
          int year = instants.get(i).atZone(id).getYear();
          String expected = year < 1 ? "a year before 1" : year > 9999 ? "a year after 9999" : null;
          assertThat(checked.get(i).getString(0))
              .as(instants.get(i) + " in " + sessionZone)
              .isEqualTo(expected);
        }
      }
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  /** The row {@link RawPosts#conform} must give, as {@code Row.toString}. */
  private static String expected(Wide p) {
    List<String> problems = new ArrayList<>();
    String id = fitting("Id", p.id(), BigInteger.ONE, LONG_MAX, problems);
    String typeId =
        fitting("PostTypeId", BigInteger.valueOf(p.typeId()), INT_MIN, INT_MAX, problems);
    String score = fitting("Score", p.score(), INT_MIN, INT_MAX, problems);
    String reason =
        !problems.isEmpty()
            ? String.join("; ", problems)
            : id.equals("null")
                ? "missing Id"
                : typeId.equals("null") ? "missing PostTypeId" : "null";
    return "[" + id + "," + typeId + "," + score + "," + reason + "]";
  }

  private static String fitting(
      String column, BigInteger v, BigInteger min, BigInteger max, List<String> problems) {
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      problems.add("bad " + column + " '" + v + "' (out of range)");
      return "null";
    }
    return v.toString();
  }

  /**
   * A value within 3 of {@code min}, {@code max} or 0, or anywhere up to {@code limit} either way.
   */
  private static BigInteger near(Random random, BigInteger min, BigInteger max, BigInteger limit) {
    BigInteger offset = BigInteger.valueOf(random.nextInt(7) - 3);
    return switch (random.nextInt(4)) {
      case 0 -> min.add(offset);
      case 1 -> max.add(offset);
      case 2 -> offset;
      default -> new BigInteger(limit.bitLength(), random).mod(limit).multiply(sign(random));
    };
  }

  private static BigInteger sign(Random random) {
    return random.nextBoolean() ? BigInteger.ONE : BigInteger.ONE.negate();
  }

  private Dataset<Row> wideTable(List<Wide> posts) {
    StructType schema = new StructType();
    for (StructField f : RawPosts.SCHEMA.fields()) {
      if (f.name().startsWith("_")) {
        continue;
      }
      schema = schema.add(f.name(), wide(f.name(), f.dataType()), true);
    }
    List<Row> rows = new ArrayList<>();
    for (Wide p : posts) {
      Object[] values = new Object[schema.size()];
      values[schema.fieldIndex("Id")] = new BigDecimal(p.id());
      values[schema.fieldIndex("PostTypeId")] = p.typeId();
      values[schema.fieldIndex("Score")] = new BigDecimal(p.score());
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  private static DataType wide(String column, DataType type) {
    return switch (column) {
      case "Id" -> DataTypes.createDecimalType(20, 0);
      case "PostTypeId" -> DataTypes.LongType;
      case "Score" -> DataTypes.createDecimalType(38, 0);
      default -> type;
    };
  }
}
