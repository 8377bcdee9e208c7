package io.tracemine.ingest;

import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.Schemas;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels each raw post: {@code rejected}, {@code question} (a selected question, with its
 * libraries), {@code answer} (an answer; kept later only if its question was selected) or {@code
 * other} (any post that is not selected).
 */
public final class ClassifyPosts implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  public static final String STATUS = "_status";
  public static final StructType SCHEMA =
      RawPosts.SCHEMA
          .add(
              Schemas.required("Libraries", DataTypes.createArrayType(DataTypes.StringType, false)))
          .add(Schemas.required(STATUS, DataTypes.StringType));

  private static final int TYPE = RawPosts.SCHEMA.fieldIndex("PostTypeId");
  private static final int TAGS = RawPosts.SCHEMA.fieldIndex("Tags");
  private static final int REASON = RawPosts.SCHEMA.fieldIndex(RawPosts.REJECT_REASON);

  private final LibrarySelector selector;

  public ClassifyPosts(LibrarySelector selector) {
    this.selector = selector;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return LazyIterators.map(rows, this::classify);
  }

  Row classify(Row row) {
    String[] libraries = new String[0];
    String status;
    if (!row.isNullAt(REASON)) {
      status = "rejected";
    } else if (row.getInt(TYPE) == 1) {
      List<String> found = selector.librariesOf(Tags.parse(row.getString(TAGS)));
      libraries = found.toArray(String[]::new);
      status = found.isEmpty() ? "other" : "question";
    } else if (row.getInt(TYPE) == 2) {
      status = "answer";
    } else {
      status = "other";
    }
    Object[] values = new Object[row.size() + 2];
    for (int i = 0; i < row.size(); i++) {
      values[i] = row.get(i);
    }
    values[row.size()] = libraries;
    values[row.size() + 1] = status;
    return RowFactory.create(values);
  }
}
