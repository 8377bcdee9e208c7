package io.tracemine.ingest;

import static io.tracemine.spark.Schemas.SOTORRENT_POSTS;

import io.tracemine.MalformedInputException;
import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Posts as read from a source, before selection: the SOTorrent columns plus the reason a row is
 * quarantined ({@code _reject_reason}, null for a good row), a short excerpt of it, and the file
 * the row was read from (null for BigQuery).
 */
public final class RawPosts {
  public static final String REJECT_REASON = "_reject_reason";
  public static final String REJECT_DETAIL = "_reject_detail";
  public static final String SOURCE_FILE = "_source_file";
  public static final String BODY_TOO_LARGE = "body too large";
  private static final String OUT_OF_RANGE = "_out_of_range";

  public static final StructType SCHEMA =
      SOTORRENT_POSTS
          .add(Schemas.nullable(REJECT_REASON, DataTypes.StringType))
          .add(Schemas.nullable(REJECT_DETAIL, DataTypes.StringType))
          .add(Schemas.nullable(SOURCE_FILE, DataTypes.StringType));

  private RawPosts() {}

  /**
   * Conforms a table with SOTorrent's Posts columns (any extra columns ignored, names matched
   * case-insensitively, else also ignoring underscores, so the snake_case {@code post_type_id} of
   * the public BigQuery Stack Overflow tables is {@code PostTypeId}; integer widths and timestamp
   * kinds converted; a value beyond its column's type rejects its row as {@code bad Score
   * '4294967303' (out of range)}, as in a Posts.xml row) to {@link #SCHEMA}. Fails before reading
   * any data when a column is missing or has an incompatible type, naming it. {@code sourceFile}
   * gives each row's file (e.g. {@code _metadata.file_path}) or null. A timestamp column named
   * (lower case) in {@code nanosColumns} is read as a long of nanoseconds since the epoch ({@link
   * ParquetFileGroups}) and kept to the microsecond, as Spark stores timestamps.
   */
  public static Dataset<Row> conform(
      Dataset<Row> table, String sourceName, Column sourceFile, Set<String> nanosColumns) {
    List<Column> outOfRange = new ArrayList<>();
    List<Column> columns =
        conformedColumns(
            table.schema(), SOTORRENT_POSTS, "posts", sourceName, nanosColumns, outOfRange);
    columns.add(functions.concat_ws("; ", outOfRange.toArray(Column[]::new)).as(OUT_OF_RANGE));
    Column id = functions.col("Id");
    Column typeId = functions.col("PostTypeId");
    Column created = functions.col("CreationDate");
    Column yearProblem = yearProblem(created);
    Column outOfRangeProblem = functions.col(OUT_OF_RANGE).notEqual("");
    Column problems =
        functions.concat_ws(
            "; ",
            functions.when(outOfRangeProblem, functions.col(OUT_OF_RANGE)),
            badDate("CreationDate", created, yearProblem));
    // as a Posts.xml row: every unreadable value named, "missing" only when none is
    Column reason =
        functions.when(
            outOfRangeProblem
                .or(functions.not(created.between(SAFELY_AFTER_YEAR_0, SAFELY_BEFORE_YEAR_10000)))
                .or(id.isNull())
                .or(typeId.isNull()),
            functions
                .when(outOfRangeProblem.or(yearProblem.isNotNull()), problems)
                .when(id.isNull(), functions.lit("missing Id"))
                .when(typeId.isNull(), functions.lit("missing PostTypeId")));
    Column detail =
        functions.when(
            reason.isNotNull(),
            functions.substring(
                functions.coalesce(functions.col("Title"), functions.col("Body")), 1, 120));
    columns.add(sourceFile.cast(DataTypes.StringType).as(SOURCE_FILE));
    List<Column> ordered = new ArrayList<>();
    for (String name : SOTORRENT_POSTS.fieldNames()) {
      Column value = functions.col(name);
      ordered.add(
          name.equals("CreationDate")
              ? functions.when(yearProblem.isNull(), value).as(name)
              : value);
    }
    ordered.add(reason.as(REJECT_REASON));
    ordered.add(detail.as(REJECT_DETAIL));
    ordered.add(functions.col(SOURCE_FILE));
    return table.select(columns.toArray(Column[]::new)).select(ordered.toArray(Column[]::new));
  }

