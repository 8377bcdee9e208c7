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
  public static final StructType SCHEMA =
      RawPosts.SCHEMA
          .add(
              Schemas.required("Libraries", DataTypes.createArrayType(DataTypes.StringType, false)))
          .add(Schemas.required(STATUS, DataTypes.StringType));

  private ClassifyPosts() {}

  /** The name of the tags → libraries function in query plans. */
  static final String LIBRARIES_OF_TAGS = "libraries_of_tags";

  /**
   * {@code raw} ({@link RawPosts#SCHEMA}) with the columns {@code Libraries} and the status.
   *
   * <p>The libraries of a question's tags are computed once per row, in a projection of their own
   * that later columns and filters read: the function is marked nondeterministic only so that
   * Spark's optimizer neither merges that projection into the next one nor copies the call into a
   * filter pushed below it, which would call it twice per question (a filter on the status, then
   * the {@code Libraries} column). It is a pure function of the tags.
   */
  public static Dataset<Row> classify(Dataset<Row> raw, LibrarySelector selector) {
    UserDefinedFunction librariesOf =
        functions
            .udf(
                new LibrariesOfTags(selector),
                DataTypes.createArrayType(DataTypes.StringType, false))
            .asNonNullable()
            .asNondeterministic()
            .withName(LIBRARIES_OF_TAGS);
    Column type = col("PostTypeId");
    Column accepted = col(RawPosts.REJECT_REASON).isNull();
    Column question = accepted.and(type.equalTo(1));
    Column noLibraries = array().cast(DataTypes.createArrayType(DataTypes.StringType, false));
    Column[] rawColumns =
        Arrays.stream(RawPosts.SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
    Dataset<Row> withLibraries =
        raw.select(
            Stream.concat(
                    Arrays.stream(rawColumns),
                    Stream.of(
                        when(question, librariesOf.apply(col("Tags")))
                            .otherwise(noLibraries)
                            .as("Libraries")))
                .toArray(Column[]::new));
    Column libraries = col("Libraries");
    Column status =
        when(functions.not(accepted), lit("rejected"))
            .when(type.equalTo(1), when(size(libraries).gt(0), "question").otherwise("other"))
            .when(type.equalTo(2), lit("answer"))
            .otherwise(lit("other"));
    return withLibraries.select(
        Stream.concat(Arrays.stream(rawColumns), Stream.of(libraries, status.as(STATUS)))
            .toArray(Column[]::new));
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
