package io.tracemine.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.tracemine.spark.Schemas;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels each raw post: {@code rejected}, {@code question} (a selected question, with its
 * libraries), {@code answer} (an answer; kept later only if its question was selected) or {@code
 * other} (any post that is not selected).
 *
 * <p>Column expressions (the libraries of a question's tags are a UDF), not a function over whole
 * rows, so a pass that needs a few columns (counts, joins on Ids) reads only those from the cached
 * input instead of every post's body.
 */
public final class ClassifyPosts {
  public static final String STATUS = "_status";
  public static final String TAG_LIBRARIES = "_tag_libraries";
  private static final DataType LIBRARIES_TYPE =
      DataTypes.createArrayType(DataTypes.StringType, false);
  public static final StructType SCHEMA =
      RawPosts.SCHEMA
          .add(Schemas.required("Libraries", LIBRARIES_TYPE))
          .add(Schemas.required(STATUS, DataTypes.StringType));

  private ClassifyPosts() {}

  /** {@code raw} ({@link RawPosts#SCHEMA}) with the columns {@code Libraries} and the status. */
  public static Dataset<Row> classify(Dataset<Row> raw, LibrarySelector selector) {
    return withStatus(withTagLibraries(raw, selector));
  }

  /**
   * {@code raw} with the column {@value #TAG_LIBRARIES}: the libraries of each accepted question's
   * tags (empty for any other row). The one call of the tags UDF: ingest caches this column with
   * its input, so the passes over the cache ({@link #withStatus}) do not parse the tags again.
   */
  public static Dataset<Row> withTagLibraries(Dataset<Row> raw, LibrarySelector selector) {
    UserDefinedFunction librariesOf =
        functions.udf(new LibrariesOfTags(selector), LIBRARIES_TYPE).asNonNullable();
    Column question = col(RawPosts.REJECT_REASON).isNull().and(col("PostTypeId").equalTo(1));
    return raw.withColumn(
        TAG_LIBRARIES, when(question, librariesOf.apply(col("Tags"))).otherwise(noLibraries()));
  }

  /**
   * The classification of rows with {@value #TAG_LIBRARIES} ({@link #withTagLibraries}): {@link
   * #SCHEMA}, plain column expressions. A row's reject reason may have been set after its tag
   * libraries (an extra copy of an Id): a rejected row gets no libraries.
   */
  public static Dataset<Row> withStatus(Dataset<Row> tagged) {
    Column libraries = col(TAG_LIBRARIES);
    Column type = col("PostTypeId");
    Column accepted = col(RawPosts.REJECT_REASON).isNull();
    Column question = accepted.and(type.equalTo(1));
    Column status =
        when(functions.not(accepted), lit("rejected"))
            .when(type.equalTo(1), when(size(libraries).gt(0), "question").otherwise("other"))
            .when(type.equalTo(2), lit("answer"))
            .otherwise(lit("other"));
    Column[] columns =
        Stream.concat(
                Arrays.stream(RawPosts.SCHEMA.fieldNames()).map(functions::col),
                Stream.of(
                    when(question, libraries).otherwise(noLibraries()).as("Libraries"),
                    status.as(STATUS)))
            .toArray(Column[]::new);
    return tagged.select(columns);
  }

  private static Column noLibraries() {
    return array().cast(LIBRARIES_TYPE);
  }

  /** The libraries (in configured order) a question with these tags belongs to; empty if none. */
  public static final class LibrariesOfTags implements UDF1<String, String[]> {
    private static final long serialVersionUID = 1L;
    private final LibrarySelector selector;

    public LibrariesOfTags(LibrarySelector selector) {
      this.selector = selector;
    }

    @Override
    public String[] call(String tags) {
      return selector.librariesOf(Tags.parse(tags)).toArray(String[]::new);
    }
  }
}