  /**
   * Why a timestamp column's value cannot be a dump's date, as in a Posts.xml row (ISO's year 0 and
   * negative years, years past 9999: a month partition would be a year of an era or {@code
   * "+10000-01"}, outside every window), else null.
   */
  static Column yearProblem(Column date) {
    Column year = functions.year(date);
    return functions
        .when(date.between(SAFELY_AFTER_YEAR_0, SAFELY_BEFORE_YEAR_10000), null)
        .when(year.lt(1), "a year before 1")
        .when(year.gt(9999), "a year after 9999");
  }

  // the year, which takes the session's time zone, is looked at only within a day of its limits:
  // any other instant is of a year from 1 to 9999 in every zone (offsets are 18 hours at most)
  private static final java.time.Instant SAFELY_AFTER_YEAR_0 =
      java.time.Instant.parse("0001-01-02T00:00:00Z");
  private static final java.time.Instant SAFELY_BEFORE_YEAR_10000 =
      java.time.Instant.parse("9999-12-30T00:00:00Z");

  /** {@code bad <name> '<value>' (<yearProblem>)}, or null when {@code yearProblem} is null. */
  static Column badDate(String name, Column date, Column yearProblem) {
    // only then: a concat evaluates every part, and the date as text is costly on every row
    return functions.when(
        yearProblem.isNotNull(),
        functions.concat(
            functions.lit("bad " + name + " '"),
            date.cast(DataTypes.StringType),
            functions.lit("' ("),
            yearProblem,
            functions.lit(")")));
  }

  /**
   * The columns of {@code schema} taken from a table of schema {@code actual} (see {@link
   * #conform}), each named as in {@code schema}; a value beyond its column's type is null, and the
   * expression naming it ({@code bad LinkTypeId '4294967299' (out of range)}, null when it fits) is
   * added to {@code outOfRange}.
   *
   * @throws MalformedInputException when a column is missing or has an incompatible type, naming
   *     {@code what} ({@code posts}, {@code PostLinks}), the source and the column
   */
  private static final Pattern MISSING_COLUMN = Pattern.compile(": missing column '([^']+)'");

  /**
   * For a {@code missing column 'X'} message: {@code "; the files' directories name it
   * ('PostTypeId=1'): …"} when a directory of {@code files} is a Hive-style partition of that
   * column, whose values are in directory names, not in the files; else null.
   */
  static String partitionColumnHint(String message, List<String> files) {
    Matcher m = MISSING_COLUMN.matcher(String.valueOf(message));
    if (!m.find()) {
      return null;
    }
    String wanted = m.group(1);
    for (String file : files) {
      for (String segment : file.split("/")) {
        int eq = segment.indexOf('=');
        if (eq > 0 && column(new String[] {segment.substring(0, eq)}, wanted).isPresent()) {
          return "; the files' directories name it ('"
              + segment
              + "'): a partition column kept in directory names is not read, write it into the"
              + " files (or read the table with Spark and write it out whole)";
        }
      }
    }
    return null;
  }

  static List<Column> conformedColumns(
      StructType actual,
      StructType schema,
      String what,
      String sourceName,
      Set<String> nanosColumns,
      List<Column> outOfRange) {
    List<Column> columns = new ArrayList<>();
    for (StructField wanted : schema.fields()) {
      StructField found =
          column(actual.fieldNames(), wanted.name())
              .map(actual::apply)
              .orElseThrow(
                  () ->
                      new MalformedInputException(
                          "Cannot read "
                              + what
                              + " from "
                              + sourceName
                              + ": missing column '"
                              + wanted.name()
                              + "' (found: "
                              + quotedVisibly(actual.fieldNames())
                              + ")"));
      boolean nanos =
          wanted.dataType().equals(DataTypes.TimestampType)
              && found.dataType().equals(DataTypes.LongType)
              && nanosColumns.contains(found.name().toLowerCase(Locale.ROOT));
      if (nanos) {
        columns.add(fromNanos(found.name()).as(wanted.name()));
        continue;
      }
      if (!compatible(found.dataType(), wanted.dataType())) {
        throw new MalformedInputException(
            "Cannot read "
                + what
                + " from "
                + sourceName
                + ": column '"
                + found.name()
                + "' has type "
                + found.dataType().simpleString()
                + " but must be "
                + expected(wanted.dataType())
                + (isUntaggedText(found.dataType(), wanted.dataType())
                    ? "; if it holds UTF-8 text stored without Parquet's UTF8 annotation (as Hive,"
                        + " Impala and old writers store strings), read it as text with --set"
                        + " spark.conf.spark.sql.parquet.binaryAsString=true"
                    : ""));
      }
      Column value = functions.col("`" + found.name() + "`");
      Column cast = value.cast(wanted.dataType());
      Optional<Column> fits = fits(value, found.dataType(), wanted.dataType());
      if (ParseXmlRows.ID_COLUMNS.contains(wanted.name())) {
        Column positive = value.geq(1);
        fits = Optional.of(fits.map(f -> f.and(positive)).orElse(positive));
      }
      columns.add(fits.map(f -> functions.when(f, cast)).orElse(cast).as(wanted.name()));
      fits.ifPresent(
          f -> outOfRange.add(functions.when(functions.not(f), outOfRange(found.name(), value))));
    }
    return columns;
  }

