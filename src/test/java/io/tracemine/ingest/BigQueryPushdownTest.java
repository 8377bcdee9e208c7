package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class BigQueryPushdownTest {
  static IngestConfig bigQuery(Map<String, String> extra) {
    var overrides = new java.util.HashMap<>(Map.of("source.type", "bigquery"));
    overrides.putAll(extra);
    return IngestConfig.from(TestSettings.withOverrides(null, overrides), Map.of());
  }

  @Test
  void pushesDownOnlyTheLibrariesQuestionsAndTheirAnswers() {
    IngestConfig config = bigQuery(Map.of("source.bigquery.materialization-dataset", "scratch"));
    String filter =
        "REGEXP_CONTAINS(LOWER(Tags), r'(?:^|[<>|\\s,\\[\\]\"\\x27;])python') AND"
            + " REGEXP_CONTAINS(LOWER(Tags),"
            + " r'(tensorflow|keras|scikit-learn|pytorch|nltk|huggingface|spark-ml)')";
    assertThat(BigQueryPushdown.query(config.bigQuery().table(), config.selector()))
        .isEqualTo(
            "SELECT Id, PostTypeId, ParentId, AcceptedAnswerId, CreationDate, Score, ViewCount,"
                + " AnswerCount, CommentCount, Title, Tags, Body FROM"
                + " `sotorrent-org.2020_12_31.Posts` WHERE (PostTypeId = 1 AND "
                + filter
                + ") OR (PostTypeId = 2 AND ParentId IN"
                + " (SELECT Id FROM `sotorrent-org.2020_12_31.Posts` WHERE PostTypeId = 1 AND "
                + filter
                + "))");
  }

  @Test
  void optionsComeFromConfigOrEnvironmentAndCredentialsAreNeverPrinted() {
    var settings =
        TestSettings.withOverrides(
            null,
            Map.of(
                "source.type", "bigquery", "source.bigquery.materialization-dataset", "scratch"));
    IngestConfig config =
        IngestConfig.from(
            settings,
            Map.of(
                "GOOGLE_CLOUD_PROJECT",
                "my-project",
                "GOOGLE_APPLICATION_CREDENTIALS",
                "/secret/key.json"));
    Map<String, String> options = BigQueryPushdown.options(config.bigQuery(), config.selector());
    assertThat(options)
        .containsEntry("parentProject", "my-project")
        .containsEntry("credentialsFile", "/secret/key.json")
        .containsEntry("materializationDataset", "scratch")
        .containsEntry("viewsEnabled", "true")
        .containsKey("query");
    assertThat(config.toString()).doesNotContain("/secret/key.json");
  }

  @Test
  void aMaterializationDatasetIsRequired() {
    assertThatThrownBy(() -> bigQuery(Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "'source.bigquery.materialization-dataset' must be set when 'source.type' is bigquery:"
                + " the connector materialises the pushed-down query there");
  }

  @Test
  void theConnectorLoadsAndFailsAtTheCredentialsBoundaryWithAClearMessage(@TempDir Path dir)
      throws Exception {
    assertThat(
            DataSource.lookupDataSource("bigquery", SharedSpark.session().sessionState().conf())
                .getName())
        .isEqualTo("com.google.cloud.spark.bigquery.v2.Spark35BigQueryTableProvider");
    Path fakeKey = dir.resolve("key.json");
    Files.writeString(
        fakeKey,
        "{\"type\":\"service_account\",\"project_id\":\"p\",\"private_key_id\":\"k\",\"private_key\":\"-----BEGIN"
            + " PRIVATE KEY-----\\n"
            + "AAAA\\n"
            + "-----END PRIVATE KEY-----\\n"
            + "\",\"client_email\":\"a@p.iam.gserviceaccount.com\",\"client_id\":\"1\","
            + "\"token_uri\":\"http://127.0.0.1:9/token\"}");
    IngestConfig config =
        bigQuery(
            Map.of(
                "source.bigquery.materialization-dataset", "scratch",
                "source.bigquery.project", "p",
                "source.bigquery.credentials-file", fakeKey.toString()));
    assertThatThrownBy(() -> new PostsSource(SharedSpark.session(), config).read())
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(
            "Cannot read posts from BigQuery table sotorrent-org.2020_12_31.Posts: check network"
                + " access, the project (source.bigquery.project or GOOGLE_CLOUD_PROJECT) and"
                + " credentials (source.bigquery.credentials-file or"
                + " GOOGLE_APPLICATION_CREDENTIALS)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAA"))
        .satisfies(BigQueryPushdownTest::namesTheRootCause);

    PostLinksConfig links =
        PostLinksConfig.from(
            TestSettings.withOverrides(
                null,
                Map.of(
                    "source.type", "bigquery",
                    "source.bigquery.materialization-dataset", "scratch",
                    "source.bigquery.project", "p",
                    "source.bigquery.credentials-file", fakeKey.toString())),
            config);
    assertThatThrownBy(
            () ->
                new DuplicateLinks(SharedSpark.session(), links)
                    .runOnQuestions(SharedSpark.session().range(1).toDF(DuplicateLinks.QUESTION)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith(
            "Cannot read PostLinks from BigQuery table sotorrent-org.2020_12_31.PostLinks: check"
                + " network access")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAA"))
        .satisfies(BigQueryPushdownTest::namesTheRootCause);
  }

  /** The innermost cause is named, not a wrapper's first line ("Unable to provision, see …:"). */
  private static void namesTheRootCause(Throwable e) {
    Throwable root = MalformedInputException.rootCause(e);
    assertThat(root).isNotSameAs(e);
    assertThat(e.getMessage())
        .endsWith(" (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
  }

  @Test
  void postLinksAreReadWithThePostsProjectAndCredentials() {
    var settings =
        TestSettings.withOverrides(
            null,
            Map.of(
                "source.type", "bigquery",
                "source.bigquery.materialization-dataset", "scratch",
                "source.bigquery.project", "billing",
                "source.bigquery.credentials-file", "/secret/key.json"));
    PostLinksConfig links = PostLinksConfig.from(settings, IngestConfig.from(settings, Map.of()));
    assertThat(BigQueryPushdown.tableOptions(links.bigQuery(), links.location()))
        .containsOnly(
            Map.entry("table", "sotorrent-org.2020_12_31.PostLinks"),
            Map.entry("parentProject", "billing"),
            Map.entry("credentialsFile", "/secret/key.json"));
    assertThat(links.toString()).doesNotContain("/secret/key.json");
  }
}
