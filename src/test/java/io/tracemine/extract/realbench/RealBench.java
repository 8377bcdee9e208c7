package io.tracemine.extract.realbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.ProfileExtractor;
import io.tracemine.extract.traceback.TraceExtractors;
import io.tracemine.extract.traceback.Traceback;
import io.tracemine.stats.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real-data benchmark: hand-labelled real Stack Overflow posts ({@code
 * src/test/resources/realbench/}, attributed in its {@code ATTRIBUTION.md}) scored against a
 * profile's extractor. Prints traceback- and frame-level recall and precision, exception-type and
 * message accuracy, overall and per paste format.
 *
 * <p>Matching, per post: each labelled traceback is paired with the unpaired extracted one that
 * shares the most frames (as multisets of file, line, function); a pair needs one shared frame, or
 * for frameless ones the same exception type. Frame recall = shared frames of the pairs / labelled
 * frames; frame precision = shared frames / extracted frames. Type accuracy = pairs with the same
 * exception type / pairs; message accuracy = pairs whose extracted message starts with the label
 * (whitespace collapsed) / pairs with a labelled message. The {@code paper} profile is scored on
 * what it can see by design: functions without brackets, and only labelled frames whose path has a
 * {@code /}, {@code \} or drive letter ({@code paperVisible} in the labels). The extractor is the
 * production one ({@link ProfileExtractor}, default repeat collapsing); only its Python tracebacks
 * are scored, JVM traces are counted in the {@code jvm} column.
 *
 * <p>Run: {@code mvn -o -q -Dtools.skip test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.tracemine.extract.realbench.RealBench} or through {@code RealBenchTest}.
 */
public final class RealBench {
  private static final String ROOT = "/realbench/";

  /** One labelled traceback. */
  record Label(String type, String message, List<String> frames, List<String> paperFrames) {}

  /** One labelled post: where its text is, its paste format, its tracebacks. */
  record Post(String id, String format, String kind, String text, List<Label> labels) {}

  /** Counts of one group of posts. */
  static final class Score {
    int posts;
    int labelled;
    int extracted;
    int paired;
    int labelledFrames;
    int extractedFrames;
    int sharedFrames;
    int typeRight;
    int withMessage;
    int messageRight;
    int jvm;

    void add(Score o) {
      jvm += o.jvm;
      posts += o.posts;
      labelled += o.labelled;
      extracted += o.extracted;
      paired += o.paired;
      labelledFrames += o.labelledFrames;
      extractedFrames += o.extractedFrames;
      sharedFrames += o.sharedFrames;
      typeRight += o.typeRight;
      withMessage += o.withMessage;
      messageRight += o.messageRight;
    }

    double traceRecall() {
      return ratio(paired, labelled);
    }

    double tracePrecision() {
      return ratio(paired, extracted);
    }

    double frameRecall() {
      return ratio(sharedFrames, labelledFrames);
    }

    double framePrecision() {
      return ratio(sharedFrames, extractedFrames);
    }

    double typeAccuracy() {
      return ratio(typeRight, paired);
    }

    double messageAccuracy() {
      return ratio(messageRight, withMessage);
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 1.0 : (double) a / b;
    }
  }

  private RealBench() {}

  /** The blind set: labelled by reading before the parser ran on it (docs/EXTRACT.md §8). */
  static final String BLIND = "blind/labels.json";

  /**
   * The second blind set: labelled by reading before the parser ran on it, from material the count
   * harnesses of sessions 17-20 had run over (docs/EXTRACT.md §8.7).
   */
  static final String BLIND2 = "blind2/labels.json";

  /** The session-23 shape set: one written body per paste shape (docs/EXTRACT.md §8.8). */
  static final String SHAPES23 = "shapes23/labels.json";

  /** Loads the labelled posts shipped in the test resources (the drafted set). */
  static List<Post> load() {
    return load("labels.json");
  }

