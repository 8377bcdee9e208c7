package io.tracemine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The report's front-end files and data, read once from the classpath ({@code report/}): the page's
 * CSS and script, the column labels and the study's published figures.
 */
final class ReportResources {
  static final String CSS = text("report.css");
  static final String SCRIPT = text("report.js");
  static final String SEARCH_SCRIPT = text("search.js");
  static final Map<String, String> COLUMN_LABELS = properties("column-labels.properties");
  static final Map<String, String> STUDY = properties("study-published.properties");

  private ReportResources() {}

  private static InputStream open(String name) {
    InputStream in = ReportResources.class.getResourceAsStream("/report/" + name);
    if (in == null) {
      throw new IllegalStateException(
          "Missing report resource /report/" + name + " on the classpath");
    }
    return in;
  }

  static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read report resource /report/" + name, e);
    }
  }

  static Map<String, String> properties(String name) {
    Properties p = new Properties();
    try (InputStream in = open(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read report resource /report/" + name, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).trim()));
    return Collections.unmodifiableMap(out);
  }
}
