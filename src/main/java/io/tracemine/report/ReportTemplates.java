package io.tracemine.report;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.SpecMustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The report's Mustache templates ({@code src/main/resources/report/*.mustache}, logic-less:
 * sections and values only), compiled once. {@code {{name}}} escapes with {@link Html#escape}, the
 * project's one HTML escaper ({@code & < > " '}, control characters as U+FFFD), so the page keeps
 * its bytes; Mustache.java's own escaper differs (it also writes {@code =} and backquotes as
 * entities, and does not turn control characters into U+FFFD). {@code {{{name}}}} inserts raw: the
 * templates use it only for the page's own CSS and scripts and for the search box's JSON, each with
 * a comment saying why. The spec-conforming factory drops the line of a standalone tag (section,
 * partial, comment), so the templates put one tag on a line without adding blank lines to the page.
 */
final class ReportTemplates {
  private static final Mustache PAGE = new Factory().compile("index.mustache");

  private ReportTemplates() {}

  /** The page {@code index.mustache} renders over {@code view}. */
  static String page(ReportView.Page view) {
    StringWriter out = new StringWriter(1 << 16);
    PAGE.execute(out, view);
    return out.toString();
  }

  private static final class Factory extends SpecMustacheFactory {
    Factory() {
      super("report");
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(Html.escape(value));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the report page", e);
      }
    }
  }
}