  /** Loads the labelled posts of one label file under {@code src/test/resources/realbench/}. */
  static List<Post> load(String labelFile) {
    try {
      JsonNode root = new ObjectMapper().readTree(resource(labelFile));
      Map<String, String> flattened = flattenedRows();
      List<Post> posts = new ArrayList<>();
      for (JsonNode p : root.get("posts")) {
        String ref = p.get("post").asText();
        String text;
        String kind;
        if (ref.startsWith("simba:")) {
          text = flattened.get(ref.substring(6));
          kind = "text";
          if (text == null) {
            throw new IllegalStateException("Cannot load post " + ref + ": no such row");
          }
        } else {
          text = resource(ref);
          kind = "html";
        }
        List<Label> labels = new ArrayList<>();
        for (JsonNode t : p.get("tracebacks")) {
          List<String> frames = new ArrayList<>();
          List<String> paper = new ArrayList<>();
          for (JsonNode f : t.get("frames")) {
            frames.add(f.get(0).asText());
            if (f.size() > 1 && f.get(1).asBoolean()) {
              paper.add(paperFrame(f.get(0).asText()));
            }
          }
          labels.add(new Label(text(t, "type"), text(t, "message"), frames, paper));
        }
        posts.add(new Post(ref, p.get("format").asText(), kind, text, labels));
      }
      return posts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> flattenedRows() {
    Map<String, String> rows = new HashMap<>();
    String csv = resourceAt("/extract/so-flattened/traceback-rows.csv");
    for (Csv.Record r : Csv.parse(csv)) {
      rows.put(r.fields().get(0), r.fields().get(1));
    }
    return rows;
  }

  private static String resource(String name) {
    return resourceAt(ROOT + name);
  }

  private static String resourceAt(String path) {
    try (InputStream in = RealBench.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot read benchmark resource " + path + ": missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The blocks a post gives: its HTML blocks, or a flattened row as one CODE block. */
  static List<Block> blocks(Post p) {
    return p.kind().equals("html")
        ? HtmlBlocks.parse(p.text())
        : List.of(new Block(0, BlockKind.CODE, p.text()));
  }

  /** Scores {@code profile} per format; the key {@code "all"} holds the totals. */
  static Map<String, Score> score(List<Post> posts, String profile) {
    // as conf/profiles: the paper profile keeps every copy of a repeated frame
    int maxRepeats =
        profile.equals("paper")
            ? 0
            : io.tracemine.extract.ExtractConfig.defaults().maxFrameRepeats();
    var extractor = ProfileExtractor.of(profile, maxRepeats);
    boolean paper = profile.equals("paper");
    Map<String, Score> byFormat = new TreeMap<>();
    Score all = new Score();
    for (Post p : posts) {
      List<FoundTrace> traces = extractor.extract(blocks(p)).traces();
      // the labels are Python tracebacks; JVM traces (Py4J) are counted apart
      List<Traceback> found =
          traces.stream().filter(FoundTrace::isPython).map(FoundTrace::traceback).toList();
      Score s = scorePost(p, found, paper);
      s.jvm = (int) traces.stream().filter(t -> !t.isPython()).count();
      byFormat.computeIfAbsent(p.format(), k -> new Score()).add(s);
      all.add(s);
    }
    byFormat.put("all", all);
    return byFormat;
  }

  static Score scorePost(Post p, List<Traceback> found, boolean paper) {
    Score s = new Score();
    s.posts = 1;
    List<Label> labels =
        paper ? p.labels().stream().filter(l -> !l.paperFrames().isEmpty()).toList() : p.labels();
    s.labelled = labels.size();
    s.extracted = found.size();
    List<List<String>> extractedFrames = new ArrayList<>();
    for (Traceback t : found) {
      List<String> keys = t.frames().stream().map(RealBench::key).toList();
      extractedFrames.add(keys);
      s.extractedFrames += keys.size();
    }
    boolean[] used = new boolean[found.size()];
    for (Label l : labels) {
      List<String> want = paper ? l.paperFrames() : l.frames();
      s.labelledFrames += want.size();
      int best = -1;
      int bestShared = 0;
      for (int i = 0; i < found.size(); i++) {
        if (used[i]) {
          continue;
        }
        int shared = shared(want, extractedFrames.get(i));
        boolean frameless =
            want.isEmpty()
                && extractedFrames.get(i).isEmpty()
                && sameType(l.type(), found.get(i).exceptionType(), paper);
        if (shared > bestShared || (best < 0 && frameless)) {
          best = i;
          bestShared = shared;
        }
      }
      if (best < 0) {
        continue;
      }
      used[best] = true;
      Traceback t = found.get(best);
      s.paired++;
      s.sharedFrames += bestShared;
      if (sameType(l.type(), t.exceptionType(), paper)) {
        s.typeRight++;
      }
      if (l.message() != null) {
        s.withMessage++;
        if (t.message() != null && collapse(t.message()).startsWith(collapse(l.message()))) {
          s.messageRight++;
        }
      }
    }
    return s;
  }

  private static boolean sameType(String label, String found, boolean paper) {
    if (paper) {
      // the study keeps the last component of names matching [A-Z]\w+Error only
      String last = label == null ? null : label.substring(label.lastIndexOf('.') + 1);
      String want = last != null && last.matches("[A-Z]\\w+Error") ? last : null;
      return want == null ? found == null : want.equals(found);
    }
    return label == null ? found == null : label.equals(found);
  }

  private static String collapse(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Multiset intersection size. */
  static int shared(List<String> a, List<String> b) {
    Map<String, Integer> counts = new HashMap<>();
    for (String x : a) {
      counts.merge(x, 1, Integer::sum);
    }
    int n = 0;
    for (String y : b) {
      Integer c = counts.get(y);
      if (c != null && c > 0) {
        counts.put(y, c - 1);
        n++;
      }
    }
    return n;
  }

  /** {@code file:line:function}, the label's frame key (line empty when unknown). */
  static String key(Frame f) {
    return f.file() + ":" + (f.line() == null ? "" : f.line()) + ":" + f.function();
  }

  /** The paper profile writes {@code <module>} as {@code module}. */
  static String paperFrame(String key) {
    String[] parts = key.split(":", 3);
    String fn = parts[2];
    if (fn.length() > 2 && fn.startsWith("<") && fn.endsWith(">")) {
      fn = fn.substring(1, fn.length() - 1);
    }
    return parts[0] + ":" + parts[1] + ":" + fn;
  }

  /** Renders the scores as a table. */
  static String render(String profile, Map<String, Score> scores) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "profile %s%n", profile));
    b.append(
        String.format(
            Locale.ROOT,
            "%-36s %5s %5s %5s %7s %7s %7s %7s %6s %6s %4s%n",
            "format",
            "posts",
            "tbs",
            "found",
            "tb-rec",
            "tb-prec",
            "fr-rec",
            "fr-prec",
            "type",
            "msg",
            "jvm"));
    scores.forEach(
        (format, s) ->
            b.append(
                String.format(
                    Locale.ROOT,
                    "%-36s %5d %5d %5d %7.3f %7.3f %7.3f %7.3f %6.3f %6.3f %4d%n",
                    format,
                    s.posts,
                    s.labelled,
                    s.extracted,
                    s.traceRecall(),
                    s.tracePrecision(),
                    s.frameRecall(),
                    s.framePrecision(),
                    s.typeAccuracy(),
                    s.messageAccuracy(),
                    s.jvm)));
    return b.toString();
  }

  public static void main(String[] args) {
    List<Post> posts = load(args.length > 0 ? args[0] : "labels.json");
    int tracebacks = posts.stream().mapToInt(p -> p.labels().size()).sum();
    int frames =
        posts.stream().flatMap(p -> p.labels().stream()).mapToInt(l -> l.frames().size()).sum();
    System.out.printf(
        Locale.ROOT,
        "real posts: %d, labelled tracebacks: %d, frames: %d%n",
        posts.size(),
        tracebacks,
        frames);
    for (String profile : TraceExtractors.PROFILES) {
      System.out.println(render(profile, score(posts, profile)));
    }
  }
}
