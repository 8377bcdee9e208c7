package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.config.TestSettings;
import io.tracemine.spark.ExecutedPlans;
import io.tracemine.spark.MonthClustered;
import io.tracemine.spark.MonthPartitions;
import io.tracemine.spark.QuestionLookup;
import io.tracemine.spark.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class IngestStageTest {
  static final String SMALL = "src/test/resources/ingest/Posts-small.xml";

  /** A real beer.stackexchange dump (see src/test/resources/realdata/ATTRIBUTION.md). */
  static final Path REAL_DUMP =
      Path.of("src/test/resources/realdata/beer-stackexchange-Posts.xml.gz");

  private final SparkSession spark = SharedSpark.session();

  static IngestConfig config(String type, String path, int partitions) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.type", type);
    overrides.put("source.path", path);
    overrides.put("source.partitions", Integer.toString(partitions));
    return IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
  }

  IngestStage.IngestResult ingest(IngestConfig config) {
    return new IngestStage(spark, config).run(new PostsSource(spark, config).read());
  }

  @Test
  void selectsLibraryQuestionsWithTheirAnswersAndAccountsForEveryRow() {
    var result = ingest(config("xml", SMALL, 0));
    Map<Long, List<String>> libraries = new HashMap<>();
    for (Row r : result.posts().collectAsList()) {
      libraries.put(r.getLong(0), r.getList(r.fieldIndex("Libraries")));
    }
    assertThat(libraries)
        .containsOnlyKeys(1L, 3L, 4L, 6L, 11L, 12L)
        .containsEntry(1L, List.of("tensorflow", "keras"))
        .containsEntry(3L, List.of("tensorflow", "keras"))
        .containsEntry(6L, List.of("pytorch"))
        .containsEntry(12L, List.of("spark-ml"));
    assertThat(result.counts())
        .containsEntry("rows_read", 12L)
        .containsEntry("questions_selected", 3L)
        .containsEntry("answers_selected", 3L)
        .containsEntry("not_selected", 4L)
        .containsEntry("rejected", 2L);
    List<Row> rejects = result.rejects().collectAsList();
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(0).getString(2)).isEqualTo("8");
    assertThat(rejects.get(0).getString(3)).isEqualTo("bad Score 'many'");
    // the Id of a cut-off row is still readable, so the reject keeps it
    assertThat(rejects.get(1).getString(2)).isEqualTo("9");
    assertThat(rejects.get(1).getString(3)).startsWith("malformed XML row: invalid XML: ");
    assertThat(rejects.get(1).getString(4)).startsWith("<row Id=\"9\"");
  }

  @Test
  void outputDoesNotDependOnTheNumberOfInputPartitions() {
    List<Row> one = ingest(config("xml", SMALL, 1)).posts().collectAsList();
    List<Row> many = ingest(config("xml", SMALL, 64)).posts().collectAsList();
    assertThat(many).isEqualTo(one);
  }

  @Test
  void datedPostsAreThePostsWithTheirQuestionsMonthAsTheJoinGivesThem() {
    var result = ingest(config("xml", "src/main/corpus/Posts.xml.gz", 0));
    List<Row> oracle = DatedPosts.withMonth(result.posts()).collectAsList();
    List<Row> dated =
        MonthClustered.assertClusteredLike(result.datedPosts(), oracle, MonthClustered.order("Id"));
    assertThat(dated).hasSize(result.posts().collectAsList().size());
    assertThat(dated.stream().map(r -> r.<String>getAs(MonthPartitions.COLUMN)).distinct())
        .hasSizeGreaterThan(12)
        .doesNotContain(CreationWindow.NO_MONTH);
  }

  @Test
  void readsEveryRowOfARealStackExchangeDump() {
    var result = ingest(config("xml", REAL_DUMP.toString(), 0));
    assertThat(result.counts()).containsEntry("rows_read", 1576L).containsEntry("rejected", 0L);
    assertThat(result.counts().get("not_selected"))
        .isEqualTo(1576L); // beer.stackexchange: no python
  }

  @Test
  void parquetSourceConformsTypesAndFailsNamingAMissingColumn(@TempDir Path dir) {
    var fromXml = ingest(config("xml", SMALL, 0));
    Dataset<Row> sotorrentShaped =
        new PostsSource(spark, config("xml", SMALL, 0))
            .read()
            .filter(functions.col(RawPosts.REJECT_REASON).isNull())
            .drop(RawPosts.REJECT_REASON, RawPosts.REJECT_DETAIL)
            .withColumn("Score", functions.col("Score").cast("long"))
            .withColumn("OwnerUserId", functions.lit(1));
    String good = dir.resolve("good").toString();
    sotorrentShaped.write().parquet(good);
    spark.catalog().clearCache();
    IngestConfig parquet = config("parquet", good, 0);
    Dataset<Row> read = new PostsSource(spark, parquet).read();
    var fromParquet = new IngestStage(spark, parquet).run(read);
    assertThat(spark.sharedState().cacheManager().lookupCachedData(read).isEmpty())
        .as("a Parquet input is read again by each pass, not cached")
        .isTrue();
    assertThat(fromParquet.posts().collectAsList()).isEqualTo(fromXml.posts().collectAsList());

    String noTags = dir.resolve("no-tags").toString();
    sotorrentShaped.drop("Tags").write().parquet(noTags);
    assertThatThrownBy(() -> ingest(config("parquet", noTags, 0)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(
            "Cannot read posts from parquet '" + noTags + "': missing column 'Tags'");

    String textScore = dir.resolve("text-score").toString();
    sotorrentShaped.withColumn("Score", functions.lit("high")).write().parquet(textScore);
    assertThatThrownBy(() -> ingest(config("parquet", textScore, 0)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read posts from parquet '"
                + textScore
                + "': column 'Score' has type string but must be an integer type");
  }

  @Test
  void theSnakeCaseColumnsAndPipeTagsOfBigQuerysPublicStackOverflowTablesAreRead(
      @TempDir Path dir) {
    var fromXml = ingest(config("xml", SMALL, 0));
    Dataset<Row> sotorrent =
        new PostsSource(spark, config("xml", SMALL, 0))
            .read()
            .filter(functions.col(RawPosts.REJECT_REASON).isNull())
            .drop(RawPosts.REJECT_REASON, RawPosts.REJECT_DETAIL, RawPosts.SOURCE_FILE);
    Dataset<Row> publicShaped =
        sotorrent
            .withColumn(
                "Tags",
                functions.regexp_replace(
                    functions.regexp_replace(functions.col("Tags"), "^<|>$", ""), "><", "|"))
            .toDF(
                "id",
                "post_type_id",
                "parent_id",
                "accepted_answer_id",
                "creation_date",
                "score",
                "view_count",
                "answer_count",
                "comment_count",
                "title",
                "tags",
                "body");
    String path = dir.resolve("posts_questions").toString();
    publicShaped.write().parquet(path);

    var fromPublic = ingest(config("parquet", path, 0));

    for (String selection : List.of("questions_selected", "answers_selected", "not_selected")) {
      assertThat(fromPublic.counts().get(selection))
          .as(selection)
          .isEqualTo(fromXml.counts().get(selection));
    }
    assertThat(fromPublic.counts()).containsEntry("rejected", 0L);
    assertThat(fromPublic.posts().drop("Tags").collectAsList())
        .isEqualTo(fromXml.posts().drop("Tags").collectAsList())
        .isNotEmpty();
  }

  @Test
  void anXmlInputIsCachedOnceForTheStagesPasses() {
    spark.catalog().clearCache();
    IngestConfig xml = config("xml", SMALL, 0);
    Dataset<Row> read = new PostsSource(spark, xml).read();
    new IngestStage(spark, xml).run(read);
    assertThat(spark.sharedState().cacheManager().lookupCachedData(read).isDefined()).isTrue();
    spark.catalog().clearCache();
  }

  @Test
  void answersFindTheirQuestionsAlikeWhetherTheQuestionsAreBroadcastOrShuffled() throws Exception {
    IngestConfig config = config("xml", "src/main/corpus/Posts.xml.gz", 3);
    List<String> broadcastPlans = new ArrayList<>();
    var broadcast = ExecutedPlans.of(spark, broadcastPlans, () -> ingest(config));
    List<String> shuffledPlans = new ArrayList<>();
    var shuffled =
        ExecutedPlans.of(
            spark,
            shuffledPlans,
            () -> new IngestStage(spark, config, 0).run(new PostsSource(spark, config).read()));
    assertThat(broadcastPlans)
        .as("the answers look their questions up in the broadcast index: no join")
        .anyMatch(p -> p.contains(QuestionLookup.QUESTION_LOOKUP))
        .noneMatch(p -> p.contains("Join"));
    assertThat(shuffledPlans)
        .anyMatch(p -> p.contains("SortMergeJoin"))
        .noneMatch(p -> p.contains(QuestionLookup.QUESTION_LOOKUP));
    assertThat(shuffled.counts()).isEqualTo(broadcast.counts());
    assertThat(shuffled.posts().collectAsList()).isEqualTo(broadcast.posts().collectAsList());
    assertThat(shuffled.datedPosts().queryExecution().executedPlan().toString())
        .as("after a sort-merge join the posts are shuffled by month for the write")
        .contains("Exchange hashpartitioning(" + MonthPartitions.COLUMN);
    assertThat(broadcast.datedPosts().queryExecution().executedPlan().toString())
        .doesNotContain("Exchange hashpartitioning(" + MonthPartitions.COLUMN);
    List<Row> oracle = DatedPosts.withMonth(broadcast.posts()).collectAsList();
    MonthClustered.assertClusteredLike(shuffled.datedPosts(), oracle, MonthClustered.order("Id"));
    MonthClustered.assertClusteredLike(broadcast.datedPosts(), oracle, MonthClustered.order("Id"));
    assertThat(sortedIds(shuffled.questionIds())).isEqualTo(sortedIds(broadcast.questionIds()));
    assertThat(sortedIds(broadcast.questionIds()))
        .as("the stage's question Ids are those of its posts")
        .isEqualTo(sortedIds(DuplicateLinks.questionIds(broadcast.posts())))
        .hasSize(broadcast.counts().get("questions_selected").intValue());
  }

  @Test
  void withoutRejectsTheRejectsAreAnEmptyTableThatNeedsNoPassOverTheInput() {
    var result = ingest(config("xml", "src/main/corpus/Posts.xml.gz", 0));
    assertThat(result.counts()).containsEntry("rejected", 0L);
    assertThat(result.rejects().isLocal()).isTrue();
    assertThat(result.rejects().collectAsList()).isEmpty();
    assertThat(result.rejects().schema()).isEqualTo(io.tracemine.spark.Schemas.REJECTS);
  }

  private static List<Long> sortedIds(Dataset<Row> ids) {
    return ids.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
  }

  @Test
  void aMissingInputFailsNamingIt() {
    assertThatThrownBy(() -> ingest(config("xml", "no/such/Posts.xml", 0)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot read posts: 'no/such/Posts.xml' does not exist");
  }
}
