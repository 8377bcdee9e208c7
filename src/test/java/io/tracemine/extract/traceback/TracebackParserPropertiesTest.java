package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Seeded properties: the parser never throws, and well-formed tracebacks built from random frames
 * (all path styles) are recovered exactly: frames in order, exception, message and chain links,
 * both as printed and flattened onto one line.
 */
class TracebackParserPropertiesTest {
  private final TracebackParser parser = new TracebackParser();

  /** What the generator printed: frames as (raw path, line, function), exception, message. */
  record Printed(List<String[]> frames, String type, String message) {}

  @Property(tries = 300, seed = "20260101")
  void neverThrowsOnArbitraryStrings(@ForAll String text) {
    assertInvariants(parser.parse(text));
  }

  @Property(tries = 500, seed = "20260102")
  void neverThrowsOnMarkerSoup(@ForAll("soup") String text) {
    assertInvariants(parser.parse(text));
  }

  @Property(tries = 300, seed = "20260103")
  void recoversGeneratedChainsExactly(
      @ForAll("chains") List<Printed> chain, @ForAll("chainKinds") List<ChainKind> kinds) {
    String text = render(chain, kinds, "\n");
    List<Traceback> parsed = parser.parse(text);
    assertThat(parsed).hasSize(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      Traceback t = parsed.get(i);
      assertMatches(t, chain.get(i));
      assertThat(t.message()).isEqualTo(chain.get(i).message());
      assertThat(t.position()).isEqualTo(i);
      assertThat(t.chainedFrom()).isEqualTo(i == 0 ? null : i - 1);
      assertThat(t.chainKind()).isEqualTo(i == 0 ? null : kinds.get((i - 1) % kinds.size()));
    }
  }

  @Property(tries = 300, seed = "20260104")
  void recoversGeneratedTracebacksFlattenedOntoOneLine(
      @ForAll("chains") List<Printed> chain, @ForAll("chainKinds") List<ChainKind> kinds) {
    String text = "I ran it and got: " + render(chain, kinds, " ");
    List<Traceback> parsed = parser.parse(text);
    assertThat(parsed).hasSize(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      assertMatches(parsed.get(i), chain.get(i));
      assertThat(parsed.get(i).message()).isEqualTo(chain.get(i).message());
    }
  }

  /**
   * Also with every frame cut before its function by a narrow terminal ({@code x.py in} / {@code
   * f(…)}).
   */
  @Property(tries = 200, seed = "20260105")
  void recoversGeneratedIpythonTracebacks(
      @ForAll("ipythonFrames") List<String[]> frames,
      @ForAll("exceptionNames") String type,
      @ForAll boolean cutBeforeFunction) {
    StringBuilder b =
        new StringBuilder("-".repeat(75))
            .append('\n')
            .append(type)
            .append("                     Traceback (most recent call last)\n");
    for (String[] f : frames) {
      b.append(f[0])
          .append(cutBeforeFunction ? " in\n" : " in ")
          .append(f[2])
          .append("(self, x)\n")
          .append("      1 import numpy as np\n")
          .append("----> ")
          .append(f[1])
          .append("     y = call(x)\n")
          .append("      ")
          .append(Integer.parseInt(f[1]) + 1)
          .append(" return y\n\n");
    }
    b.append(type).append(": went wrong\n");
    Traceback t = parser.parse(b.toString()).get(0);
    assertMatches(t, new Printed(frames, type, "went wrong"));
    assertThat(t.message()).isEqualTo("went wrong");
  }

