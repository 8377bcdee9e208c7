package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.match.KnowledgeSlice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The page's templates escape every text that comes from data: each data-driven field below holds
 * its own marker followed by hostile text, and each must appear escaped, never raw.
 */
class ReportTemplatesTest {
  private static final String HOSTILE = "</script><img src=x onerror=alert(1)>&amp;\"'=`";

  private final List<String> fields = new ArrayList<>();

  /** A distinct hostile text for one field; starts upper-case so column labels keep it as is. */
  private String field() {
    String text = "F" + fields.size() + "x" + HOSTILE;
    fields.add(text);
    return text;
  }

  @Test
  void everyDataDrivenFieldComesOutEscaped() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("source.type", field());
    settings.put("source.path", field());
    settings.put("extract.profile", field());
    settings.put("mine.min-support", field());
    settings.put(field(), field());
    String library = field();
    String column = field();
    String table = field();
    Map<String, DataTable> tables = new LinkedHashMap<>();
    tables.put(
        "table1_population",
        new DataTable(
            "table1_population",
            List.of("library", "questions"),
            List.of(ReportSamples.row(library, 3L), ReportSamples.row("all", 3L))));
    tables.put(
        table,
        new DataTable(
            table,
            List.of(column, "example_urls", "x_n_trace", "x_median_trace", "x_mark"),
            List.of(
                ReportSamples.row(
                    field(), field() + " https://stackoverflow.com/q/7", 1L, 2.0, field()))));
    ReportData data =
        new ReportData(
            settings,
            Map.of(field(), Map.of(field(), 5L)),
            Map.of(field(), 2L),
            tables,
            List.of(
                new TopPattern(
                    field(), 1, field(), List.of(field()), 4, field(), 4, 3, 5, List.of(11L))),
            List.of(new TemplateCount(field(), 1, field(), field(), 3, 2)),
            List.of(),
            List.of(new JvmSummary(field(), 6, 10, 204, 10)),
            List.of(
                new TopPattern(
                    field(), 1, "p1", List.of(field()), 6, field(), 6, 6, 6, List.of(1L))));
    List<ChartImage> charts =
        List.of(new ChartImage("rq1_views", field(), field(), field(), 640, 400));
    String generatedAt = field();
    KnowledgeSlice.Slice slice = new KnowledgeSlice.Slice("{\"a\":\"\\u003c\"}", 3, 2, 1, 1);

    String html = new HtmlReport(data, charts, generatedAt, slice).render();

    assertThat(fields).hasSize(30);
    for (String text : fields) {
      assertThat(html).doesNotContain(text).contains(Html.escape(text));
    }
    assertThat(html).doesNotContain("<img src=x", "</script><img");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("img")).hasSize(1);
    assertThat(doc.select("script")).hasSize(3);
    assertThat(doc.select("script#tm-knowledge").first().data()).isEqualTo(slice.json());
    assertThat(doc.getAllElements())
        .allSatisfy(
            e -> e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on")));
  }
}
