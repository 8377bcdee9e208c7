package io.tracemine.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stats stage as it was before its tables moved to Spark, kept as the oracle: collects every
 * documented column of every input to the driver and runs the Spark-free code on the lists.
 */
final class DriverStats {
  private DriverStats() {}

  record Facts(
      List<QuestionFacts> questions,
      List<TraceLink> traces,
      List<PatternFacts> patterns,
      List<TraceLink> patternTraces,
      List<PatternFacts> minsup1) {}

  static Facts collect(StatsInputs all) {
    StatsInputs in = all.pythonOnly();
    List<QuestionFacts> questions = new ArrayList<>();
    for (Row r : select(in.questions(), StatsStage.QUESTION_COLUMNS)) {
      questions.add(StatsStage.question(r));
    }
    List<TraceLink> traces = new ArrayList<>();
    for (Row r : select(in.traces(), StatsStage.TRACE_COLUMNS)) {
      traces.add(
          new TraceLink(r.getString(2), null, r.getString(0), ((Number) r.get(1)).longValue()));
    }
    return new Facts(
        questions,
        traces,
        StatsStage.patterns(in.patterns(), "patterns"),
        links(in.patternTraces()),
        in.patternsMinsup1() == null ? null : StatsStage.patterns(in.patternsMinsup1(), "m"));
  }

  static List<TraceLink> links(Dataset<Row> patternTraces) {
    List<TraceLink> links = new ArrayList<>();
    for (Row r : select(patternTraces, StatsStage.PATTERN_TRACE_COLUMNS)) {
      List<String> traceIds = r.getList(2);
      List<Long> questionIds = r.getList(3);
      for (int i = 0; i < traceIds.size(); i++) {
        links.add(
            new TraceLink(r.getString(0), r.getString(1), traceIds.get(i), questionIds.get(i)));
      }
    }
    return links;
  }

  private static List<Row> select(Dataset<Row> ds, List<String> columns) {
    return ds.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new))
        .collectAsList();
  }

  /** The tables of {@link StatsStage#run}, in its order. */
  static List<Table> run(StatsInputs in, StatsConfig config) {
    Facts f = collect(in);
    List<Table> tables = new ArrayList<>();
    tables.add(Rq1Tables.population(f.questions()));
    tables.add(Rq1Tables.lengths(f.questions()));
    tables.add(Rq1Tables.popularity(f.questions()));
    tables.add(Rq1Tables.answers(f.questions()));
    tables.add(Rq1Tables.instances(f.questions(), f.traces()));
    Table coverage = Rq2Tables.coverage(f.patterns(), f.patternTraces(), f.traces(), f.minsup1());
    tables.add(coverage);
    if (config.studyConventions()) {
      tables.add(StudyAggregates.coverageOverall(coverage));
    }
    List<PatternFacts> distribution = f.minsup1() == null ? f.patterns() : f.minsup1();
    tables.add(Rq2Tables.supportDistribution(distribution));
    tables.add(Rq2Tables.lengthDistribution(distribution));
    tables.add(Rq2Tables.topKCoverage(f.patterns(), f.patternTraces(), f.traces()));
    tables.add(Rq2Tables.shared(f.patterns()));
    tables.add(Rq2Tables.libraryPairs(f.patterns()));
    tables.add(Rq3Sheets.round1(f.patterns(), f.patternTraces(), config.examples(), config.seed()));
    tables.add(
        Rq3Sheets.round2(
            f.patterns(),
            f.patternTraces(),
            config.sampleSize(),
            config.examples(),
            config.seed()));
    tables.add(Rq3Sheets.allocation(f.patterns(), config.sampleSize(), config.seed()));
    return tables;
  }

  /** The tables of {@link StatsStage#runLabels}, in its order. */
  static List<Table> runLabels(StatsInputs in, StatsConfig config, List<Path> sheets) {
    Facts f = collect(in);
    Codebook codebook = Codebook.load(config.codebook());
    Set<String> ids = new HashSet<>();
    f.patterns().forEach(p -> ids.add(p.patternId()));
    LabelSheets.Labels labels = LabelSheets.read(sheets, codebook, ids);
    Table types =
        LabelSheets.typeStats(labels, codebook, f.patterns(), f.patternTraces(), f.questions());
    List<Table> tables =
        new ArrayList<>(
            List.of(LabelSheets.agreement(labels), LabelSheets.types(labels, codebook), types));
    if (config.studyConventions()) {
      tables.add(
          StudyAggregates.typeOverall(
              types,
              LabelSheets.questionsByType(labels, f.patterns(), f.patternTraces(), f.questions())));
    }
    tables.add(LabelSheets.problems(labels));
    return tables;
  }
}
