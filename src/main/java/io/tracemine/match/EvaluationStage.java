package io.tracemine.match;

import static org.apache.spark.sql.functions.col;

import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark edge of the duplicate evaluation (docs/MATCH.md, "Evaluation"): reads a run's
 * tracebacks, questions and duplicate links to the driver and hands them to {@link
 * DuplicateEvaluation} with TraceMine's matcher and the two baselines.
 */
public final class EvaluationStage {
  private final SparkSession spark;

  public EvaluationStage(SparkSession spark) {
    this.spark = spark;
  }

  /** The {@code match_evaluation} rows, the metrics, and the counts of the links evaluated. */
  public record Result(
      Dataset<Row> table, List<RetrievalMetrics> metrics, Map<String, Long> counts) {}

  /**
   * Evaluates every duplicate link whose duplicate and original both have a traceback in {@code
   * traces}; the knowledge base is the run's (its index and all its tracebacks).
   */
  public Result run(
      Dataset<Row> posts, Dataset<Row> traces, Dataset<Row> duplicateLinks, KnowledgeIndex index) {
    Map<Long, Integer> votes = new HashMap<>();
    for (Iterator<Row> it =
            posts.filter(col("PostTypeId").equalTo(1)).select("Id", "Score").toLocalIterator();
        it.hasNext(); ) {
      Row r = it.next();
      votes.put(r.getLong(0), r.isNullAt(1) ? 0 : r.getInt(1));
    }
    // a traceback of a question in two libraries is one row per library: keep one
    Dataset<Row> rows =
        traces
            .dropDuplicates("question_id", "block_index", "position", "language")
            .orderBy("question_id", "block_index", "position", "language")
            .select(
                col("question_id"),
                col("library"),
                col("exception_type"),
                col("message"),
                col("template"),
                col("frames.file"),
                col("frames.function"));
    List<KnownTrace> knowledge = new ArrayList<>();
    Map<Long, List<KnownTrace>> byQuestion = new HashMap<>();
    for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      List<String> files = r.getList(5);
      List<String> functions = r.getList(6);
      List<String> frames = new ArrayList<>(files.size());
      for (int i = 0; i < files.size(); i++) {
        frames.add(files.get(i) + ":" + functions.get(i));
      }
      long q = r.getLong(0);
      KnownTrace t =
          new KnownTrace(
              q,
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              frames,
              votes.getOrDefault(q, 0));
      knowledge.add(t);
      byQuestion.computeIfAbsent(q, k -> new ArrayList<>()).add(t);
    }
    List<DuplicateEvaluation.Link> links = new ArrayList<>();
    Set<DuplicateEvaluation.Link> seen = new HashSet<>();
    long withoutTrace = 0;
    long originalWithoutTrace = 0;
    long total = 0;
    for (Row r :
        duplicateLinks
            .select("question_id", "original_id")
            .orderBy("question_id", "original_id")
            .collectAsList()) {
      total++;
      DuplicateEvaluation.Link link = new DuplicateEvaluation.Link(r.getLong(0), r.getLong(1));
      if (!byQuestion.containsKey(link.originalId())) {
        originalWithoutTrace++;
      } else if (!byQuestion.containsKey(link.questionId())) {
        withoutTrace++;
      } else if (seen.add(link)) {
        links.add(link);
      }
    }
    List<TraceRanker> rankers =
        List.of(
            new MatcherRanker(index),
            new TemplateBaseline(knowledge),
            new TfIdfBaseline(knowledge));
    List<RetrievalMetrics> metrics = DuplicateEvaluation.evaluate(rankers, links, byQuestion);
    List<Row> out = new ArrayList<>();
    for (RetrievalMetrics m : metrics) {
      out.add(
          RowFactory.create(
              m.ranker(),
              m.duplicates(),
              m.foundAt1(),
              m.foundAt5(),
              m.recallAt1(),
              m.recallAt5(),
              m.mrr()));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("duplicate_links", total);
    counts.put("original_without_trace", originalWithoutTrace);
    counts.put("duplicate_without_trace", withoutTrace);
    counts.put("evaluated", (long) links.size());
    return new Result(
        spark.createDataFrame(out, Schemas.MATCH_EVALUATION).coalesce(1), metrics, counts);
  }
}
