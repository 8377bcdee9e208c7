package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure renderer: escaping, images, links, layout; no Spark. */
class HtmlReportTest {
  @TempDir Path dir;

  private Document render(ReportData data) throws Exception {
    Map<String, Long> counts = ReportRenderer.render(data, dir);
    assertThat(counts).containsEntry("charts", 6L);
    return Jsoup.parse(Files.readString(dir.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8));
  }

  @Test
  void hostileTextIsShownAsTextAndNeverBecomesMarkup() throws Exception {
    Document doc = render(ReportSamples.hostile());

    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("script").first().data()).isEqualTo(HtmlReport.SCRIPT);
    assertThat(doc.select("img")).hasSize(6).allSatisfy(img -> assertThat(img.attr("src")).matches("[a-z0-9_]+\\.png"));
    assertThat(doc.select("b")).isEmpty();
    assertThat(doc.getAllElements()).allSatisfy(e -> e.attributes().forEach(a -> assertThat(a.getKey()).doesNotStartWith("on")));
    assertThat(doc.select("code.msg").first().text()).isEqualTo("Error: " + ReportSamples.EVIL);
    assertThat(doc.select("ol.frames li").eachText()).containsExactly("training:fit", ReportSamples.EVIL + ":" + ReportSamples.EVIL);
    assertThat(doc.select("table.stats td").eachText()).contains(ReportSamples.EVIL_LIB, ReportSamples.EVIL);
    assertThat(doc.select("table.kv code").eachText()).contains("/data/" + ReportSamples.EVIL);
    assertThat(doc.select("table.stats th").eachText()).contains(ReportSamples.EVIL);
  }

  @Test
  void onlyStackOverflowQuestionUrlsBecomeLinksAndNothingIsLoadedFromTheNetwork() throws Exception {
    Document doc = render(ReportSamples.hostile());
    assertThat(doc.select("a[href]").eachAttr("href"))
        .allSatisfy(h -> assertThat(h).matches("#[a-z0-9]+|\\.\\./[a-z0-9_]+\\.csv|https://stackoverflow\\.com/q/[0-9]+"))
        .contains("https://stackoverflow.com/q/42", "https://stackoverflow.com/q/11", "https://stackoverflow.com/q/12");
    assertThat(doc.select("[src]").eachAttr("src")).allSatisfy(s -> assertThat(s).doesNotContain(":").doesNotStartWith("/"));
    assertThat(doc.select("link, iframe, object, embed")).isEmpty();
    assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
    assertThat(doc.text()).contains("javascript:alert(1)");
  }

  @Test
  void secretSettingsAreNeverShown() throws Exception {
    Document doc = render(ReportSamples.hostile());
    assertThat(doc.select("table.kv code").eachText()).contains("source.type", "source.path");
    String html = Files.readString(dir.resolve(ReportRenderer.INDEX), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("sa.json").doesNotContain("credentials");
  }

  @Test
  void everyReferencedImageExistsAndIsAPng() throws Exception {
    Document doc = render(ReportSamples.hostile());
    for (Element img : doc.select("img")) {
      Path png = dir.resolve(img.attr("src"));
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(Integer.parseInt(img.attr("width")));
      assertThat(image.getHeight()).isEqualTo(Integer.parseInt(img.attr("height")));
    }
  }

  @Test
  void anEmptyRunStillRendersEveryChartAndSaysThereIsNoData() throws Exception {
    Document doc = render(ReportSamples.empty());
    assertThat(doc.select("img")).hasSize(6);
    for (Element img : doc.select("img")) {
      assertThat(dir.resolve(img.attr("src"))).isRegularFile();
    }
    assertThat(doc.select("section#patterns").text()).contains("No patterns reached the minimum support");
    assertThat(doc.select(".card .num").eachText()).containsExactly("\u2014", "\u2014", "\u2014", "\u2014", "0");
  }

  @Test
  void tablesAreRoundedForDisplayWithLibrariesSortedAndTheFirstScreenSaysWhatThisIs() throws Exception {
    Document doc = render(ReportSamples.hostile());
    Element t1 = doc.selectFirst("#t-table1_population table");
    assertThat(t1.select("tbody tr td:eq(0)").eachText()).containsExactly(ReportSamples.EVIL_LIB, "tensorflow", "all");
    assertThat(t1.select("tr.all td").eachText()).containsExactly("all", "12", "9", "75.0", "4", "33.3");
    Element t3 = doc.selectFirst("#t-table3_popularity table");
    assertThat(t3.select("thead th.group").eachText()).containsExactly("views");
    assertThat(t3.select("tbody tr").first().select("td").eachText())
        .containsExactly("tensorflow", "3", "5", "120.5", "80", "11", "2.346", "<0.001", "***");
    assertThat(doc.select("section#run td.n").eachText()).contains("1,234,567");
    assertThat(doc.selectFirst("header h1").text()).contains("stack traces").contains("Stack Overflow");
    assertThat(doc.select(".card .lbl").eachText()).containsExactly("questions", "with a stack trace", "trace instances", "patterns", "libraries");
    assertThat(doc.select(".card .num").eachText()).containsExactly("12", "4", "5", "2", "2");
    assertThat(doc.body().attr("data-images-ok")).isEqualTo("pending");
  }

  @Test
  void thePaperProfileTruncatesDisplayedDecimalsAndTheTablesKeepFullPrecision() throws Exception {
    ReportData sample = ReportSamples.hostile();
    Map<String, String> settings = new java.util.LinkedHashMap<>(sample.settings());
    settings.put("extract.profile", "paper");
    Map<String, DataTable> tables = new java.util.LinkedHashMap<>(sample.tables());
    tables.put("table4_answers", new DataTable("table4_answers",
        java.util.List.of("library", "first_answer_hours_median_trace", "accepted_answer_hours_median_trace", "accepted_z"),
        java.util.List.of(java.util.Arrays.asList("tensorflow", 2.3983, 3.9633, -2.3983))));
    ReportData paper = new ReportData(settings, sample.counts(), sample.rejects(), tables, sample.topPatterns(),
        sample.templates(), sample.distributions());
    Document doc = render(paper);
    assertThat(doc.select("#t-table4_answers tbody td").eachText()).containsExactly("tensorflow", "2.39", "3.96", "-2.39");
    assertThat(doc.select("#t-table1_population tr.all td").eachText())
        .containsExactly("all", "12", "9", "75.00", "4", "33.33");
    assertThat(doc.selectFirst("footer").text()).contains("truncated toward zero").contains("keep full precision");
    // the data handed to the renderer is untouched
    assertThat(paper.table("table4_answers").rows().get(0)).containsExactly("tensorflow", 2.3983, 3.9633, -2.3983);

    Document rounded = render(new ReportData(sample.settings(), sample.counts(), sample.rejects(), tables,
        sample.topPatterns(), sample.templates(), sample.distributions()));
    assertThat(rounded.select("#t-table4_answers tbody td").eachText()).containsExactly("tensorflow", "2.4", "3.96", "-2.398");
    assertThat(rounded.selectFirst("footer").text()).contains("rounded for display");
  }

  @Property
  void escapedTextRoundTripsAndCarriesNoMarkupCharacters(@ForAll String text) {
    String escaped = Html.escape(text);
    assertThat(escaped).doesNotContain("<", ">", "\"", "'");
    String expected = text.chars().mapToObj(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? "\uFFFD" : Character.toString(c))
        .reduce("", String::concat);
    assertThat(Parser.unescapeEntities(escaped, true)).isEqualTo(expected);
  }
}
