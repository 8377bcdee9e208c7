package io.tracemine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.AbstractCategoryItemRenderer;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The report's charts, drawn with JFreeChart (headless) and written as SVG (JFreeSVG): vector
 * output, so text stays sharp at any zoom; the page shows each at its natural size. Every chart is
 * always written, showing "No data" when the run produced none, so the report's layout does not
 * depend on the data. Libraries keep one colour across charts (Okabe-Ito palette, colour-blind
 * safe).
 */
public final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 520;

  /** Library colours in order; the notebook copies them (NotebookTest checks). */
  private static final Color[] PALETTE = {
    new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0x56B4E9), new Color(0xD55E00), new Color(0x000000), new Color(0xF0E442)
  };

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  /** Smallest font size drawn in a chart (tick labels), in pixels at natural size. */
  static final int SMALLEST_FONT_PX = 13;

  private static final Stroke[] DASHES = {
    new BasicStroke(2.4f),
    new BasicStroke(
        2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {9f, 5f}, 0f),
    new BasicStroke(
        2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2.5f, 3.5f}, 0f)
  };
  private static final double VIEWS_FLOOR = 1;
  private static final double HOURS_FLOOR = 0.01;

  private final List<String> libraries;

  /** {@code libraries}: every library of the run, in display order (fixes each one's colour). */
  public Charts(List<String> libraries) {
    this.libraries = List.copyOf(libraries);
  }

  /** Writes every chart into {@code dir} and returns them in display order. */
  public List<ChartImage> writeAll(ReportData data, Path dir) {
    List<ChartImage> out = new ArrayList<>();
    out.add(
        write(
            dir,
            "rq1_views",
            "Views: questions with vs without a stack trace",
            "Views of questions with a code block, with vs without a stack trace (the groups of"
                + " Table 3). Box: quartiles and median; whiskers: 5th-95th percentiles; log scale,"
                + " 0 drawn as 1.",
            box(data, "views", "views (log scale)", VIEWS_FLOOR)));
    out.add(
        write(
            dir,
            "rq1_first_answer",
            "Hours to the first answer",
            "Hours from question to first answer among answered questions with a code block, with"
                + " vs without a stack trace (the groups of Table 4). Box: quartiles and median;"
                + " whiskers: 5th-95th percentiles; log scale, values below 0.01 h drawn at 0.01.",
            box(data, "hours_to_first_answer", "hours (log scale)", HOURS_FLOOR)));
    out.add(
        write(
            dir,
            "fig4_support",
            "Fig. 4: cumulative % of patterns by support",
            "Share of each library's patterns whose support is at most x (table"
                + " fig4_support_distribution; min-support-1 patterns when mined, as in the"
                + " paper).",
            cumulative(
                data.table("fig4_support_distribution"),
                "support",
                "support (log scale)",
                "cumulative_pct",
                "% of patterns",
                true)));
    out.add(
        write(
            dir,
            "fig5_length",
            "Fig. 5: cumulative % of patterns by length",
            "Share of each library's patterns with at most x frames (table"
                + " fig5_length_distribution).",
            cumulative(
                data.table("fig5_length_distribution"),
                "length",
                "pattern length (frames)",
                "cumulative_pct",
                "% of patterns",
                false)));
    out.add(
        write(
            dir,
            "fig6_topk",
            "Fig. 6: questions covered by the top patterns",
            "Patterns sorted by support; x: % of a library's patterns taken from the top (log"
                + " scale, so the few top patterns of a large run stay visible), y: % of its"
                + " questions with a trace that contain at least one of them (table"
                + " fig6_topk_coverage). Dashed and dotted lines keep overlapping libraries apart.",
            cumulative(
                data.table("fig6_topk_coverage"),
                "patterns_pct",
                "% of patterns, top by support (log scale)",
                "questions_covered_pct",
                "% of questions covered",
                true)));
    out.add(
        write(
            dir,
            "fig7_pairs",
            "Fig. 7: patterns shared by library pairs",
            "Patterns (identical item lists) found in exactly these two libraries, the study's"
                + " count (table fig7_library_pairs, column shared_exactly_two); colour scale on"
                + " the right (square root).",
            heatmap(data.table("fig7_library_pairs"))));
    if (data.table("period_questions") != null) {
      out.add(
          write(
              dir,
              "trends",
              "Trends: questions with a stack trace per period",
              "Questions with a Python stack trace created in each period (year or quarter,"
                  + " stats.period), per library (table period_questions, column"
                  + " questions_with_trace).",
              trends(data.table("period_questions"))));
    }
    return out;
  }

  /** One line per library over the periods, in period order (a category axis). */
  private JFreeChart trends(DataTable t) {
    DefaultCategoryDataset ds = new DefaultCategoryDataset();
    TreeSet<String> periods = new TreeSet<>();
    Map<String, Map<String, Double>> byLibrary = new TreeMap<>(this::compareLibraries);
    for (List<Object> row : t.rows()) {
      String lib = t.text(row, "library");
      String period = t.text(row, "period");
      double y = t.number(row, "questions_with_trace");
      if (lib == null || period == null || DataTable.ALL.equals(lib) || Double.isNaN(y)) {
        continue;
      }
      periods.add(period);
      byLibrary.computeIfAbsent(lib, l -> new TreeMap<>()).put(period, y);
    }
    // every library gets a value (0) in every period, so its line never breaks or shifts
    byLibrary.forEach(
        (lib, values) -> periods.forEach(p -> ds.addValue(values.getOrDefault(p, 0.0), lib, p)));
    CategoryAxis xAxis = new CategoryAxis("period of question creation");
    xAxis.setTickLabelFont(TICK);
    xAxis.setLabelFont(LABEL);
    xAxis.setMaximumCategoryLabelLines(2);
    NumberAxis yAxis = new NumberAxis("questions with a stack trace");
    yAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    // one period has no line to draw, and its markers would sit on one another: a bar per library
    AbstractCategoryItemRenderer renderer;
    if (periods.size() == 1) {
      BarRenderer bars = new BarRenderer();
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setItemMargin(0.05);
      bars.setMaximumBarWidth(0.15);
      renderer = bars;
    } else {
      renderer = new LineAndShapeRenderer(true, true);
    }
    CategoryPlot plot = new CategoryPlot(ds, xAxis, yAxis, renderer);
    for (int i = 0; i < ds.getRowCount(); i++) {
      String lib = (String) ds.getRowKey(i);
      renderer.setSeriesPaint(i, colour(lib));
      renderer.setSeriesStroke(i, DASHES[Math.max(0, libraries.indexOf(lib)) % DASHES.length]);
    }
    return style(new JFreeChart(null, TITLE, plot, true), plot);
  }

  private static ChartImage write(
      Path dir, String id, String title, String caption, JFreeChart chart) {
    chart.setTitle(new TextTitle(title, TITLE));
    String file = id + ".svg";
    int height =
        chart.getPlot() instanceof XYPlot p && p.getRenderer() instanceof XYBlockRenderer
            ? 640
            : HEIGHT;
    int width = height == 640 ? 820 : WIDTH;
    try {
      SVGGraphics2D g = new SVGGraphics2D(width, height);
      g.setDefsKeyPrefix("_" + id); // the default is time-based: a rerun would differ in every file
      chart.draw(g, new Rectangle(0, 0, width, height));
      SVGUtils.writeToSVG(dir.resolve(file).toFile(), g.getSVGElement());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write chart " + dir.resolve(file), e);
    }
    return new ChartImage(id, file, title, caption, width, height);
  }

  Color colour(String library) {
    int i = libraries.indexOf(library);
    return i < 0 ? Color.GRAY : PALETTE[i % PALETTE.length];
  }

  private JFreeChart cumulative(
      DataTable t, String xColumn, String xLabel, String yColumn, String yLabel, boolean logX) {
    XYSeriesCollection series = new XYSeriesCollection();
    if (t != null) {
      Map<String, XYSeries> byLibrary = new TreeMap<>(this::compareLibraries);
      for (List<Object> row : t.rows()) {
        String lib = t.text(row, "library");
        double x = t.number(row, xColumn);
        double y = t.number(row, yColumn);
        if (lib == null
            || DataTable.ALL.equals(lib)
            || Double.isNaN(x)
            || Double.isNaN(y)
            || (logX && x <= 0)) {
          continue;
        }
        byLibrary.computeIfAbsent(lib, l -> new XYSeries(l, true, true)).addOrUpdate(x, y);
      }
      byLibrary.values().forEach(series::addSeries);
    }
    ValueAxis xAxis;
    if (logX) {
      xAxis = decadeAxis(xLabel);
    } else {
      NumberAxis n = new NumberAxis(xLabel);
      n.setAutoRangeIncludesZero(true);
      if (xColumn.endsWith("_pct")) {
        n.setRange(0, 101);
        n.setTickUnit(new NumberTickUnit(10));
      }
      xAxis = n;
    }
    NumberAxis yAxis = new NumberAxis(yLabel);
    yAxis.setRange(0, 102);
    yAxis.setTickUnit(new NumberTickUnit(10));
    XYStepRenderer renderer = new XYStepRenderer();
    XYPlot plot = new XYPlot(series, xAxis, yAxis, renderer);
    // the later (usually smaller) libraries are drawn on top, with their own dash pattern
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    for (int i = 0; i < series.getSeriesCount(); i++) {
      String lib = (String) series.getSeriesKey(i);
      renderer.setSeriesPaint(i, colour(lib));
      int index = Math.max(0, libraries.indexOf(lib));
      renderer.setSeriesStroke(i, DASHES[index % DASHES.length]);
    }
    return style(new JFreeChart(null, TITLE, plot, true), plot);
  }

  private int compareLibraries(String a, String b) {
    int ia = libraries.indexOf(a);
    int ib = libraries.indexOf(b);
    if (ia != ib) {
      return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
    }
    return a.compareTo(b);
  }

  private JFreeChart box(ReportData data, String variable, String yLabel, double floor) {
    DefaultBoxAndWhiskerCategoryDataset ds = new DefaultBoxAndWhiskerCategoryDataset();
    List<Distribution> rows = new ArrayList<>();
    for (Distribution d : data.distributions()) {
      if (d.variable().equals(variable) && d.n() > 0 && !DataTable.ALL.equals(d.library())) {
        rows.add(d);
      }
    }
    rows.sort((a, b) -> compareLibraries(a.library(), b.library()));
    for (String group : List.of(Distribution.WITH_TRACE, Distribution.WITHOUT_TRACE)) {
      for (Distribution d : rows) {
        if (d.group().equals(group)) {
          double lo = Math.max(d.p05(), floor);
          double hi = Math.max(d.p95(), floor);
          ds.add(
              new BoxAndWhiskerItem(
                  Math.max(d.median(), floor),
                  Math.max(d.median(), floor),
                  Math.max(d.q1(), floor),
                  Math.max(d.q3(), floor),
                  lo,
                  hi,
                  lo,
                  hi,
                  List.of()),
              group,
              d.library());
        }
      }
    }
    LogarithmicAxis yAxis = logAxis(yLabel);
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setMeanVisible(false);
    renderer.setMaxOutlierVisible(false);
    renderer.setMinOutlierVisible(false);
    renderer.setFillBox(true);
    renderer.setMaximumBarWidth(0.06);
    renderer.setSeriesPaint(0, new Color(0xD55E00));
    renderer.setSeriesPaint(1, new Color(0x56B4E9));
    renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
    renderer.setUseOutlinePaintForWhiskers(true);
    CategoryAxis xAxis = new CategoryAxis("library");
    xAxis.setMaximumCategoryLabelLines(2);
    CategoryPlot plot = new CategoryPlot(ds, xAxis, yAxis, renderer);
    xAxis.setTickLabelFont(TICK);
    xAxis.setLabelFont(LABEL);
    return style(new JFreeChart(null, TITLE, plot, true), plot);
  }

  private JFreeChart heatmap(DataTable t) {
    TreeSet<String> present = new TreeSet<>(this::compareLibraries);
    Map<String, Double> values = new TreeMap<>();
    double max = 0;
    if (t != null) {
      for (List<Object> row : t.rows()) {
        String a = t.text(row, "library_a");
        String b = t.text(row, "library_b");
        double v = t.number(row, "shared_exactly_two");
        if (a == null || b == null || Double.isNaN(v)) {
          continue;
        }
        present.add(a);
        present.add(b);
        values.put(a + "\u0000" + b, v);
        values.put(b + "\u0000" + a, v);
        max = Math.max(max, v);
      }
    }
    List<String> names = new ArrayList<>(present);
    int n = names.size();
    DefaultXYZDataset ds = new DefaultXYZDataset();
    SymbolAxis xAxis = new SymbolAxis(null, names.toArray(String[]::new));
    SymbolAxis yAxis = new SymbolAxis(null, names.toArray(String[]::new));
    XYBlockRenderer renderer = new XYBlockRenderer();
    XYPlot plot = new XYPlot(null, xAxis, yAxis, renderer);
    if (n > 0) {
      double[][] xyz = new double[3][n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          int k = i * n + j;
          xyz[0][k] = i;
          xyz[1][k] = j;
          xyz[2][k] =
              i == j ? -1 : values.getOrDefault(names.get(i) + "\u0000" + names.get(j), 0.0);
          if (i != j) {
            double v = xyz[2][k];
            XYTextAnnotation label = new XYTextAnnotation(Format.integer((long) v), i, j);
            label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            label.setPaint(v > max * 0.55 ? Color.WHITE : Color.BLACK);
            label.setTextAnchor(TextAnchor.CENTER);
            plot.addAnnotation(label);
          }
        }
      }
      ds.addSeries("shared", xyz);
      plot.setDataset(ds);
    }
    renderer.setPaintScale(new HeatScale(max));
    NumberAxis scaleAxis = new NumberAxis("patterns shared");
    scaleAxis.setTickLabelFont(TICK);
    scaleAxis.setLabelFont(LABEL);
    scaleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    scaleAxis.setRange(0, Math.max(max, 1));
    PaintScaleLegend scale = new PaintScaleLegend(new HeatScale(max).counts(), scaleAxis);
    scale.setPosition(RectangleEdge.RIGHT);
    scale.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    scale.setStripWidth(16);
    scale.setMargin(new RectangleInsets(8, 12, 8, 4));
    xAxis.setTickLabelFont(TICK);
    yAxis.setTickLabelFont(TICK);
    xAxis.setVerticalTickLabels(true);
    xAxis.setGridBandsVisible(false);
    yAxis.setGridBandsVisible(false);
    yAxis.setInverted(true);
    JFreeChart chart = style(new JFreeChart(null, TITLE, plot, false), plot);
    chart.addSubtitle(scale);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return chart;
  }

  /** White to dark blue by the square root of the count; the diagonal (value -1) is light grey. */
  static final class HeatScale implements PaintScale {
    private final double max;

    HeatScale(double max) {
      this.max = max;
    }

    /** The same colours over the counts only (0..max), for the colour-scale legend. */
    PaintScale counts() {
      HeatScale outer = this;
      return new PaintScale() {
        @Override
        public double getLowerBound() {
          return 0;
        }

        @Override
        public double getUpperBound() {
          return outer.getUpperBound();
        }

        @Override
        public Paint getPaint(double value) {
          return outer.getPaint(Math.max(0, value));
        }
      };
    }

    @Override
    public double getLowerBound() {
      return -1;
    }

    @Override
    public double getUpperBound() {
      return Math.max(max, 1);
    }

    @Override
    public Paint getPaint(double value) {
      if (value < 0) {
        return new Color(0xEEEEEE);
      }
      double f = max <= 0 ? 0 : Math.sqrt(Math.min(value, max) / max);
      Color lo = new Color(0xF7FBFF);
      Color hi = new Color(0x08306B);
      return new Color(
          (int) Math.round(lo.getRed() + f * (hi.getRed() - lo.getRed())),
          (int) Math.round(lo.getGreen() + f * (hi.getGreen() - lo.getGreen())),
          (int) Math.round(lo.getBlue() + f * (hi.getBlue() - lo.getBlue())));
    }
  }

  private static JFreeChart style(JFreeChart chart, Plot plot) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 16));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setNoDataMessage("No data in this run");
    plot.setNoDataMessageFont(LABEL);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(new Color(0xDDDDDD));
      xy.setRangeGridlinePaint(new Color(0xDDDDDD));
      xy.setDomainGridlineStroke(new BasicStroke(1f));
      xy.setRangeGridlineStroke(new BasicStroke(1f));
      font(xy.getDomainAxis());
      font(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot cat) {
      cat.setRangeGridlinePaint(new Color(0xDDDDDD));
      cat.setRangeGridlineStroke(new BasicStroke(1f));
      font(cat.getRangeAxis());
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(BlockBorder.NONE);
      legend.setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  /** Log scale with ticks at 1, 2, 5 x powers of ten, labelled as plain numbers. */
  private static LogarithmicAxis logAxis(String label) {
    LogarithmicAxis axis = new LogarithmicAxis(label);
    axis.setStrictValuesFlag(false);
    axis.setExpTickLabelsFlag(false);
    axis.setLog10TickLabelsFlag(false);
    axis.setAutoRangeNextLogFlag(false);
    return axis;
  }

  /**
   * Log scale with a labelled tick at each power of ten (1, 10, 100, 1,000, ...), never dropped.
   */
  private static LogAxis decadeAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setTickUnit(new NumberTickUnit(1), false, false);
    axis.setAutoTickUnitSelection(false);
    axis.setMinorTickCount(9);
    axis.setMinorTickMarksVisible(true);
    axis.setNumberFormatOverride(
        new java.text.DecimalFormat(
            "#,##0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH)));
    axis.setSmallestValue(1e-4);
    return axis;
  }

  private static void font(ValueAxis axis) {
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(TICK);
  }
}