  @Provide
  Arbitrary<List<String[]>> ipythonFrames() {
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("_")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(s -> Character.isLetter(s.charAt(0)));
    Arbitrary<String> path =
        Combinators.combine(
                Arbitraries.of(
                    "/usr/lib/python3/site-packages/",
                    "C:\\Anaconda3\\lib\\",
                    "~/env/lib/",
                    "<ipython-input-"),
                name,
                Arbitraries.of(".py", ".pyc", ".pyx"))
            .as(
                (root, n, e) ->
                    root.equals("<ipython-input-") ? root + "4-" + n + ">" : root + n + e);
    return Combinators.combine(
            path,
            Arbitraries.integers().between(1, 9999),
            Arbitraries.oneOf(name, Arbitraries.of("<module>", "<listcomp>")))
        .as((p, l, f) -> new String[] {p, String.valueOf(l), f})
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  /**
   * A TF 2.0–2.3 {@code in user code:} listing ({@code /x/y.py:12 f *}, its source line below)
   * gives its frames as nested frames, the same as TF 2.4+'s listing of {@code File} lines, as
   * printed and flattened onto one line; the outer traceback keeps its own frame.
   */
  @Property(tries = 200, seed = "20261204")
  void tf23UserCodeListingsGiveTheirNestedFrames(
      @ForAll("ipythonFrames") List<String[]> listed,
      @ForAll boolean flattened,
      @ForAll("kerasMarks") String mark) {
    StringBuilder tf23 = new StringBuilder();
    StringBuilder tf24 = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (String[] f : listed) {
      String path = f[0].endsWith(".pyc") ? f[0].substring(0, f[0].length() - 1) : f[0];
      tf23.append("    ").append(path).append(':').append(f[1]).append(' ').append(f[2]);
      tf23.append(mark).append("\n        return step(x)\n");
      tf24.append("    File \"").append(path).append("\", line ").append(f[1]);
      tf24.append(", in ").append(f[2]).append(mark).append("\n        return step(x)\n");
      Frame frame = Frames.of(path, Integer.valueOf(f[1]), f[2]);
      expected.add(frame.file() + ":" + frame.line() + ":" + frame.function());
    }
    String head =
        "Traceback (most recent call last):\n"
            + "  File \"train.py\", line 9, in <module>\n"
            + "    model.fit(x)\n"
            + "ValueError: in user code:\n\n";
    String tail = "\n    ValueError: Shapes (None, 1) and (None, 3) are incompatible\n";
    for (StringBuilder listing : List.of(tf23, tf24)) {
      String text = head + listing + tail;
      if (flattened) {
        text = text.replaceAll("\\s*\n\\s*", " ");
      }
      List<Traceback> found = parser.parse(text);
      assertThat(found).as(text).hasSize(1);
      assertThat(found.get(0).frames()).extracting(Frame::file).containsExactly("train");
      assertThat(found.get(0).exceptionType()).isEqualTo("ValueError");
      assertThat(found.get(0).nestedFrames())
          .as(text)
          .extracting(f -> f.file() + ":" + f.line() + ":" + f.function())
          .containsExactlyElementsOf(expected);
    }
  }

  @Provide
  Arbitrary<String> kerasMarks() {
    return Arbitraries.of("", "  *", "  **");
  }

  /** Issue 10: the same chains, pasted the ways people paste them, are recovered exactly. */
  @Property(tries = 300, seed = "20261001")
  void recoversPastedChainsExactly(
      @ForAll("chains") List<Printed> chain,
      @ForAll("chainKinds") List<ChainKind> kinds,
      @ForAll("pastes") String paste) {
    String text = paste(render(chain, kinds, "\n"), paste);
    List<Traceback> parsed = parser.parse(text);
    assertThat(parsed).as(text).hasSize(chain.size());
    for (int i = 0; i < chain.size(); i++) {
      assertMatches(parsed.get(i), chain.get(i));
      assertThat(parsed.get(i).message()).isEqualTo(chain.get(i).message());
      assertThat(parsed.get(i).chainedFrom()).isEqualTo(i == 0 ? null : i - 1);
    }
  }

  /**
   * Joining consecutive blocks never merges separate tracebacks: each complete traceback in its own
   * block stays one instance, and one traceback cut into a paragraph per line is one again.
   */
  @Property(tries = 200, seed = "20261002")
  void joinsSplitTracebacksAndOnlyThose(
      @ForAll("chains") List<Printed> tracebacks, @ForAll boolean headerless) {
    TraceExtractor extractor = TraceExtractors.forProfile("default");
    List<io.tracemine.extract.html.Block> separate = new ArrayList<>();
    for (Printed p : tracebacks) {
      String one = render(List.of(p), List.of(ChainKind.DIRECT_CAUSE), "\n");
      if (headerless) {
        one = one.substring(one.indexOf('\n') + 1);
      }
      separate.add(
          new io.tracemine.extract.html.Block(
              separate.size(), io.tracemine.extract.html.BlockKind.CODE, one));
    }
    List<FoundTrace> found = extractor.extract(separate).traces();
    assertThat(found).hasSize(tracebacks.size());
    for (int i = 0; i < tracebacks.size(); i++) {
      assertMatches(found.get(i).traceback(), tracebacks.get(i));
    }
    String one = render(List.of(tracebacks.get(0)), List.of(ChainKind.DIRECT_CAUSE), "\n");
    List<io.tracemine.extract.html.Block> paragraphs = new ArrayList<>();
    for (String line : one.split("\n")) {
      paragraphs.add(
          new io.tracemine.extract.html.Block(
              paragraphs.size(), io.tracemine.extract.html.BlockKind.TEXT, line.strip()));
    }
    List<FoundTrace> joined = extractor.extract(paragraphs).traces();
    assertThat(joined).hasSize(1);
    assertMatches(joined.get(0).traceback(), tracebacks.get(0));
  }

  /**
   * Prose never yields frames, whatever the added tolerance looks for: typographic quotes, line
   * prefixes, escaped entities, wrapped "line N, in" fragments, nested-listing intros, exception
   * group separators. (Prose here never holds a frame's own shape: no {@code File} followed by a
   * quote, no {@code in <…>} or {@code in ()} alone.)
   */
  @Property(tries = 500, seed = "20261003")
  void proseNeverYieldsFrames(@ForAll("prose") String text) {
    List<Traceback> found = parser.parse(text);
    assertThat(found.stream().mapToInt(t -> t.frames().size()).sum()).as(text).isZero();
    assertThat(found.stream().mapToInt(t -> t.nestedFrames().size()).sum()).isZero();
    TraceExtractor extractor = TraceExtractors.forProfile("default");
    List<io.tracemine.extract.html.Block> blocks = new ArrayList<>();
    for (String para : text.split("\n\n")) {
      blocks.add(
          new io.tracemine.extract.html.Block(
              blocks.size(), io.tracemine.extract.html.BlockKind.TEXT, para));
    }
    assertThat(
            extractor.extract(blocks).traces().stream()
                .mapToInt(t -> t.traceback().frames().size())
                .sum())
        .isZero();
  }

  @Provide
  Arbitrary<String> prose() {
    return Arbitraries.of(
            "the",
            "model",
            "in",
            "line",
            "line 7,",
            "42,",
            "error",
            "Traceback",
            "(most",
            "recent",
            "call",
            "last)",
            "\u201c",
            "\u201d",
            "\u00ab",
            "\u00bb",
            "'",
            "\"",
            "> ",
            ">> ",
            "| ",
            "12 |",
            "defined at:",
            "in user code:",
            "Graph execution error:",
            "...",
            "&quot;",
            "&lt;",
            "&gt;",
            "+-+---- 1 ----",
            "+------",
            "Exception",
            "Group",
            "During",
            "handling",
            "Cell",
            "Input",
            "In",
            "ValueError:",
            "[stderr]",
            "2023-01-05",
            "10:00:01,123",
            "ERROR",
            "worker:",
            "*",
            "**",
            "-->",
            "Node:",
            "file",
            "Files",
            "File menu",
            "/home/u/x.py",
            "train.py,",
            "\n",
            "\n",
            "\n\n",
            "  ",
            "    ")
        .list()
        .ofMaxSize(60)
        .map(l -> String.join(" ", l));
  }

  @Provide
  Arbitrary<String> pastes() {
    return Arbitraries.of(
        "typographic",
        "guillemets",
        "quoted",
        "double-quoted",
        "log",
        "stderr",
        "numbered",
        "escaped",
        "wrapped",
        "cut-names",
        "console-colours",
        "escaped-colours",
        "loguru-mark");
  }

  /** Applies one way of pasting to a rendered traceback. */
  private static String paste(String text, String how) {
    return switch (how) {
      case "typographic" ->
          text.replace("File \"", "File \u201c").replace("\", line", "\u201d, line");
      case "guillemets" ->
          text.replace("File \"", "File \u00ab").replace("\", line", "\u00bb, line");
      case "quoted" -> prefixLines(text, n -> "> ");
      case "double-quoted" -> prefixLines(text, n -> ">> ");
      case "log" -> prefixLines(text, n -> "2023-01-05 10:00:" + (10 + n % 50) + ",123 ERROR w: ");
      case "stderr" -> prefixLines(text, n -> "[stderr] ");
      case "numbered" -> prefixLines(text, n -> (n + 1) + " | ");
      case "escaped" -> text.replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
      // a terminal cutting each function name after its first character
      case "cut-names" ->
          text.replaceAll("(?m)^(  File \"[^\"\\n]*\", line \\d+, in \\w)(\\w+)$", "$1\n$2");
      // session 23: colour codes whose ESC the Windows console or a dump printed as text
      case "console-colours" -> colourLines(text, "\u2190");
      case "escaped-colours" -> colourLines(text, "\\x1b");
      // loguru marks the frame that was running
      case "loguru-mark" -> text.replaceFirst("(?m)^  File ", "> File ");
      default -> text.replace("  File \"", "  File\n\"").replace("\", line ", "\",\nline ");
    };
  }

  private static String colourLines(String text, String esc) {
    String[] lines = text.split("\n", -1);
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append(esc).append("[0;31m").append(line).append(esc).append("[0m").append('\n');
    }
    return b.toString();
  }

