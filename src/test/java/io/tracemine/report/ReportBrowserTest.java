package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tracemine.config.TestSettings;
import io.tracemine.spark.SharedSpark;
import io.tracemine.testing.IntegrationTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a real pipeline run ({@link ReportFixture}) in Debian's headless Chromium:
 * every image must load and no script error may occur; the hostile exception message planted in the
 * corpus must not run. Without /usr/bin/chromium the test fails under CI (env CI set) and is
 * skipped otherwise.
 */
@IntegrationTest
@ExtendWith(SharedSpark.class)
class ReportBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static Path report;

  @TempDir Path temp;

  @BeforeAll
  static void renderReport() {
    if (!Files.isExecutable(CHROMIUM)) {
      if (System.getenv("CI") != null) {
        fail(
            "Cannot run the browser check: "
                + CHROMIUM
                + " is missing; install chromium (.ci/run does)");
      }
      Assumptions.abort(
          "No " + CHROMIUM + ": install chromium (.ci/run does) to run the browser check");
    }
    Path out = ReportFixture.output();
    ReportFixture.renderAndCommit(
        new ReportStage(
            SharedSpark.session(),
            ReportConfig.from(TestSettings.withOverrides(null, ReportFixture.runSettings(out)))),
        out);
    report = out.resolve(ReportStage.REPORT_DIR);
  }

  @Test
  void everyImageLoadsAndNoScriptFailsOrIsInjected() throws Exception {
    var doc = Jsoup.parse(dumpDom(report.resolve(ReportRenderer.INDEX)));
    Element body = doc.body();

    assertThat(body.attr("data-images-ok")).isEqualTo("true");
    assertThat(body.attr("data-broken")).isEmpty();
    assertThat(body.attr("data-errors")).isEmpty();
    assertThat(body.hasAttr("data-pwned")).isFalse();
    assertThat(body.select("img")).hasSize(6);
    // report.js, the search box's knowledge (a JSON data block) and search.js
    assertThat(doc.select("script")).hasSize(3);
    assertThat(doc.select("script#tm-knowledge").attr("type")).isEqualTo("application/json");
    assertThat(body.select("#search textarea#tm-paste")).hasSize(1);
    assertThat(body.select("code.msg").eachText())
        .anySatisfy(t -> assertThat(t).contains("<img src=x onerror="));
  }

  @Test
  void chartsAreVectorAndShownAtALegibleSize() throws Exception {
    Element body =
        Jsoup.parse(
                chromium(
                    List.of(
                        "--window-size=1280,1800",
                        "--dump-dom",
                        report.resolve(ReportRenderer.INDEX).toUri().toString())))
            .body();

    assertThat(body.attr("data-images-ok")).isEqualTo("true");
    assertThat(body.select("figure img").eachAttr("src"))
        .hasSize(6)
        .allSatisfy(s -> assertThat(s).endsWith(".svg"));
    assertThat(body.select("figure a.zoom").eachAttr("href"))
        .isEqualTo(body.select("figure img").eachAttr("src"));
    // the smallest chart text (tick labels) as rendered: font size x displayed width / natural
    // width
    double scale = Double.parseDouble(body.attr("data-chart-scale"));
    assertThat(Charts.SMALLEST_FONT_PX * scale)
        .as("rendered size of chart tick labels, px")
        .isGreaterThanOrEqualTo(10);
  }

  @Test
  void aMissingImageIsReportedByTheCheck() throws Exception {
    Path copy = temp.resolve("report");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(report)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Files.delete(copy.resolve("fig5_length.svg"));

    Element body = Jsoup.parse(dumpDom(copy.resolve(ReportRenderer.INDEX))).body();

    assertThat(body.attr("data-images-ok")).isEqualTo("false");
    assertThat(body.attr("data-broken")).isEqualTo("fig5_length.svg");
  }

  @Test
  void aScreenshotIsAPngOfTheRequestedWidth() throws Exception {
    Path png = temp.resolve("shot.png");
    chromium(
        List.of(
            "--screenshot=" + png,
            "--window-size=1280,1800",
            report.resolve(ReportRenderer.INDEX).toUri().toString()));
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(1800);
  }

  private String dumpDom(Path html) throws Exception {
    return chromium(List.of("--dump-dom", html.toUri().toString()));
  }

  /** Runs headless Chromium with a fresh profile; returns its stdout. */
  private String chromium(List<String> args) throws Exception {
    Path profile = Files.createTempDirectory(temp, "chromium-profile");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
    cmd.addAll(args);
    Path stdout = temp.resolve("chromium-" + System.nanoTime() + ".out");
    Path stderr = temp.resolve("chromium-" + System.nanoTime() + ".err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("Chromium did not finish within 120 s: " + String.join(" ", cmd));
    }
    assertThat(p.exitValue()).as("chromium exit code; stderr: " + tail(stderr)).isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
