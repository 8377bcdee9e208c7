package io.tracemine.spark;

import static io.tracemine.spark.Schemas.nullable;
import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowValuesTest {
  private static final StructType SCHEMA =
      Schemas.struct(
          required("id", IntegerType), nullable("note", StringType), required("kind", StringType));

  @Test
  void valuesLandInTheSchemasOrderWhateverTheOrderTheyAreSetIn() {
    Row row = RowValues.of(SCHEMA).row().set("kind", "k").set("id", 7).build();
    assertThat(row.getInt(0)).isEqualTo(7);
    assertThat(row.isNullAt(1)).isTrue();
    assertThat(row.getString(2)).isEqualTo("k");
  }

  @Test
  void anUnknownColumnOrAnUnsetRequiredColumnIsRefusedByName() {
    RowValues values = RowValues.of(SCHEMA);
    assertThatThrownBy(() -> values.row().set("ident", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot set column 'ident': not in the schema struct<id:int");
    assertThatThrownBy(() -> values.row().set("id", 1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build a row: required column 'kind' is not set");
  }
}
