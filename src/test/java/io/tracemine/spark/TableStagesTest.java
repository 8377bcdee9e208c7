package io.tracemine.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every table names the one stage that writes it, and its command. */
class TableStagesTest {
  @Test
  void eachTableNamesItsWriterStage() {
    assertThat(TableStages.writerOf("posts")).isEqualTo("ingest");
    assertThat(TableStages.writerOf("duplicate_links")).isEqualTo("ingest");
    assertThat(TableStages.writerOf("traces")).isEqualTo("extract");
    assertThat(TableStages.writerOf("pattern_traces_minsup1")).isEqualTo("mine");
    assertThat(TableStages.writerOf("table1_population")).isEqualTo("stats");
    assertThat(TableStages.writerOf("fig6_topk_coverage")).isEqualTo("stats");
    assertThat(TableStages.writerOf("rq3_round2_allocation")).isEqualTo("stats");
    assertThat(TableStages.writerOf("period_pattern_support")).isEqualTo("stats");
    assertThat(TableStages.writerOf("rising")).isEqualTo("stats");
    assertThat(TableStages.writerOf("label_problems")).isEqualTo("stats");
    assertThat(TableStages.writerOf("match_evaluation")).isEqualTo("evaluate");
    assertThat(TableStages.writerOf("junk")).isNull();
  }

  @Test
  void theRerunNamesTheStageItsCommandAndTheOutput() {
    assertThat(
            TableStages.rerun(
                "traces", "/out/traces/creation_month=2010-08/part-00000-x.snappy.parquet"))
        .isEqualTo(
            "rerun 'extract', the stage that writes table 'traces' (./submit.sh extract --output"
                + " /out, with the run's other options)");
    // rejects and counts: the stage of their partition
    assertThat(TableStages.rerun("rejects", "hdfs://nn/data/o/rejects/stage=mine/part-0.parquet"))
        .isEqualTo(
            "rerun 'mine', the stage that writes table 'rejects' (./submit.sh mine --output"
                + " hdfs://nn/data/o, with the run's other options)");
    assertThat(TableStages.rerun("table1_population", "/o/table1_population/part-0.parquet"))
        .startsWith(
            "rerun 'stats', the stage that writes table 'table1_population' (./submit.sh"
                + " stats --output /o,");
    assertThat(TableStages.rerun("matches", "/o/matches/part-0.parquet"))
        .contains("(./submit.sh match --input … --output /o,");
    // a table TraceMine does not write: the general wording
    assertThat(TableStages.rerun("junk", "/o/junk/part-0.parquet"))
        .isEqualTo("rerun the stage that writes the table");
  }
}
