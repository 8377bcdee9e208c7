package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JVM section: shown with its counts and patterns when a run has JVM traces only. */
class JvmSectionTest {
  @Test
  void jvmFramesAndTheirTopPatternsAreShownPerLibrary() {
    ReportData base = ReportSamples.empty();
    ReportData data =
        new ReportData(
            base.settings(),
            base.counts(),
            base.rejects(),
            base.tables(),
            List.of(),
            List.of(),
            List.of(),
            List.of(new JvmSummary("spark-ml", 6, 10, 204, 10)),
            List.of(
                new TopPattern(
                    "spark-ml",
                    1,
                    "p1",
                    List.of("py4j.Gateway:invoke", "java.lang.Thread:<run>"),
                    6,
                    "traces",
                    6,
                    6,
                    6,
                    List.of(1L))));
    String html = new HtmlReport(data, List.of(), "now").render();
    assertThat(html)
        .contains(
            "<section id=\"jvm\">",
            "JVM frames of PySpark errors",
            "<td>spark-ml</td><td class=\"n\">6</td><td class=\"n\">10</td><td class=\"n\">10</td>"
                + "<td class=\"n\">204</td>",
            "spark-ml: top JVM patterns",
            "<code>py4j.Gateway:invoke</code>",
            "<code>java.lang.Thread:&lt;run&gt;</code>");
    assertThat(new HtmlReport(base, List.of(), "now").render()).doesNotContain("id=\"jvm\"");
  }
}