  /**
   * The one of {@code columns} that stands for SOTorrent's column {@code wanted}: the same name in
   * any case, else the same name ignoring underscores ({@code post_type_id} for {@code
   * PostTypeId}).
   */
  static Optional<String> column(String[] columns, String wanted) {
    return Arrays.stream(columns)
        .filter(c -> c.equalsIgnoreCase(wanted))
        .findFirst()
        .or(
            () ->
                Arrays.stream(columns)
                    .filter(c -> c.replace("_", "").equalsIgnoreCase(wanted))
                    .findFirst());
  }

  /**
   * Rejects every still-accepted row whose Body is longer than {@code maxChars} Unicode code points
   * as {@value #BODY_TOO_LARGE}; the same expression for every source.
   */
  public static Dataset<Row> limitBody(Dataset<Row> raw, int maxChars) {
    Column body = functions.col("Body");
    Column length = functions.length(body);
    // A body has at most as many code points as UTF-8 bytes: its byte length (stored, no scan)
    // rules out nearly every body before the code points are counted (a scan of every body cost
    // about a tenth of ingest's CPU, docs/PERFORMANCE.md).
    Column tooLarge =
        functions
            .col(REJECT_REASON)
            .isNull()
            .and(functions.octet_length(body).gt(maxChars))
            .and(length.gt(maxChars));
    Column detail =
        functions.format_string(
            "Body has %d characters, more than " + IngestConfig.INGEST_MAX_BODY_CHARS + "=%d",
            length,
            functions.lit(maxChars));
    return raw.withColumn(
            REJECT_DETAIL, functions.when(tooLarge, detail).otherwise(functions.col(REJECT_DETAIL)))
        .withColumn(
            REJECT_REASON,
            functions
                .when(tooLarge, functions.lit(BODY_TOO_LARGE))
                .otherwise(functions.col(REJECT_REASON)));
  }

  /**
   * Rejects every still-accepted row whose {@code Title}, {@code Tags} or {@code Body} holds
   * invalid UTF-8 as {@value ParseXmlRows#INVALID_UTF8} (counted in {@code rejected_invalid_utf8},
   * as in a Posts.xml line), the detail naming the column and the byte ({@link
   * InvalidUtf8Columns}). For Parquet, whose strings Spark reads without checking them; a Posts.xml
   * line is decoded strictly as it is parsed, and BigQuery stores only valid UTF-8.
   */
  public static Dataset<Row> rejectInvalidUtf8(Dataset<Row> raw) {
    List<Expression> columns =
        List.of(
            functions.col("Title").expr(),
            functions.col("Tags").expr(),
            functions.col("Body").expr());
    // a static call with Spark's own strings (nulls included), which a UDF would copy into arrays
    Column invalid =
        new Column(
            new StaticInvoke(
                InvalidUtf8Columns.class,
                DataTypes.StringType,
                "firstInvalid",
                JavaConverters.asScalaBuffer(columns).toSeq(),
                JavaConverters.asScalaBuffer(List.<AbstractDataType>of()).toSeq(),
                false,
                true,
                true));
    String found = "_invalid_utf8";
    // One projection computes the check; the next ones read its column (Spark does not inline a
    // call referenced twice, so it runs once per row).
    Column rejected = functions.col(REJECT_REASON).isNull().and(functions.col(found).isNotNull());
    return raw.withColumn(found, invalid)
        .withColumn(
            REJECT_DETAIL,
            functions.when(rejected, functions.col(found)).otherwise(functions.col(REJECT_DETAIL)))
        .withColumn(
            REJECT_REASON,
            functions
                .when(rejected, functions.lit(ParseXmlRows.INVALID_UTF8))
                .otherwise(functions.col(REJECT_REASON)))
        .drop(found);
  }