  private static String prefixLines(String text, java.util.function.IntFunction<String> prefix) {
    String[] lines = text.split("\n", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      b.append(prefix.apply(i)).append(lines[i]).append('\n');
    }
    return b.toString();
  }

  @Provide
  Arbitrary<String> exceptionNames() {
    return exceptionName();
  }

  private static void assertMatches(Traceback t, Printed p) {
    List<Frame> expected = new ArrayList<>();
    for (String[] f : p.frames()) {
      expected.add(Frames.of(f[0], Integer.valueOf(f[1]), f[2]));
    }
    assertThat(t.frames()).containsExactlyElementsOf(expected);
    assertThat(t.exceptionType()).isEqualTo(p.type());
  }

  private static String render(List<Printed> chain, List<ChainKind> kinds, String nl) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < chain.size(); i++) {
      if (i > 0) {
        ChainKind k = kinds.get((i - 1) % kinds.size());
        b.append(nl)
            .append(k == ChainKind.DURING_HANDLING ? TraceLexer.DURING : TraceLexer.CAUSE)
            .append(':')
            .append(nl)
            .append(nl);
      }
      b.append("Traceback (most recent call last):").append(nl);
      int n = 0;
      for (String[] f : chain.get(i).frames()) {
        b.append("  File \"")
            .append(f[0])
            .append("\", line ")
            .append(f[1])
            .append(", in ")
            .append(f[2])
            .append(nl)
            .append("    result_")
            .append(n++)
            .append(" = call(x, y)")
            .append(nl);
      }
      Printed p = chain.get(i);
      b.append(p.type()).append(p.message() == null ? "" : ": " + p.message()).append(nl);
    }
    return b.toString();
  }

  private static void assertInvariants(List<Traceback> all) {
    for (int i = 0; i < all.size(); i++) {
      Traceback t = all.get(i);
      assertThat(t.position()).isEqualTo(i);
      if (t.chainedFrom() != null) {
        assertThat(t.chainedFrom()).isLessThan(i);
        assertThat(t.chainKind()).isNotNull();
      }
      assertThat(t.frames().isEmpty() && t.exceptionType() == null).isFalse();
      for (Frame f : t.frames()) {
        assertThat(f.function()).isNotEmpty();
        assertThat(f.file()).isEqualTo(Frames.fileOf(f.rawPath()));
        assertThat(f.pathStyle()).isEqualTo(Frames.styleOf(f.rawPath()));
      }
    }
  }

  @Provide
  Arbitrary<List<Printed>> chains() {
    return printed().list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<ChainKind>> chainKinds() {
    return Arbitraries.of(ChainKind.DURING_HANDLING, ChainKind.DIRECT_CAUSE)
        .list()
        .ofMinSize(1)
        .ofMaxSize(2);
  }

  private Arbitrary<Printed> printed() {
    Arbitrary<String> message =
        Arbitraries.strings()
            .withChars("abcdefgh xyz,.()'0123456789")
            .ofMinLength(1)
            .ofMaxLength(60)
            .map(String::strip)
            .filter(s -> !s.isEmpty() && !s.endsWith(":"));
    return Combinators.combine(
            frame().list().ofMinSize(1).ofMaxSize(8), exceptionName(), message.injectNull(0.3))
        .as(Printed::new);
  }

  private Arbitrary<String[]> frame() {
    Arbitrary<String> dir =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("_-.0123456789")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(s -> Character.isLetter(s.charAt(0)));
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("_0123456789")
            .ofMinLength(1)
            .ofMaxLength(10)
            .filter(s -> Character.isLetter(s.charAt(0)));
    Arbitrary<String> ext =
        Arbitraries.of(".py", ".pyc", ".pyx", ".so", ".pyi", ".pxd", "", ".txt");
    Arbitrary<String> path =
        Combinators.combine(
                Arbitraries.of("/", "~/", "C:\\", "C:/", "\\\\srv\\", "", "rel/", "..\\"),
                dir.list().ofMaxSize(4),
                name,
                ext,
                Arbitraries.of('/', '\\'))
            .as(
                (root, dirs, n, e, sep) -> {
                  String s =
                      root.equals("C:\\") || root.equals("\\\\srv\\") || root.equals("..\\")
                          ? "\\"
                          : root.isEmpty() ? String.valueOf(sep) : "/";
                  return root + String.join(s, dirs) + (dirs.isEmpty() ? "" : s) + n + e;
                });
    Arbitrary<String> special =
        Arbitraries.of(
            "<stdin>",
            "<string>",
            "<frozen importlib._bootstrap>",
            "<ipython-input-12-a1b2c3d4>",
            "/tmp/ipykernel_123/456.py",
            "<decorator-gen-7>");
    Arbitrary<String> function =
        Arbitraries.oneOf(
            name,
            Arbitraries.of(
                "<module>",
                "<listcomp>",
                "<lambda>",
                "<genexpr>",
                "__init__",
                "pandas._libs.index.IndexEngine.get_loc",
                "error_handler.<locals>.inner"));
    return Combinators.combine(
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, path), net.jqwik.api.Tuple.of(1, special)),
            Arbitraries.integers().between(1, 99_999),
            function)
        .as((p, l, f) -> new String[] {p, String.valueOf(l), f});
  }

  private Arbitrary<String> exceptionName() {
    return Arbitraries.of(
        "ValueError",
        "KeyError",
        "RuntimeError",
        "StopIteration",
        "Timeout",
        "KeyboardInterrupt",
        "UserWarning",
        "Exception",
        "socket.timeout",
        "tensorflow.python.framework.errors_impl.InvalidArgumentError",
        "MyCustomException",
        "torch.cuda.OutOfMemoryError");
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(
            "File \"",
            "\", line ",
            "12",
            ", in ",
            "in ",
            " in ",
            "f",
            "<module>",
            "<",
            ">",
            "(",
            ")",
            "\n",
            "\n\n",
            "  ",
            "Traceback (most recent call last):",
            TraceLexer.DURING,
            TraceLexer.CAUSE,
            ":",
            "ValueError",
            ": msg",
            "Cell In[",
            "]",
            "Input In [",
            "\u001b[0;31m",
            "[0m",
            "\\n",
            "last):\\n",
            "~/",
            "C:\\",
            "/x/y.py",
            "^^^",
            "---->",
            "-->",
            "...",
            "[Previous line repeated 5 more times]",
            "File ",
            ":70",
            "x.pyc",
            "\"",
            "'",
            ">>> ",
            "\r")
        .list()
        .ofMaxSize(40)
        .map(l -> String.join("", l));
  }
}
