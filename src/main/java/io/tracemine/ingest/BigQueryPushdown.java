package io.tracemine.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds what TraceMine sends to BigQuery: a query that keeps only questions carrying a python tag
 * and one of the libraries' stems, and the answers to those questions, so nothing else leaves
 * BigQuery. The query over-approximates the tag rule (a stem anywhere in Tags); {@link
 * LibrarySelector} then applies the exact rule in Spark.
 */
public final class BigQueryPushdown {
  static final String COLUMNS =
      "Id, PostTypeId, ParentId, AcceptedAnswerId, CreationDate, Score, ViewCount, AnswerCount,"
          + " CommentCount, Title, Tags, Body";

  private BigQueryPushdown() {}

  public static String query(String table, LibrarySelector selector) {
    return query(table, selector, CreationWindow.ALL);
  }

  /** The query for the questions created in {@code window} and all their answers. */
  public static String query(String table, LibrarySelector selector, CreationWindow window) {
    String questionFilter =
        questionFilter(selector) + (window.isAll() ? "" : " AND " + window.bigQueryCondition());
    String t = "`" + table.replace("`", "") + "`";
    return "SELECT "
        + COLUMNS
        + " FROM "
        + t
        + " WHERE (PostTypeId = 1 AND "
        + questionFilter
        + ")"
        + " OR (PostTypeId = 2 AND ParentId IN (SELECT Id FROM "
        + t
        + " WHERE PostTypeId = 1 AND "
        + questionFilter
        + "))";
  }

  static String questionFilter(LibrarySelector selector) {
    return tagPatterns(selector).stream()
        .map(re2 -> "REGEXP_CONTAINS(LOWER(Tags), r'" + re2 + "')")
        .collect(Collectors.joining(" AND "));
  }

  /**
   * The RE2 patterns a question's lower-cased Tags must all contain: a tag starting with the python
   * prefix, in any encoding {@link Tags} reads ({@code <python>…}, {@code |python|…} or {@code
   * python|…}, the form of BigQuery's public tables, both mixed, a list, markup escaped twice); and
   * a stem.
   */
  static List<String> tagPatterns(LibrarySelector selector) {
    String stems =
        selector.libraries().stream()
            .flatMap(l -> l.stems().stream())
            .map(BigQueryPushdown::escapeRe2)
            .collect(Collectors.joining("|"));
    return List.of(
        "(?:^|[<>|\\s,\\[\\]\"\\x27;])" + escapeRe2(selector.pythonPrefix()), "(" + stems + ")");
  }

  /** Connector options; the credentials file is passed by path, never read or logged here. */
  public static Map<String, String> options(
      IngestConfig.BigQueryOptions bq, LibrarySelector selector) {
    return options(bq, selector, CreationWindow.ALL);
  }

  /** Connector options reading only the questions created in {@code window} and their answers. */
  public static Map<String, String> options(
      IngestConfig.BigQueryOptions bq, LibrarySelector selector, CreationWindow window) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("query", query(bq.table(), selector, window));
    options.put("viewsEnabled", "true");
    options.put("materializationDataset", bq.materializationDataset());
    options.putAll(connection(bq));
    return options;
  }

  /** Connector options reading {@code table} whole, billed and authorised as the posts' read. */
  public static Map<String, String> tableOptions(IngestConfig.BigQueryOptions bq, String table) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("table", table);
    options.putAll(connection(bq));
    return options;
  }

  /** What a failed connector read asks the user to check, after naming the table. */
  public static final String CONNECTION_HINT =
      ": check network access, the project (source.bigquery.project or GOOGLE_CLOUD_PROJECT) and"
          + " credentials (source.bigquery.credentials-file or GOOGLE_APPLICATION_CREDENTIALS)";

  private static Map<String, String> connection(IngestConfig.BigQueryOptions bq) {
    Map<String, String> options = new LinkedHashMap<>();
    if (bq.project() != null) {
      options.put("parentProject", bq.project());
    }
    if (bq.credentialsFile() != null) {
      options.put("credentialsFile", bq.credentialsFile());
    }
    return options;
  }

  private static String escapeRe2(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("\\.^$|?*+()[]{}'".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
