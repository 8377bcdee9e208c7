package io.tracemine.mine;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetArrayStructFields;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.JavaConverters;

/**
 * The mine stage's input read as Parquet's column batches instead of rows, when the selected
 * columns are plain columns of one Parquet scan (the usual case: the TRACES table as read). Frames
 * are then looked up by the Parquet dictionary ids of their file and function strings: a string is
 * decoded once per batch and distinct pair, not once per frame (about 20 per trace), and Spark's
 * row projection of the two frame arrays is skipped.
 */
final class ColumnarInput {
  /** Plan nodes between the selection and the scan that change no value. */
  private static final Set<String> PASS_THROUGH =
      Set.of("WholeStageCodegenExec", "ProjectExec", "ColumnarToRowExec", "InputAdapter");

  private ColumnarInput() {}

  /**
   * Where each selected value lies in the scan's batches: column ordinals of trace_id, question_id,
   * library, frames and language (-1: absent), and the file and function fields of a frame.
   */
  record Columns(
      int traceId, int questionId, int library, int frames, int file, int function, int language)
      implements Serializable {}

  /**
   * The column batches of {@code selection} (trace_id, question_id, library, frames.file,
   * frames.function, language, in that order, as MineStage selects them) and where its values lie
   * in them, or null when the selection is not plain columns of one vectorized Parquet scan.
   */
  static Batches of(Dataset<Row> selection) {
    LogicalPlan optimized = selection.queryExecution().optimizedPlan();
    if (!(optimized instanceof Project project) || !(project.child() instanceof LogicalRelation)) {
      return null;
    }
    List<NamedExpression> list = JavaConverters.seqAsJavaList(project.projectList());
    if (list.size() != 6) {
      return null;
    }
    SparkPlan plan = selection.queryExecution().executedPlan();
    while (PASS_THROUGH.contains(plan.getClass().getSimpleName()) && plan.children().size() == 1) {
      plan = plan.children().head();
    }
    if (!(plan instanceof FileSourceScanExec scan)
        || !scan.supportsColumnar()
        || !scan.relation().fileFormat().getClass().getSimpleName().equals("ParquetFileFormat")) {
      return null;
    }
    List<Attribute> output = JavaConverters.seqAsJavaList(scan.output());
    int[] ordinals = new int[6];
    String[] fields = new String[6];
    for (int i = 0; i < 6; i++) {
      Expression e = (Expression) list.get(i);
      if (e instanceof Alias a) {
        e = a.child();
      }
      if (e instanceof GetArrayStructFields g && (i == 3 || i == 4)) {
        fields[i] = g.field().name();
        e = g.child();
      } else if (i == 3 || i == 4) {
        return null;
      }
      if (e instanceof Literal l && l.value() == null && i == 5) {
        ordinals[i] = -1;
        continue;
      }
      if (!(e instanceof AttributeReference ref)) {
        return null;
      }
      ordinals[i] = -1;
      for (int o = 0; o < output.size(); o++) {
        if (output.get(o).exprId().equals(ref.exprId())) {
          ordinals[i] = o;
        }
      }
      if (ordinals[i] < 0) {
        return null;
      }
    }
    if (ordinals[3] != ordinals[4]
        || !(output.get(ordinals[3]).dataType() instanceof ArrayType frames)
        || !(frames.elementType() instanceof StructType frame)) {
      return null;
    }
    List<String> names = List.of(frame.fieldNames());
    if (!names.contains(fields[3]) || !names.contains(fields[4])) {
      return null;
    }
    Columns columns =
        new Columns(
            ordinals[0],
            ordinals[1],
            ordinals[2],
            ordinals[3],
            names.indexOf(fields[3]),
            names.indexOf(fields[4]),
            ordinals[5]);
    return new Batches(scan.executeColumnar().toJavaRDD(), columns);
  }

  /** A scan's column batches and where the mine stage's values lie in them. */
  record Batches(JavaRDD<ColumnarBatch> rdd, Columns columns) {}
}