  /** The timestamp of a long of nanoseconds, floored to the microsecond (also before 1970). */
  private static Column fromNanos(String name) {
    String c = "`" + name + "`";
    return functions.expr("timestamp_micros((" + c + " - pmod(" + c + ", 1000L)) div 1000L)");
  }

  /**
   * Whether {@code value} of type {@code actual} fits the integer type {@code wanted} (null for a
   * null value), when it may not: a wider integer, or a decimal such as Parquet's unsigned int64
   * ({@code decimal(20,0)}), which a cast with ANSI mode off would wrap around ({@code 4294967297}
   * to {@code 1}).
   */
  private static Optional<Column> fits(Column value, DataType actual, DataType wanted) {
    if (wanted.equals(DataTypes.IntegerType)
        && (actual.equals(DataTypes.LongType) || decimalOfMoreDigits(actual, 9))) {
      return Optional.of(value.between(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
    if (wanted.equals(DataTypes.LongType) && decimalOfMoreDigits(actual, 18)) {
      return Optional.of(value.between(Long.MIN_VALUE, Long.MAX_VALUE));
    }
    return Optional.empty();
  }

  private static boolean decimalOfMoreDigits(DataType actual, int digits) {
    return actual instanceof DecimalType d && d.precision() > digits;
  }

  /** The reason for a value out of its column's range, worded as a Posts.xml row's. */
  private static Column outOfRange(String column, Column value) {
    return functions.concat(
        functions.lit("bad " + column + " '"),
        value.cast(DataTypes.StringType),
        functions.lit("' (out of range)"));
  }

  private static boolean compatible(DataType actual, DataType wanted) {
    if (actual instanceof NullType) {
      return true; // a column of Parquet's null type (ParquetFileGroups.FileGroup#nullColumns)
    }
    if (wanted.equals(DataTypes.LongType) || wanted.equals(DataTypes.IntegerType)) {
      return actual.equals(DataTypes.LongType)
          || actual.equals(DataTypes.IntegerType)
          || actual.equals(DataTypes.ShortType)
          || actual.equals(DataTypes.ByteType)
          || (actual instanceof DecimalType d && d.scale() == 0);
    }
    if (wanted.equals(DataTypes.TimestampType)) {
      return actual.equals(DataTypes.TimestampType)
          || actual.equals(DataTypes.TimestampNTZType)
          || actual.equals(DataTypes.DateType);
    }
    return actual.equals(wanted);
  }

  private static boolean isUntaggedText(DataType actual, DataType wanted) {
    return actual.equals(DataTypes.BinaryType) && wanted.equals(DataTypes.StringType);
  }

  /**
   * Column names quoted, with characters a terminal does not show (a byte-order mark carried over
   * from a CSV header, a blank at the end) written as {@code \}{@code uFEFF}: {@code 'Id'}, {@code
   * '\}{@code uFEFFId'}, {@code 'Id '}.
   */
  static String quotedVisibly(String[] names) {
    List<String> quoted = new ArrayList<>(names.length);
    for (String name : names) {
      StringBuilder b = new StringBuilder("'");
      name.codePoints()
          .forEach(
              c -> {
                boolean invisible =
                    Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT
                        || (Character.isWhitespace(c) && c != ' ')
                        || Character.isSpaceChar(c) && c != ' ';
                if (invisible) {
                  b.append(String.format(Locale.ROOT, "\\u%04X", c));
                } else {
                  b.appendCodePoint(c);
                }
              });
      quoted.add(b.append('\'').toString());
    }
    return String.join(", ", quoted);
  }

  private static String expected(DataType wanted) {
    if (wanted.equals(DataTypes.LongType) || wanted.equals(DataTypes.IntegerType)) {
      return "an integer type";
    }
    if (wanted.equals(DataTypes.TimestampType)) {
      return "a timestamp";
    }
    return wanted.simpleString();
  }
}
