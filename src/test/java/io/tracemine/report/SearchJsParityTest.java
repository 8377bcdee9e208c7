package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracemine.extract.html.Block;
import io.tracemine.extract.html.BlockKind;
import io.tracemine.extract.html.HtmlBlocks;
import io.tracemine.extract.traceback.FoundTrace;
import io.tracemine.extract.traceback.Frame;
import io.tracemine.extract.traceback.TraceExtractors;
import io.tracemine.extract.traceback.Traceback;
import io.tracemine.stats.Csv;
import io.tracemine.testing.BundledCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The report's search box parses a paste as {@code match} does: {@code search.js}'s parser (run by
 * Node.js) gives the same tracebacks as the Java extractor ({@link TraceExtractors}, the paste as
 * one code block, as {@code TraceQuery} reads text that is not HTML) with the same profile: same
 * order, frames (raw path, normalised file, line, function, path style, repeats), nested listings,
 * exception type and message, chain links. The Java parser is the oracle. Inputs: every block of
 * the bundled corpus, real tracebacks and flattened real posts (src/test/resources, see their
 * ATTRIBUTION.md), real exception messages, and generated tracebacks in every format the Java
 * parser reads, also with random edits. Prints the parity figures quoted in docs/MATCH.md.
 */
@AddLifecycleHook(SearchJsParityTest.NodeRequired.class)
class SearchJsParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROFILES = TraceExtractors.PROFILES;
  private static SearchJsNode node;

  /** Real Stack Overflow pages (src/test/resources/realbench/ATTRIBUTION.md). */
  static final List<String> REAL_PAGES =
      List.of(
          "allennlp-jupyterlab-prefixed",
          "allennlp-pip-jsonnet",
          "allennlp-seq2seq-keyerror",
          "spacy-oserror-ipython",
          "tkinter-mysql-windows",
          "transformers-local-pretrained");

  /** Skips the class where Node.js is missing, except in CI (.ci/install-tools installs it). */
  static final class NodeRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      if (SearchJsNode.available() || System.getenv("CI") != null) {
        return SkipResult.doNotSkip();
      }
      return SkipResult.skip(
          "No " + SearchJsNode.NODE + ": install nodejs (.ci/install-tools does) to run it");
    }
  }

  @BeforeContainer
  static void startNode() throws IOException {
    if (!SearchJsNode.available()) {
      throw new IllegalStateException(
          "Cannot run the search.js parity check: "
              + SearchJsNode.NODE
              + " is missing; install nodejs (.ci/install-tools does)");
    }
    node = new SearchJsNode();
  }

  @AfterContainer
  static void stopNode() throws IOException {
    if (node != null) {
      node.close();
    }
  }

  @Example
  void everyBlockOfTheBundledCorpusParsesAlike() throws Exception {
    Tally tally = new Tally("bundled corpus blocks");
    for (String body : BundledCorpus.bodies()) {
      for (Block b : HtmlBlocks.parse(body)) {
        compare(b.text(), "default", tally);
        if (b.kind() == BlockKind.CODE) {
          compare(b.text(), "paper", tally);
        }
      }
    }
    tally.print();
    assertThat(tally.tracebacks).isGreaterThanOrEqualTo(600);
    tally.assertNoMismatch();
  }

  /**
   * The question bodies of the real-data blind sets: 40 of the first (docs/EXTRACT.md §8.1) and 68
   * of the second (§8.7); and the 37 written bodies of the session-23 shape set (§8.8).
   */
  private static List<String> blindBodies() throws IOException {
    List<String> bodies = new ArrayList<>();
    for (String set : List.of("blind", "blind2", "shapes23")) {
      JsonNode labels = new ObjectMapper().readTree(resource("/realbench/" + set + "/labels.json"));
      for (JsonNode p : labels.get("posts")) {
        bodies.add(resource("/realbench/" + p.get("post").asText()));
      }
    }
    return bodies;
  }

  @Example
  void everyPostOfTheBundledCorpusParsesAlikeFromItsBlocks() throws Exception {
    // blocks continuing one traceback are joined (default profile); the paper profile decides the
    // path style on the post's first styled frame
    Tally tally = new Tally("bundled corpus posts (HtmlBlocks' blocks)");
    for (String body : BundledCorpus.bodies()) {
      compareBlocks(HtmlBlocks.parse(body), tally);
    }
    for (String page : REAL_PAGES) {
      compareBlocks(HtmlBlocks.parse(resource("/realbench/html/" + page + ".html")), tally);
    }
    for (String body : blindBodies()) {
      compareBlocks(HtmlBlocks.parse(body), tally);
    }
    tally.print();
    assertThat(tally.tracebacks).isGreaterThanOrEqualTo(600);
    tally.assertNoMismatch();
  }

  @Example
  void realTracebacksAndFlattenedRealPostsParseAlike() throws Exception {
    Tally tally = new Tally("real pastes");
    for (int i = 1; i <= 8; i++) {
      compareBoth(resource("/extract/pinterest/python" + i + ".trace"), tally);
    }
    List<Csv.Record> rows = Csv.parse(resource("/extract/so-flattened/traceback-rows.csv"));
    for (Csv.Record r : rows.subList(1, rows.size())) {
      compareBoth(r.fields().get(1), tally);
    }
    for (String name : REAL_PAGES) {
      for (Block b : HtmlBlocks.parse(resource("/realbench/html/" + name + ".html"))) {
        compareBoth(b.text(), tally);
      }
    }
    for (String body : blindBodies()) {
      for (Block b : HtmlBlocks.parse(body)) {
        compareBoth(b.text(), tally);
      }
    }
    tally.print();
    assertThat(tally.inputs).isGreaterThanOrEqualTo(2 * (8 + 116));
    assertThat(tally.tracebacks).isGreaterThanOrEqualTo(250);
    tally.assertNoMismatch();
  }

  @Example
  void realExceptionMessagesParseAlike() throws Exception {
    Tally tally = new Tally("real exception messages");
    for (String message : drain3Messages()) {
      String printed =
          "Traceback (most recent call last):\n"
              + "  File \"/home/u/train.py\", line 9, in <module>\n"
              + "    main()\n"
              + "ValueError: "
              + message
              + "\n";
      compare(printed, "default", tally);
      compare(printed.replace('\n', ' '), "default", tally);
    }
    tally.print();
    assertThat(tally.inputs).isEqualTo(2 * 13_789);
    tally.assertNoMismatch();
  }

  @Example
  void wrappedFramesWithTheOtherQuoteStyleInTheirPathParseAlike() throws Exception {
    Tally tally = new Tally("wrapped frames, mixed quotes");
    for (String path : List.of("\"/home/o'brien/x.py\"", "'/srv/\"q\"/x.py'", "“/a/it’s/x.py”")) {
      compareBoth(
          "Traceback (most recent call last):\n  File "
              + path
              + ", line 12,\nin main\n    fit()\nValueError: bad shape\n",
          tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isEqualTo(2 * 3);
  }

  /** JSON arrays of strings holding a traceback (session 35): escaped, unescaped, mixed. */
  @Example
  void jsonStringArraysParseAlike() throws Exception {
    Tally tally = new Tally("JSON string arrays");
    for (String text :
        List.of(
            "  \"traceback\": [\n"
                + "    \"\\u001b[0;31mValueError\\u001b[0m   Traceback (most recent call last)\",\n"
                + "    \"Cell \\u001b[0;32mIn[3], line 1\\u001b[0m\\n"
                + "----> 1 f()\\n"
                + "\",\n"
                + "    \"File /tmp/x.py:5, in f()\\n"
                + "      4 def f():\\n"
                + "----> 5   raise ValueError(\\\"bad\\\")\\n"
                + "\",\n"
                + "    \"ValueError: bad\"\n"
                + "  ]\n"
                + "}\n",
            "\"traceback\": [\n"
                + "  \"Traceback (most recent call last):\\n"
                + "\",\n"
                + "  \"  File \\\"a.py\\\", line 1, in f\\n"
                + "    g()\\n"
                + "\",\n"
                + "  \"KeyError: 'k'\\n"
                + "\"\n"
                + "],\n",
            "x = [\n  \"Traceback (most recent call last):\",\n  \"  File \\\"a.py\\\", line 1,"
                + " in f\",\n  \"OSError: x\"\n]\n",
            "x = [\n  \"Traceback (most recent call last):\",\n  3,\n  \"OSError: x\"\n]\n",
            "[\n  \"a\\\\\",\n  \"File \\\"b.py\\\", line 2, in g\\\\n\"\n]\n")) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.tracebacks).isEqualTo(5);
  }

  /**
   * Exceptions on a line the frames would take as source: glued after it by a reflowed paste, or
   * indented deeper than the frame (session 18), and source lines that only look like one.
   */
  @Example
  void lateExceptionsParseAlike() throws Exception {
    Tally tally = new Tally("glued and deeper exceptions");
    String frame = "Traceback (most recent call last):\n  File \"/a/x.py\", line 3, in run\n";
    for (String line :
        List.of(
            "return f(x, y) RuntimeError: index out of range: Tried to\naccess index 512",
            "      'a {0}'.format(type(t)))TypeError: The text argument",
            "raise error subprocess.CalledProcessError: Command 'x' returned 1.",
            "  KeyError: \"word 'cold' not in vocabulary\"",
            "   IndexError: index 57 is out of bounds",
            "    log.warning(\"retrying after ValueError: %s\", e)",
            "    x = f(y)  # ValueError: when y < 0",
            "    except ValueError: return None",
            "    error: str = None",
            "    330             ValueError: if x is negative",
            "    g('it\\'s') OSError: x",
            "    f()\nValueError: failed. Error: None values",
            "    f()\nValueError: Reason: AlgorithmError: framework error:")) {
      compareBoth(
          frame + line + "\n  File \"/a/y.py\", line 9, in f\n    g()\nOSError: full\n", tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Paragraphs that each start with a frame wrapped over their first lines continue the open
   * traceback (session 18): CPython ({@code File} / {@code "x.py",} / {@code line 3, in f}) and old
   * IPython ({@code /x.py in} / {@code f(a)}) frames; and (session 48) paragraphs of a bare keyword
   * or Python 3.11's carets between frames; and (session 49) paragraphs each behind a log prefix.
   */
  @Example
  void blocksStartingWithAWrappedFrameJoinAlike() throws Exception {
    Tally tally = new Tally("blocks starting with a wrapped frame");
    for (String html :
        List.of(
            "<p>Traceback (most recent call last):</p><p>File\n\"/a/x.py\",\nline 3, in f\n"
                + "    g()</p><p>File\n  \"/a/y.py\",\n  line 9, in g\n    h()</p>"
                + "<p>TypeError: bad</p>",
            "<p>TypeError   Traceback (most recent call last)</p><p>/a/x.py in\nf(a)\n"
                + "--&gt; 3     g()</p><p>/a/y.py in\ng(b)\n--&gt; 9     h()</p>"
                + "<p>TypeError: bad</p>",
            "<p>/a/x.py in\nf(a)\n--&gt; 3     g()</p><p>/a/y.py\nin g(b)\n--&gt; 9     h()</p>",
            "<p>Traceback (most recent call last):</p><p>File \"C:/a/util.py\", line 3, in t</p>"
                + "<p>yield</p><p>File \"Y:/b/seg.py\", line 12, in onApply</p><p>f()</p>"
                + "<p>^^^^^^</p><p>File \"Y:/b/seg.py\", line 40, in g</p><p>raise</p>"
                + "<p>ValueError: bad input</p><p>pass</p><p>~~~^^^</p>",
            "<p>[E][S] 27.05.2026 16:53:38 [] (u:0) - Traceback (most recent call last):</p>"
                + "<p>[E][S] 27.05.2026 16:53:38 [] (u:0) - File “C:/a/x.py”, line 948, in f</p>"
                + "<p>[E][S] 27.05.2026 16:53:39 [] (u:0) - g(</p>"
                + "<p>[E][S] 27.05.2026 16:53:39 [] (u:0) - File “C:/a/y.py”, line 9, in g</p>"
                + "<p>[E][S] 27.05.2026 16:53:39 [] (u:0) - yield</p>"
                + "<p>[E][S] 27.05.2026 16:53:39 [] (u:0) - ValueError: bad size</p>"
                + "<p>2026/01/26 13:47:11.329 :: Traceback (most recent call last):</p>"
                + "<p>2026/01/26 13:47:11.329 :: File \"/h/it.py\", line 12, in load</p>"
                + "<p>worker_1 | File \"/srv/w.py\", line 3, in work</p>",
            "<p>AttributeError     Traceback (most recent call last)<br>\nIn  [1]:<br>\n"
                + "Line 4:</p><h2>AttributeError: module ‘J’ has no attribute ‘A’</h2><p>So?</p>",
            "<pre>ValueError     Traceback (most recent call last)\nIn [101]:\nLine 2:   f(x)\n\n"
                + "ValueError: wrong</pre><h3>Traceback (most recent call last):<br>"
                + "File “/a/x.py”, line 69, in f<br>g()</h3><p>KeyError: 's'</p>",
            "<p>KeyError    Traceback (most recent call last)</p>"
                + "<p>KeyError: 'a'</p><p>KeyError: 'b'</p>")) {
      compareBlocks(HtmlBlocks.parse(html), tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Old IPython output wrapped at 80 columns (session 19): a {@code > } quote margin on every line,
   * the header cut after {@code (most recent call} or inside a word, argument lists over several
   * lines, context lines broken so that they read as prose.
   */
  @Example
  void wrappedIpythonPastesParseAlike() throws Exception {
    Tally tally = new Tally("wrapped IPython pastes");
    for (String text :
        List.of(
            "> TypeError                                 Traceback (most recent call\n"
                + "> last) <ipython-input-28-ab> in <module>()\n> ----> 1 f(a)\n> \n"
                + "> /usr/lib/x/dictionary.py in\n> doc2bow(self, document)\n"
                + ">     244         for w in document:\n> --> 245             g(w)\n> \n"
                + "> TypeError: decoding to str\n",
            ">> ValueError    Traceback (most rec\n>> ent call last)\n>>\n"
                + ">> /a/x.py in f(a)\n>> ---> 3 g()\n>> ValueError: x\n",
            "> a quoted line\n>>> f()\nTraceback (most recent call\nfirst)\n",
            "Traceback (most recent call last):\n"
                + "  File \"C:\\\\a\\\\b.py\", line 12, in <modu\n"
                + "le>\n"
                + "    import c\n"
                + "  File \"C:\\\\a\\\\c.py\", line 3, in <module\n"
                + ">\n"
                + "    f()\n"
                + "  File \"/a/d.py\", line 1, in <modu\n"
                + "le\n"
                + "    g()\n"
                + "OSError: x\n",
            "OSError Traceback (most recent call last) in 1 import x\n----> 2 f()\n\n"
                + "C:\\a\\b\\keyedvectors.py\nin load(cls, fname, fvocab,\n"
                + "binary, limit) 1547 return _load(\n1548 cls, fname,\n"
                + "errors=errors, -> 1549 limit=limit)\n1550 1551 @classmethod\n\n"
                + "C:\\a\\b\\utils.py\nin _load(cls, fname) 273 274\n"
                + "logger.info(\"x %s\", fname) --> 275 with\nutils.open(fname) as fin: 276\n\n"
                + "OSError: [Errno 2] No such file:\n'x.bin'\n")) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
    // default 2 + 1 + 0 + 2 + 2, paper (paths only) 1 + 1 + 0 + 2 + 2 (the unclosed <modu is no
    // frame)
    assertThat(tally.frames).isEqualTo(13);
  }

  /**
   * The exception printed before headerless frames (session 19): VS Code's {@code Exception has
   * occurred: X} with its message lines, or an exception line and a blank line.
   */
  @Example
  void exceptionsPrintedBeforeTheFramesParseAlike() throws Exception {
    Tally tally = new Tally("exceptions before the frames");
    String frame = "  File \"/a/x.py\", line 3, in <module>\n    f()\n";
    for (String text :
        List.of(
            "Exception has occurred: TypeError\nbad type\nsecond line\n" + frame,
            "Exception has occurred: KeyError   (note: paused at: <module>)\n'a'\n" + frame,
            "Exception has occurred: TypeError\nbad\n" + frame + "ValueError: x\n",
            "Exception has occurred: see below\n" + frame,
            "Exception has occurred: TypeError\n\nbad\n" + frame,
            "OSError: gone\n\n\n" + frame,
            "OSError: gone\nsome prose\n" + frame)) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
  }

  /** Markdown fences typed into a code block around a traceback's parts (session 19). */
  @Example
  void markdownFencesParseAlike() throws Exception {
    Tally tally = new Tally("markdown fences");
    for (String html :
        List.of(
            "<p>TypeError      Traceback (most recent call"
                + " last)</p><pre>```&lt;ipython-input-3-ab&gt; in &lt;module&gt;()\n"
                + "--&gt; 5 f()```\n\n"
                + "```1 frames\n\n"
                + "/a/x.py in f(self)\n"
                + "---&gt; 31 g()```\n\n"
                + "```TypeError: bad\n"
                + "</pre>",
            "<pre>```python\nTraceback (most recent call last):\n  File \"/a/x.py\", line 3, in f\n"
                + "    g()\nOverflowError: too big```\n```</pre>",
            "<pre>/a/x.py in```\n```in f(x)\n```\t in```\n</pre>")) {
      compareBlocks(HtmlBlocks.parse(html), tally);
    }
    tally.assertNoMismatch();
  }

  /** Blocks whose only frame the old pre-filter (mayHoldFrames) missed in both parsers. */
  @Example
  void blocksOnlyTheFullParserReadsParseAlike() throws Exception {
    Tally tally = new Tally("frames behind the pre-filter");
    for (String text :
        List.of(
            "<ipython-input-5-ab12> in\n<module>()\n----> 3 model.fit(x)\n",
            "/x/ops.py in\nconvert(value, ctx)\n",
            "&lt;ipython-input-1-ab&gt; in &lt;module&gt;()\n----> 1 f()\n",
            "/a/b.py\u00a0in\u00a0fit(self, x)\n",
            "/a/b.py\u001b[0m in\u001b[0;36m fit\u001b[0;34m(self)\n",
            "in <cell line: 16>()\n",
            " in ()\n",
            "TypeError     Traceback (most recent call last)\n in \n----> 1 f()\n\nTypeError: x\n",
            "TypeError     Traceback (most recent call\nlast)  in \n  ----> 1 f()\n",
            "Traceback (most recent call last):\n in \nthe middle\nValueError: x\n")) {
      compare(text, "default", tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isEqualTo(9);
  }

  /**
   * Paste debris (session 20): literal {@code \r\n} line ends of a dumped string, a list repr's
   * quotes after a function, zero-width and narrow no-break spaces.
   */
  @Example
  void pasteDebrisParsesAlike() throws Exception {
    Tally tally = new Tally("paste debris");
    for (String text :
        List.of(
            "Traceback (most recent call last):\\r"
                + "\\n\n"
                + "  File \"C:\\a\\main.py\", line 10, in <module>\\r"
                + "\\n\n"
                + "    f()\\r"
                + "\\n\n"
                + "  File \"C:\\a\\d.py\", line 9, in g\\r"
                + "\\n"
                + " \u25c0\n"
                + "ValueError: no dir\\r"
                + "\\n\n",
            "x: ['  File \"/a/p.py\", line 257, in <module>', '    main()', '  File \"/a/p.py\","
                + " line 240, in main', '    g()']\n",
            "Traceback (most recent call last):\n\u200b  File \"/a/f.py\", line 4, in emb\u200b\n"
                + "    g(w,\u202fx)\nRuntimeError: cpu\n\u200b\nmore\n",
            "print(x)\\n\n"
                + "Traceback (most recent call last):\n"
                + "  File \"/a/x.py\", line 1, in f\\n\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n    g()\n"
                + "ValueError: bad\n\"\"\"\n'''\n",
            "RemoteTraceback    Traceback (most recent call last)\n"
                + "RemoteTraceback: \n"
                + "\"\"\"\n"
                + "TypeError: x\n\n"
                + "Traceback (most recent call last):\n"
                + "  File \"/a/x.py\", line 1, in f\n"
                + "    g()\n"
                + "ValueError: bad\n"
                + "\"\"\"\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "RuntimeError: oom\nmore\nERROR:torch.distributed:failed (exitcode: 1)\n"
                + "WARNING:tensorflow:x\nW0501 10:00:01.123456 1 t.py:1] r\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "RuntimeError: oom\nProcess finished with exit code 1\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "RuntimeError: oom\n[2023-01-01, 00:00:01 UTC] {t.py:1} INFO - x\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ZeroDivisionError: x\nWARNING 2013-11-29 13:33:23,103 csrf Forbidden\n",
            "Traceback (most recent call last): File \"C:\\x\\UAD.py\", line 29, in <module>"
                + " except socket.timeout: TypeError: catching classes is not allowed\n",
            "Traceback (most recent call last): File \"/a/x.py\", line 9, in f 995 else: 996 raise"
                + " ValueError: in user code: bad input\n",
            "City of Beijing 30.9\nTraceback (most recent call last):\nCity of Cairo 34.7\n"
                + "City of London 23.5\n  File \"./task.py\", line 11, in <module>\nCity 26.3\n"
                + "['a', 'b'] c f\n    print(x)\nCity of Sydney 26.5\nIndexError: list index\n",
            "Traceback (most recent call last):\n"
                + "    loss = f()\n"
                + "stop flag\n"
                + "  File \"a.py\", line 2, in g\n"
                + "    h()\n"
                + "KeyError: 1\n",
            "Traceback (most recent call last): File \"/a/club.py\", line 3, in <module>"
                + " addMember() NameError: name 'addMember' is not defined  Process finished"
                + " with exit code 1\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ZeroDivisionError: x\n[29/Nov/2013 13:33:23] \"POST /c/ HTTP/1.0\" 500 27\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "RuntimeError: no gcc\n    /bin/sh: gcc: not found\nsh: 1: cc: not found\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ImportError: x\n(env) me@box:~/code$ python3 a.py\n[me at box dir]$\n$ ls\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "OSError: files\n^C\nzsh: 28133 exit 1     ./bin/tests\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "OSError: x\nbox:images me$ python a.py\niMe2 nltk $\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "Exception: start it e.g.\n$ cd corenlp/\n$ java -cp x Server\n$$ no\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ImportError: no x\n$ pip install x\n",
            "AttributeError      Traceback (most recent call last)\n"
                + "<ipython-input-1-ab> in <module>\n"
                + "----> 1 import g\n\n"
                + "~/g/_m.cpython-39-x86_64-linux-gnu.so in init g._m()\n\n"
                + "AttributeError: x\n",
            "Traceback (most recent call last):\n  File \"/a/doctest.py\", line 2, in runTest\n"
                + "AssertionError: Failed doctest test for m.f\n  File \"m.py\", line 16, in f\n\n"
                + "File \"m.py\", line 58, in m.f\nFailed example:\n    g()\n",
            "Here's the error:\n`Traceback (most recent call last):\n  File \"/a/x.py\", line 1,"
                + " in f\nTypeError: bad thing`\nthanks\n",
            "`Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "KeyError: x\n  `  \nWhile starting it\n\n`Traceback (most recent call last):\n"
                + "  File \"/a/y.py\", line 2, in g\nTypeError: use `int`\nok\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ValueError: bad\nbob@x.com: see issue # 5\n$x^2$ and $ 3\nshell: 1\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "KeyError: x\n127.0.0.1 - - [29/Nov/2013 13:33:23] \"GET / HTTP/1.1\" 500 -\n",
            "____ test_x ____\n\n"
                + "    def test_x():\n"
                + ">       f(1)\n\n"
                + "tests/t.py:3: \n"
                + "_ _ _ _ _ _ _\n\n"
                + "a = 1\n\n"
                + "    def f(a):\n"
                + ">       raise ValueError(a)\n"
                + "E       ValueError: 1\n\n"
                + "app/f.py:9: ValueError\n",
            "    def test_total():\n>       assert t() == 4\nE       assert 3 == 4\n\n"
                + "tests/c.py:14: AssertionError\n",
            "full error: ValueError: in user code: /o/training.py:1478 predict_function *"
                + " return step(x) /o/y.py:12 f ** g() ValueError: bad shape\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "ValueError: Exception encountered when calling Sequential.call().\n\n"
                + "Input 0 is incompatible\n\nArguments received by Sequential.call():\n  • x=1\n",
            "Error in py_call_impl(callable, dots$args, dots$keywords) : \n  ValueError: bad x\n\n"
                + "Detailed traceback: \n  File \"/a/x.py\", line 1, in f\n    g()\n",
            "KeyError      Traceback (most recent call last)\nCell In[4], line 2\n----> 2 f()\n\n"
                + "File pandas/_libs/index.pyx:167, in pandas._libs.index.IndexEngine.get_loc()\n\n"
                + "File my notes.pyx:3, in x\nFile setup.py:12, in my notes\n\n"
                + "cy_model.pyx in turicreate.cy_model.UnityModel.call_function()\n\n"
                + "C:\\A\\doc2vec_inner.pyx in gensim.train_dm (./gensim/doc2vec_inner.c:5165)()\n"
                + "--> 408        word_vectors = model.wv.syn0\n\n"
                + "<__array_function__ internals> in concatenate(*args, **kwargs)\n"
                + "see <my file> in f(x) and x.pyx in y()\nKeyError: 'z'\n",
            "--- Logging error ---\nTraceback (most recent call last):\n"
                + "  File \"/l/__init__.py\", line 1085, in emit\nTypeError: not all arguments\n"
                + "Call stack:\n  File \"t.py\", line 12, in <module>\n    main()\n"
                + "Message: 'loss'\nArguments: (0.25,)\nWARNING: nan\nE\nExpected:\n  4\n",
            "Traceback (most recent call last):\n  File \"m.py\", line 2, in <module>main()\n"
                + "  File \"m.py\", line 3, in f.<locals>.<lambda>\n"
                + "  File \"m.py\", line 4, in <lambda>é_x + 1\nKeyError: 'x'\n",
            "Traceback (most recent call last):\n"
                + "  File \"/a/x.py\", line 1, in f\n"
                + "ValueError: bad\n"
                + "more\n"
                + "── R Traceback ──────────────────────────\n"
                + " 1. ├─f()\n",
            "Traceback (most recent call last):\n    loss = model.get_loss()\n"
                + "AttributeError: no get_loss\n\nTraceback (most recent call last):\n"
                + "    Some prose without code\nValueError: x\n",
            "E   ValueError                                Traceback (most recent call last)\n"
                + "E   <ipython-input-1-abc> in <module>\nE   ----> 1 f()\nE   \n"
                + "E   ValueError: x must be positive\n",
            "INFO ValueError  Traceback (most recent call last)\n"
                + "WARN x.py in f()\n"
                + "ValueError: y\n")) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
  }

  /** A heading after an open traceback's block is no exception (session 20, Q 36578341). */
  @Example
  void headingsAfterAnOpenTracebackJoinAlike() throws Exception {
    Tally tally = new Tally("headings after an open traceback");
    String frames = "<pre>/a/docsim.pyc in __init__(self, corpus)\n514   f(x)\n</pre>";
    for (String next :
        List.of(
            "<p>MyProgram:</p>",
            "<p>Update: it works</p>",
            "<p>MemoryError: cannot allocate</p>",
            "<p>KeyboardInterrupt</p>")) {
      compareBlocks(HtmlBlocks.parse(frames + next + "<p>It works okay.</p>"), tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Pastes that lost their indentation (session 38): a call after an eaten name, a flattened eaten
   * name, names hard-wrapped at a terminal's width, a TF 1.x listing without blank lines.
   */
  @Example
  void unindentedPastesParseAlike() throws Exception {
    Tally tally = new Tally("unindented pastes");
    String wide = "File \"C:\\Program Files\\Anaconda3\\envs\\py35\\lib\\runpy.py\", line ";
    for (String text :
        List.of(
            "Traceback (most recent call last):\nFile \"/env/bin/allennlp\", line 8, in \n"
                + "sys.exit(run())\nFile \"/env/main.py\", line 34, in\nrun\n"
                + "File \"/env/train.py\", line 9, in\nraise\nRuntimeError: CUDA out of memory\n",
            "Traceback (most recent call last): File \"main.py\", line 82, in  File"
                + " \"argv_init__.py\", line 35, in run x = 1 / 0 ZeroDivisionError: division by"
                + " zero",
            "Traceback (most recent call last):\n"
                + wide
                + "184, in _run_mo\ndule_as_main\n"
                + "\"__main__\", mod_spec)\n"
                + wide
                + "185, in _run_cod\ne\nexec(code)\n"
                + wide
                + "186, in _run_cod\nraise\nSyntaxError: invalid syntax\n",
            "Traceback (most recent call last):\nFile \"train.py\", line 12, in <module>\n"
                + "sess.run(step)\nInvalidArgumentError: You must feed x\n"
                + "Caused by op 'x', defined at:\nFile \"train.py\", line 5, in <module>\n"
                + "x = tf.placeholder(tf.float32)\n"
                + "InvalidArgumentError (see above for traceback): You must feed x\n")) {
      compareBoth(text, tally);
      compareBlocks(inElement("p", text), tally);
    }
    tally.assertNoMismatch();
  }

  /** Shapes of the session 39 recall audit (docs/EXTRACT.md §8.13). */
  @Example
  void session39ShapesParseAlike() throws Exception {
    Tally tally = new Tally("session 39 shapes");
    for (String text :
        List.of(
            "Details:\n../x/base.py:69: in __init__\n    elif isinstance(obj, list):\n",
            "AttributeError: 'NoneType' object\nStacktrace:\n/usr/x/training_io.py in"
                + " dump(self, w)\n--> 362                 state = self.scaler.state_dict()\n",
            "Oops: it broke\n\n  File \"/a/b.py\", line 3, in f\n    g()\n",
            "KeyboardInterrupt:\n\n  File \"/a/b.py\", line 3, in f\n    g()\n",
            "Traceback (most recent call last):\n  File \"_ctypes/callbacks.c\", line 232, in"
                + " 'calling callback function'\n  File \"/a/op.py\", line 6, in creator\n"
                + "    f(**kw)\nTypeError: bad\n",
            "  File \"a.py\", line 2, in 'x' y\n  File \"b.py\", line 3, in ''\n",
            "logs\n`  File \"/a/blob.py\", line 5, in f\n    return g() `\n"
                + "` File \"/a/r.py\", line 9, in g\n    raise E(`x`)`\nE: y\n",
            "`  File \"/a/blob.py\", line 5, in f`\n    g()\n",
            "Traceback (most recent call last):\nFile \"/r/worker.py\", line 14, in get\n"
                + "raise value.as_instanceof_cause()\n"
                + "ray.exceptions.RayTaskError(KeyError): ray::f() (pid=1)\n"
                + "File \"/app/t.py\", line 9, in f\nd['x']\nKeyError: 'x'\n",
            "  File \"/r/worker.py\", line 14, in get\n    raise e\n"
                + "ray.exceptions.RayTaskError(UnreconstructableError): <exception str() failed>\n",
            "  File \"/r/w.py\", line 1, in g\n    h()\nRayTaskError(x): y\nValueError(Bad) z\n",
            "^CTraceback (most recent call last):\n  File \"t.py\", line 1, in <module>\n    f()\n"
                + "^CKeyboardInterrupt\n",
            "  File \"t.py\", line 1, in <module>\n    f()\nKeyboardInterrupt\n^C\n^C^C\n",
            "  File \"t.py\", line 1, in <module>\n    x = a ^C\nValueError: ^C\n")) {
      compareBoth(text, tally);
      compareBlocks(inElement("p", text), tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Frames the poster cut after the header ({@code ...}, {@code [...]}, {@code <omitted>}, {@code
   * snip}) and line numbers the poster replaced ({@code line XX, in f}), with near misses.
   */
  @Example
  void posterCutsParseAlike() throws Exception {
    Tally tally = new Tally("poster cuts");
    for (String text :
        List.of(
            "Traceback (most recent call last):\n    ...\nprint(a + b)\nTypeError: must be str\n",
            "Traceback (most recent call last):\n....\nre.error: unmatched group\n",
            "Traceback (most recent call last):\n  # ...\nAttributeError: no foo\n>>> x\n",
            "Traceback (most recent call last):\n<omitted>\nRuntimeError: shared\n",
            "Traceback (most recent call last):\nsnip\nSnipped\nd[k].append(x)\nKeyError: 'k'\n",
            "Traceback (most recent call last):\n[...]\n\nIt stops here.\n",
            "Traceback (most recent call last): ...\nand then it stops.\nValueError: x\n",
            "Traceback (most recent call last):\n\u2026\nValueError: x \u2026 y\n",
            "Traceback (most recent call last):\nFile \"a.py\", line XX, in <module>\nf(p)\n"
                + "TypeError: bad\n",
            "  File \"a.py\", line ##, in f\n    g()\n  File \"b.py\", line ..., in g\n"
                + "  File \"c.py\", line \u00e9t\u00e9, in h\nValueError: v\n",
            "See File \"a.py\", line XX for the call, and File \"b.py\", line abcdefghijklmn, in"
                + " f\n",
            "Traceback (most recent call last):   File \"p.py\", line 3,\n  in \n"
                + "      from p import Bar ModuleNotFoundError: No module named 'p'\n",
            "  File \"p.py\", line 3\n  , in\n    main\n  File \"q.py\", line 4,\nin\n",
            "File \"m.py\", line 2, in (module) from a import b\n"
                + "File \"a.py\", line 1, in (genexpr)\n"
                + "  File \"c.py\", line 5, in (modules)\n"
                + "  File \"d.py\", line 6, in (module)x\n"
                + "ImportError: no b\n",
            "Traceback (most recent call last):\n  File \"u.py\", line 1, in <module>\n"
                + "    ftp.login()\nftplib.error_perm: 530 Login incorrect.\n",
            "  File \"u.py\", line 1, in <module>\n    f()\nerror_perm: 530 no\n"
                + "  File \"v.py\", line 2, in g\n    h()\nmod.sub.err_x:\n",
            "  File \"u.py\", line 1, in <module>\nimaplib.abort: socket error\n",
            "Traceback (most recent call last):\nq = [p for p in f(x, 8)]\nMemoryError\n",
            "Traceback (most recent call last):\n t.sort(S[i], x)\n        f(a)\n  TypeError: no\n",
            "Traceback (most recent call last):\na = 1\nb = 2\nc = 3\nTypeError: x\n",
            "Traceback (most recent call last):\nThe code is below (simplified)\nTypeError: x\n")) {
      compareBoth(text, tally);
      compareBlocks(inElement("pre", text), tally);
      compareBlocks(inElement("p", text), tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Console hard wraps inside a frame's {@code line N, in}, source lines wrapped inside a string or
   * call, and compound statement headers as source, each line also as a paragraph of its own.
   */
  @Example
  void hardWrapsAndOpenSourceLinesParseAlike() throws Exception {
    Tally tally = new Tally("hard wraps and open source lines");
    for (String text :
        List.of(
            "Traceback (most recent call last):\n  File \"c:\\p\\runpy.py\", l\nine 184, in run\n"
                + "    x()\n  File \"c:\\p\\pip.py\", lin\ne 9, in main\n  File \"b.py\", line 2\n"
                + "88, in go\n  File \"c.py\", line 3, i\nn f\nImportError: no\n",
            "  File \"a.py\", li\nne x, in f\n  File \"b.py\", line 1\n8x, in g\nValueError: v\n",
            "Traceback (most recent call last):\nFile \"r.py\", line 4, in <module>\n"
                + "p = open(\"C:/My \nDocs/a.txt\", 'r')\nIOError: [Errno 2] no\n",
            "File \"r.py\", line 4, in f\nf(a, [1,\n2], {3:\n4}, '#'\n)\nValueError: x\n",
            "File \"r.py\", line 4, in f\np = g(\"x\")\nand prose\nValueError: x\n",
            "File \"r.py\", line 4, in f\np = g(\"C:\\\")\nand prose\nValueError: x\n",
            "Traceback (most recent call last):\n    if (float(a[i]) == x):\nValueError: x\n",
            "Traceback (most recent call last):\n    for row in f(x, sep=','):\nKeyError: 1\n",
            "Traceback (most recent call last):\n    If I run f(x) it says:\nKeyError: 1\n",
            "Traceback (most recent call last):\n    for example. f(x) says:\nKeyError: 1\n",
            "File \"p.py\", line 3, in f\nif x & check > 0:\nTypeError:'int' and 'str'\n",
            "File \"p.py\", line 3, in f\nValueError::x\nFile \"q.py\", line 3, in g\nResult:'x'\n"
                + "File \"r.py\", line 3, in h\nHTTPError://x\nKeyError:=\nOSError:\\x\n")) {
      compareBoth(text, tally);
      compareBlocks(inElement("pre", text), tally);
      String paragraphs = "<p>" + text.replace("<", "&lt;").replace("\n", "</p><p>") + "</p>";
      compareBlocks(HtmlBlocks.parse(paragraphs), tally);
    }
    tally.assertNoMismatch();
  }

  /** Unquoted pseudo-files whose name HTML ate ({@code File , line 7, in f}), and near misses. */
  @Example
  void eatenPseudoFileNamesParseAlike() throws Exception {
    Tally tally = new Tally("eaten pseudo-file names");
    for (String text :
        List.of(
            "ValueError       Traceback (most recent call last)\nFile , line 7\n"
                + "----> 7 model = fit(df)\n\nFile , line 3, in fit(df)\n"
                + "----> 3     return pipeline.fit(df)\n\nValueError: bad\n",
            "Traceback (most recent call last):\n  File , line 1, in \n  File , line 2, in f\n"
                + "KeyError: 'x'\n",
            "See File , line 3 in the notes, and File , line x.\n",
            "File , then line up the columns\nFile ,line 4,in g\nFile ,  line  5\n")) {
      compareBoth(text, tally);
      compareBlocks(HtmlBlocks.parse("<p>" + text.replace("\n", "<br>\n") + "</p>"), tally);
    }
    tally.assertNoMismatch();
  }

  /**
   * Whole pytest reports in four of its {@code --tb} modes (src/test/resources/extract/pytest):
   * failures parted by banners, short frames between long sections, a chain, captured output; each
   * also with every line indented by one blank.
   */
  @Example
  void pytestReportsParseAlike() throws Exception {
    Tally tally = new Tally("pytest reports");
    for (String run : List.of("two-failures", "report")) {
      for (String mode : List.of("auto", "long", "short", "native")) {
        String text = resource("/extract/pytest/" + run + "-" + mode + ".txt");
        compareBoth(text, tally);
        compareBoth(text.replaceAll("(?m)^", " "), tally);
        String html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        compareBlocks(HtmlBlocks.parse("<pre><code>" + html + "</code></pre>"), tally);
      }
    }
    tally.assertNoMismatch();
  }

  /**
   * Unquoted pseudo-files (docs/EXTRACT.md §8.14): Databricks' {@code File <command-N>, line 7}
   * cell frames in IPython 8's and CPython's layouts, other bracketed names, a flattened paste, and
   * prose and near misses that stay no frame.
   */
  @Example
  void unquotedPseudoFilesParseAlike() throws Exception {
    Tally tally = new Tally("unquoted pseudo-files");
    for (String text :
        List.of(
            "-----------------------------------------------------------------\n"
                + "ValueError                                Traceback (most recent call last)\n"
                + "File <command-3712348>, line 7\n      5 df = spark.read.csv(path)\n"
                + "----> 7 model = fit(df)\n\nFile <command-3712348>, line 3, in fit(df)\n"
                + "      2 def fit(df):\n----> 3     return pipeline.fit(df)\n\n"
                + "File /databricks/spark/python/pyspark/ml/base.py:205, in"
                + " Estimator.fit(self, dataset, params)\n--> 205     return self._fit(dataset)\n\n"
                + "ValueError: could not convert string to float: 'a'\n",
            "Traceback (most recent call last):\n  File <command-3712348>, line 7, in <module>\n"
                + "    model = fit(df)\n  File <stdin>, line 1, in helper\n"
                + "  File <frozen importlib._bootstrap>, line 1007, in _find_and_load\n"
                + "ValueError: could not convert string to float: 'a'\n",
            "ValueError  Traceback (most recent call last) File <command-1>, line 7 ----> 7 m ="
                + " fit(df) File <command-1>, line 3, in fit(df) ----> 3 return p.fit(df)"
                + " ValueError: bad\n",
            "  File <ipython-input-3-abc>, line 4\n    x = = 1\n        ^\n"
                + "SyntaxError: invalid syntax\n",
            "  File <string>,line 2, in\n  File <x>  ,  line  9,in g\n",
            "File <foo> is missing, line 3 of the config names it.\n",
            "The upload said File <foo>, line 3 and stopped.\nValueError: x\n",
            "The upload said File <foo>, line 3, in f and stopped.\n",
            "File <a b c>, line three\nFile < x>, line 3\nFile <x<y>, line 3\nFile <>, line 1\n",
            "File <command-1>:3, in f\n----> 3 g()\nFile <command-1>, line 999999999999\n")) {
      compareBoth(text, tally);
      compareBlocks(inElement("p", text), tally);
      compareBlocks(
          HtmlBlocks.parse("<pre><code>" + text.replace("<", "&lt;") + "</code></pre>"), tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(10);
  }

  /**
   * Frames whose line Python does not know ({@code line None}, a negative line, as frames of
   * generated or C-level code print): a frame without a line in both parsers (before: none in
   * search.js, session 40).
   */
  @Example
  void framesWithoutAKnownLineParseAlike() throws Exception {
    Tally tally = new Tally("frames without a known line");
    for (String text :
        List.of(
            "Traceback (most recent call last):\n  File \"/app/train.py\", line 12, in <module>\n"
                + "    fit()\n  File \"/usr/lib/gen.py\", line None, in fit\n"
                + "  File \"/usr/lib/gen.py\", line -1, in step\n"
                + "RuntimeError: generated code failed\n",
            "---------------------------------------------------------------------------\n"
                + "KeyError                                  Traceback (most recent call last)\n"
                + "Cell In[3], line None, in f(x)\nKeyError: 'a'\n",
            "  File \"/a/x.py\", line 1234567890, in f\n  File \"/a/x.py\", line None\n")) {
      compareBoth(text, tally);
      compareBlocks(HtmlBlocks.parse("<pre><code>" + text + "</code></pre>"), tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(4);
  }

  /**
   * Frame lines typed by hand: without a path ({@code line 56, in <module>}), in another case or
   * without a comma ({@code file 'x.py', Line 2 in f}) (session 46).
   */
  @Example
  void handTypedFramesParseAlike() throws Exception {
    Tally tally = new Tally("hand-typed frames");
    for (String text :
        List.of(
            "Traceback (most recent call last):\nline 56, in <module>\n    d = p.Distance(u)\n"
                + "line 22, in Distance\n    return self.x\nAttributeError: no x\n",
            "Traceback (most recent call last):\n  line 18 in <module>\n    print(a.G)\n"
                + "  line 15, in \n    raise E\nAttributeError: G\nline 5, in main\n",
            "Traceback (most recent call last):\n  File\n  \"C:\\app\\x.py\",\n"
                + "  line 37, in test_home\n      f()\n  File \"/a/y.py\",\n  line 3, in g\n"
                + "ValueError: bad\n",
            "Traceback (most recent call last):  \nfile 'C:\\u\\s v.py', line 147 in <module>  \n"
                + "f = open(n)\n  FILE \"/a/x.py\" LINE 2 in f\n    Line 13, in g\nOSError: x\n",
            "Traceback (most recent call last):\n tests/g_test.py line 26 in test_1\n   f()\n"
                + " /usr/lib/mock.py line 8 in __call__\n   g()\nStopIteration\n",
            "Traceback (most recent call last):\n  Python Shell, prompt 3, line 1\n"
                + "builtins.TypeError: no self\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n"
                + "exceptions.OSError: no file\n",
            "Traceback (most recent call last):\n  File  line 181, in f\n    f(x)\n"
                + "      , line 31, in <module>\nFile , line 28, in <module>\nTypeError: x\n")) {
      compareBoth(text, tally);
      compareBlocks(HtmlBlocks.parse("<pre><code>" + text + "</code></pre>"), tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(16);
  }

  /** A frame line the paste began inside the path of (session 47). */
  @Example
  void framesCutInsideTheirPathParseAlike() throws Exception {
    assertTextsAndTheirBlocksParseAlike(
        "frames cut inside their path",
        2 * 4,
        List.of(
            "lib/tfp/internal/prefer_static.py\", line 84, in copy_doc\n    raise ValueError(\n\n"
                + "ValueError: Arg specs do not match\n",
            "Traceback (most recent call last):\n...\n  packages/data/files.py\", line 335, in r\n"
                + "    fs = get_fs(pattern)\nTypeError: can only concatenate tuple\n",
            "Traceback (most recent call last):\n\u2026\n\tC:\\a b\\x.py\", line 3, in <module>\n"
                + "OSError: x\n",
            "Traceback (most recent call last):\n  File \"/home/u/a/long/path/\n"
                + "site-packages/x/data_files.py\", line 335, in resolve_pattern\n    f()\n"
                + "TypeError: x\n",
            "he wrote to x.py\", line 3, in the log\n",
            "File Computer Science\\oop game.py\", line 21, in set_attr\n"
                + "  exec(x)\n"
                + "File \"<string>\", line 1\n"
                + "  self.a = 4\n"
                + "         ^\n"
                + "SyntaxError: invalid syntax\n",
            "Traceback (most recent call last):   File \"D:\\Python scripts for\n"
                + "  writing testcase\\Paramiko.py\", line 32, in \n      f() IndexError: x\n"));
  }

  /**
   * An exception stated above a traceback whose end was cut (session 47); above a chain whose cause
   * prints none, Werkzeug's page, and Twisted's failures (session 49).
   */
  @Example
  void exceptionsStatedAboveACutTracebackParseAlike() throws Exception {
    assertTextsAndTheirBlocksParseAlike(
        "exceptions stated above",
        2 * 6,
        List.of(
            "\tValueError: Invalid IPv6 URL\n"
                + "\tTraceback (most recent call last):\n"
                + "\t File \"fuzz.py\", line 22, in run\n"
                + "\t File \"forms.py\", line 350, in check\n",
            "ValueError: bad\n[...]\n  File \"/a/fields.py\", line 92, in clean\n    f()\n",
            "ValueError: bad\n\n# ...\n\n  File \"/a/fields.py\", line 92, in clean\n    f()\n",
            "ValueError: bad\nTraceback:\nFile \"/a/app.py\", line 10, in <module>\n    g()\n",
            "ValueError: first\n\nTraceback (most recent call last):\n"
                + "  File \"a.py\", line 1, in <module>\nKeyError: 'k'\n",
            "ValueError: first\nTraceback (most recent call last):\nnothing here\n",
            "Unhandled error in Deferred:\nTraceback (most recent call last):\n"
                + "  File \"/a/defer.py\", line 653, in _run\n    f()\n"
                + "Failure: twisted.internet.error.TimeoutError: User timeout.\n"
                + "Unhandled error in Deferred:\nTraceback (most recent call last):\n"
                + "  File \"/a/s.py\", line 12, in parse\nAttributeError: 'str' object\n"
                + "======================================================================\n"
                + "FAIL: testReadLimit (twisted.test.test_protocols.T)\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                + "Failure: Failure: Failure: x\n",
            "{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stderr\"}\n"
                + "{\"log\":\"  File \\\"/a/app.py\\\", line 9, in f\\n\",\"stream\":\"stderr\"}\n"
                + "{\"log\":\"    g(\\\"\\\\u00e9\\\")\\r\\n\",\"time\":\"t\"}\n"
                + "{\"log\":\"ValueError: bad\\n\",\"stream\":\"stderr\"}\n"
                + "{\"log\":\"unclosed}\n",
            "KeyError: 'k'\n\nTraceback (most recent call last)\nFile \"/a/x.py\", line 2, in f\n"
                + "g()\nDuring handling of the above exception, another exception occurred:\n"
                + "File \"/a/y.py\", line 3, in h\nk()\nThe debugger caught an exception in"
                + " your WSGI application. You can now look at the traceback.\n",
            "KeyError: 'k'\nTraceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n"
                + "OSError: x\n\nThe above exception was the direct cause of the following"
                + " exception:\n\nTraceback (most recent call last):\n"
                + "  File \"/a/y.py\", line 3, in h\n",
            "ImportErrorTraceback (most recent call last)\n<ipython-input-1-3> in <module>()\n"
                + "----> 2 from urllib.error import HTTPError\n"));
  }

  /** Frames whose file is a Markdown link, from a notebook's "copy output" (session 47). */
  @Example
  void linkedPathsParseAlike() throws Exception {
    assertTextsAndTheirBlocksParseAlike(
        "linked paths",
        2 * 8,
        List.of(
            "ValueError                                Traceback (most recent call last)\n"
                + "[<ipython-input-4-0a1b2c3d4e5f>](https://localhost:8080/#) in <module>()\n"
                + "----> 2 model.fit(x, y)\n\n3 frames\n"
                + "[/usr/lib/keras/training.py](https://localhost:8080/#) in fit(self, x, y)\n"
                + "--> 1184         tmp_logs = self.train_function(iterator)\n\n"
                + "ValueError: Shapes (None, 1) and (None, 10) are incompatible\n",
            "[c:\\u\\grid.py](file:///c:/u/grid.py) in plot(data)\n-> 12     g = Grid(data)\n\n"
                + "[c:\\Program](file:///C:/Program) Files\\lib\\frame.py in get(self, key)\n"
                + "-> 3511     i = self.columns[key]\n\nKeyError: 'a'\n",
            "OSError                                   Traceback (most recent call last)\n"
                + "Cell In[2], line 4\n"
                + "----> 4 ds = load(\"x\")\n\n"
                + "File [~/env/data/load.py:2151](http://localhost:8899/lab/tree/load.py#line=2150),"
                + " in load(path)\n"
                + "-> 2151 b.prepare()\n\n"
                + "File [~/env/data/builder.py:924], in prepare(self)\n"
                + "--> 924     self._prepare()\n\n"
                + "OSError: Invalid flatbuffers message.\n",
            "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n"
                + "[see the docs](https://keras.io/guide) on fit\n[x] in the list\n"
                + "  [y](ftp://h/y.py) in g()\n  File [z.py:3](a b), in h\nValueError: bad\n"));
  }

  /** An old IPython frame wrapped after "in", in a Cython include or compiled file (session 51). */
  @Example
  void wrappedFramesOfCompiledFilesParseAlike() throws Exception {
    Tally tally = new Tally("wrapped frames of compiled files");
    for (String file : List.of("/usr/x/io.pxi", "/usr/x/io.pyo", "/usr/x/io.pyd")) {
      compareBoth(
          "AttributeError                            Traceback (most recent call last)\n"
              + "<ipython-input-1-ab> in <module>\n----> 1 import gensim\n\n"
              + file
              + " in\npyarrow.lib.Buffer.__reduce_ex__()\n\nAttributeError: boom\n",
          tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(5);
  }

  /** Markdown markers around a whole paste or each of its paragraphs (session 51). */
  @Example
  void markdownMarkersAroundAPasteParseAlike() throws Exception {
    Tally tally = new Tally("markdown markers around a paste");
    String frames =
        "Traceback (most recent call last):\n  File \"/a/w.py\", line 9, in run\n    f()\n";
    for (String text :
        List.of(
            "`Exception in thread Thread-2:\n" + frames + "ValueError: a.all()`\n",
            "`T-1:\n" + frames + "ValueError: one`\n\n  `T-2:\n" + frames + "KeyError: 2`  \n",
            "*-----\n" + frames + "TypeError: x was passed*\n",
            "****Traceback (most recent call last):   File \"/a/s.py\", line 7, in <module>"
                + "     f() NameError: name 'gensim' is not defined****",
            "**x = f()\ny = g()**\n\n" + frames + "\n**UnicodeDecodeError: 'gbk' codec**\n",
            "*****\n" + frames + "ValueError: x*****\n",
            "``" + frames + "ValueError: x``\n",
            "* " + frames + "ValueError: x *\n",
            "`\n`",
            "`a`")) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(8);
  }

  /** A stray quote margin glued to a file name's quote (session 20, Q 42372346). */
  @Example
  void strayQuoteMarginsParseAlike() throws Exception {
    Tally tally = new Tally("stray quote margins");
    for (String text :
        List.of(
            "Traceback (most recent call last):   File\n  \"/a/t.py\",\n  line 44, in main\n"
                + "      f(x, >w = 4)   File >\"/a/w.py\",\n  line 523, in build\n"
                + "      g(y) IndexError: list index out of range\n",
            "  File >\"/a/w.py\", line 5, in f\n    g()\nOSError: x\n",
            "  File >'/a/w.py', line 5, in f\n  File > \"/a/v.py\", line 6, in g\n")) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(2 * 5);
  }

  /**
   * Interleaved tracebacks (session 20, Q 57277214: two workers' tracebacks line by line, then the
   * manager's), the paste with each pair of neighbouring lines swapped and with each line left out,
   * which reaches every branch of the separation and its fallbacks.
   */
  @Example
  void interleavedTracebacksSeparateAlike() throws Exception {
    Tally tally = new Tally("interleaved tracebacks");
    String paste = io.tracemine.extract.traceback.InterleavedPaste.workers();
    List<String> lines = List.of(paste.split("\n"));
    List<String> texts = new ArrayList<>(List.of(paste));
    for (int i = 0; i + 1 < lines.size(); i++) {
      List<String> swapped = new ArrayList<>(lines);
      Collections.swap(swapped, i, i + 1);
      texts.add(String.join("\n", swapped) + "\n");
      List<String> cut = new ArrayList<>(lines);
      cut.remove(i);
      texts.add(String.join("\n", cut) + "\n");
    }
    texts.add(
        "Traceback (most recent call last):\n  File \"/a/m.py\", line 1, in main\n    run()\n"
            + "Traceback (most recent call last):\n  File \"/a/j.py\", line 5, in <module>\n"
            + "    go()\n  File \"/a/j.py\", line 9, in helper\n    x = t[k]\nKeyError: 'id'\n");
    for (String text : texts) {
      compareBoth(text, tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(2 * 16);
  }

  @Property(tries = 400, seed = "20261129")
  void generatedTracebacksParseAlike(@ForAll("pastes") String paste) throws Exception {
    Tally tally = new Tally("generated");
    compareBoth(paste, tally);
    tally.assertNoMismatch();
    assertThat(tally.frames).as("frames the Java parser found in:\n" + paste).isPositive();
  }

  @Property(tries = 400, seed = "20261130")
  void editedTracebacksParseAlike(@ForAll("edited") String paste) throws Exception {
    Tally tally = new Tally("edited");
    compareBoth(paste, tally);
    tally.assertNoMismatch();
  }

  @Property(tries = 400, seed = "20261131")
  void markerSoupParsesAlike(@ForAll("soup") String text) throws Exception {
    Tally tally = new Tally("marker soup");
    compareBoth(text, tally);
    tally.assertNoMismatch();
  }

  @Property(tries = 200, seed = "20261132")
  void arbitraryStringsParseAlike(@ForAll String text) throws Exception {
    Tally tally = new Tally("arbitrary");
    compareBoth(text, tally);
    tally.assertNoMismatch();
  }

  // ---- comparison ----

  /** Inputs compared, what the Java parser found in them, and where search.js differs. */
  static final class Tally {
    final String name;
    int inputs;
    int tracebacks;
    int frames;
    int mismatches;
    int keyMismatches;
    int defaultKeyMismatches;
    final List<String> examples = new ArrayList<>();

    Tally(String name) {
      this.name = name;
    }

    void print() {
      System.out.printf(
          Locale.ROOT,
          "search.js parity, %s: %d inputs, %d tracebacks, %d frames (Java); %d inputs differ"
              + " (%d in type, message or a frame's file/function, %d of them with the default"
              + " profile)%n",
          name,
          inputs,
          tracebacks,
          frames,
          mismatches,
          keyMismatches,
          defaultKeyMismatches);
    }

    void count(ArrayNode expected, JsonNode actual, String profile, String input) {
      inputs++;
      tracebacks += expected.size();
      expected.forEach(t -> frames += t.get("frames").size());
      if (expected.equals(actual)) {
        return;
      }
      mismatches++;
      if (!key(expected).equals(key(actual))) {
        keyMismatches++;
        defaultKeyMismatches += profile.equals("default") ? 1 : 0;
      }
      if (examples.size() < 3) {
        examples.add(
            profile
                + " profile on:\n"
                + input
                + "\nJava:\n"
                + expected
                + "\nsearch.js:\n"
                + actual);
      }
    }

    void assertNoMismatch() {
      assertThat(examples).as(name + ": inputs where search.js differs from Java").isEmpty();
    }
  }

  /**
   * Each text, and its blocks as a {@code <pre><code>} block, parse alike; the Java parser finds at
   * least {@code minFrames} frames in all.
   */
  private static void assertTextsAndTheirBlocksParseAlike(
      String name, int minFrames, List<String> texts) throws Exception {
    Tally tally = new Tally(name);
    for (String text : texts) {
      compareBoth(text, tally);
      compareBlocks(HtmlBlocks.parse("<pre><code>" + text + "</code></pre>"), tally);
    }
    tally.assertNoMismatch();
    assertThat(tally.frames).isGreaterThanOrEqualTo(minFrames);
  }

  private static void compareBoth(String text, Tally tally) throws Exception {
    for (String profile : PROFILES) {
      compare(text, profile, tally);
    }
  }

  private static void compare(String text, String profile, Tally tally) throws Exception {
    List<Block> block = List.of(new Block(0, BlockKind.CODE, text));
    tally.count(expected(block, profile), node.parse(text, profile), profile, text);
  }

  /**
   * The blocks of {@code text} pasted, escaped, as the body of one {@code <p>} or {@code <pre>}.
   */
  private static List<Block> inElement(String tag, String text) {
    return HtmlBlocks.parse("<" + tag + ">" + text.replace("<", "&lt;") + "</" + tag + ">");
  }

  private static void compareBlocks(List<Block> blocks, Tally tally) throws Exception {
    for (String profile : PROFILES) {
      tally.count(
          expected(blocks, profile), node.parseBlocks(blocks, profile), profile, blocks.toString());
    }
  }

  /** What ranking reads: type, message and every frame's file and function, in order. */
  private static List<String> key(JsonNode tracebacks) {
    List<String> key = new ArrayList<>();
    for (JsonNode t : tracebacks) {
      key.add("T " + t.path("type").asText(null) + "\0" + t.path("message").asText(null));
      for (JsonNode f : t.path("frames")) {
        key.add("F " + f.path("file").asText() + "\0" + f.path("function").asText());
      }
    }
    return key;
  }

  /** The Java extractor's tracebacks of a post's {@code blocks}, as search.js writes them. */
  static ArrayNode expected(List<Block> blocks, String profile) {
    ArrayNode out = JSON.createArrayNode();
    List<FoundTrace> found = TraceExtractors.forProfile(profile).extract(blocks).traces();
    for (FoundTrace f : found) {
      Traceback t = f.traceback();
      ObjectNode o = out.addObject();
      o.put("position", t.position());
      frames(o.putArray("frames"), t.frames());
      o.put("type", t.exceptionType());
      o.put("message", t.message());
      o.put("chainedFrom", t.chainedFrom());
      o.put(
          "chainKind",
          t.chainKind() == null ? null : t.chainKind().name().toLowerCase(Locale.ROOT));
      frames(o.putArray("nestedFrames"), t.nestedFrames());
    }
    return out;
  }

  private static void frames(ArrayNode out, List<Frame> frames) {
    for (Frame f : frames) {
      ObjectNode o = out.addObject();
      o.put("rawPath", f.rawPath());
      o.put("file", f.file());
      o.put("line", f.line());
      o.put("function", f.function());
      o.put("pathStyle", f.pathStyle().name());
      o.put("moreRepeats", f.moreRepeats());
    }
  }

  // ---- inputs ----

  private static List<String> drain3Messages() throws IOException {
    Path file = Path.of("src/test/resources/realdata/drain3-final_pure_text.csv.gz");
    String csv;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> out = new ArrayList<>();
    for (Csv.Record r : Csv.parse(csv)) {
      out.add(r.fields().size() > 1 ? r.fields().get(1) : "");
    }
    return out;
  }

  static String resource(String path) throws IOException {
    try (InputStream in = SearchJsParityTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot read test fixture " + path + ": missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- generated tracebacks, in every format the Java parser reads ----

  /** A printed frame: path, line, function, source line. */
  record Printed(String path, int line, String function, String source) {}

  /** A printed exception with its frames. */
  record Stack(List<Printed> frames, String type, String message) {}

  enum Format {
    CPYTHON,
    IPYTHON_OLD,
    IPYTHON8,
    CHAINED,
    GROUP,
    FLATTENED,
    ANSI,
    STRING_LITERAL,
    LOG_PREFIX,
    QUOTED,
    HTML_ESCAPED,
    WRAPPED,
    RECURSION,
    NESTED_LISTING,
    TYPOGRAPHIC_QUOTES
  }

  @Provide
  Arbitrary<String> pastes() {
    return Combinators.combine(
            Arbitraries.of(Format.class), stack().list().ofMinSize(1).ofMaxSize(3))
        .as(SearchJsParityTest::render);
  }

  @Provide
  Arbitrary<String> edited() {
    Arbitrary<String> insert = Arbitraries.of("\n", " ", ":", "\"", ">", "<", "(", "-", "1", "\t");
    return Combinators.combine(
            pastes(),
            Arbitraries.doubles().between(0, 1).list().ofMinSize(1).ofMaxSize(4),
            insert.list().ofSize(4))
        .as(
            (text, where, inserts) -> {
              StringBuilder b = new StringBuilder(text);
              for (int i = 0; i < where.size() && b.length() > 0; i++) {
                int at = (int) (where.get(i) * (b.length() - 1));
                if (i % 2 == 0) {
                  b.deleteCharAt(at);
                } else {
                  b.insert(at, inserts.get(i));
                }
              }
              return b.toString();
            });
  }

  @Provide
  Arbitrary<String> soup() {
    Arbitrary<String> fragment =
        Arbitraries.of(
            "Traceback (most recent call last):",
            "File ",
            "File \"/a/b.py\", line 3, in f",
            "File ~/x.py:12, in g(x)",
            "\"",
            "“",
            "'",
            "/x/y.py",
            "C:\\a\\b.py",
            "<ipython-input-1-ab>",
            " in ",
            "in <module>",
            "f(self, x)",
            "line 3",
            ", ",
            "Cell In[2], line 4",
            "Input In [7], in <cell line: 3>()",
            "----> 12 ",
            "     11 ",
            "ValueError",
            "ValueError: bad",
            "KeyError: 'x'",
            "Exception",
            ": ",
            "\n",
            "\n\n",
            "  ",
            "...",
            "[Previous line repeated 5 more times]",
            "During handling of the above exception, another exception occurred:",
            "The above exception was the direct cause of the following exception:",
            "+ Exception Group Traceback (most recent call last):",
            "| ",
            "+-+---- 1 ----",
            "+---- 2 ----",
            "+------------------------------------",
            "in user code:",
            "&quot;",
            "&lt;module&gt;",
            "\u001b[0;31m",
            "[1;32m",
            "\\n",
            "> ",
            "2023-01-05 10:00:01 ERROR x: ",
            "12 | ",
            "raise ",
            "^^^^",
            "x = f()",
            "é",
            "\u00a0",
            "\r\n",
            // session 23's shapes
            "\u2190[1;31m",
            "\\x1b[0m",
            "Thread 0x1 (most recent call first):",
            "  File \"/a/b.py\", line 3 in f",
            "The above exception (x) was the direct cause of the following exception:",
            "Exception Type: KeyError at /",
            "Exception Value: v",
            "  41.     x = f()",
            "> File \"/a/b.py\", line 3, in f",
            "\u256d\u2500 Traceback (most recent call last) \u2500\u256e",
            "\u2502 /a/b.py:3 in f \u2502",
            "\u2570\u2500\u256f",
            "tests/t.py:3: in f",
            "E   ValueError: x",
            "[rank0]: ",
            "[rank1]: ",
            "Thread 12 (idle): \"M\"",
            "    get (queue.py:171)",
            "File \\\"/a/b.py\\\", line 3, in f",
            // session 35's shapes
            "\ufffd[0m",
            "  \"traceback\": [",
            "    \"Traceback (most recent call last):\\n\",",
            "]",
            "**",
            "(see above for traceback): ",
            "\n17:55:56\n",
            "\n2020-04-27T17:55:56.123Z\n");
    return fragment.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  private Arbitrary<Stack> stack() {
    Arbitrary<String> type =
        Arbitraries.of(
            "ValueError",
            "KeyError",
            "tensorflow.python.framework.errors_impl.InvalidArgumentError",
            "RuntimeError",
            "Exception",
            "ModuleNotFoundError",
            "StopIteration",
            "KeyboardInterrupt",
            "requests.exceptions.Timeout");
    Arbitrary<String> message =
        Arbitraries.of(
            "",
            "bad value",
            "'x'",
            "Shapes (None, 10) and (None, 1) are incompatible",
            "No module named 'cv2'",
            "could not convert string to float: 'a'",
            "Error: nested 'quoted' text");
    return Combinators.combine(printed().list().ofMinSize(1).ofMaxSize(5), type, message)
        .as(Stack::new);
  }

  private Arbitrary<Printed> printed() {
    Arbitrary<String> path =
        Arbitraries.of(
            "/home/user/project/train.py",
            "/usr/local/lib/python3.8/site-packages/tensorflow/python/keras/engine/training.py",
            "C:\\Users\\me\\Anaconda3\\lib\\site-packages\\keras\\engine\\training.py",
            "C:/Users/me/project/main.py",
            "D:\\work dir\\my project\\run.py",
            "train.py",
            "../lib/util.py",
            "~/src/model.py",
            "/tmp/ipykernel_1234/123456.py",
            "<stdin>",
            "<string>",
            "<frozen importlib._bootstrap>",
            "/opt/conda/lib/python3.9/site-packages/torch/nn/modules/module.py");
    Arbitrary<String> function =
        Arbitraries.of(
            "<module>",
            "fit",
            "__call__",
            "_call_impl",
            "<lambda>",
            "wrapper",
            "forward",
            "<listcomp>",
            "main",
            "_method_wrapper");
    Arbitrary<String> source =
        Arbitraries.of(
            "model.fit(x, y)",
            "return self.forward(*args)",
            "raise ValueError(msg)",
            "x = f()",
            "main()");
    return Combinators.combine(path, Arbitraries.integers().between(1, 9999), function, source)
        .as(Printed::new);
  }

  static String render(Format format, List<Stack> stacks) {
    Stack first = stacks.get(0);
    return switch (format) {
      case CPYTHON -> cpython(first);
      case IPYTHON_OLD -> ipythonOld(first);
      case IPYTHON8 -> ipython8(first);
      case CHAINED -> chained(stacks);
      case GROUP -> group(stacks);
      case FLATTENED -> chained(stacks).replace('\n', ' ');
      case ANSI ->
          ipythonOld(first)
              .replace("Traceback", "\u001b[0;31mTraceback\u001b[0m")
              .replace("----> ", "\u001b[0;32m----> \u001b[0m")
              .replace(first.type(), "[0;31m" + first.type() + "[0m");
      case STRING_LITERAL -> "'" + cpython(first).replace("\n", "\\n").replace("\"", "\\\"") + "'";
      case LOG_PREFIX -> prefixed(cpython(first), "2023-01-05 10:00:0", " ERROR worker: ");
      case QUOTED -> prefixed(cpython(first), "> ", "");
      case HTML_ESCAPED ->
          cpython(first).replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
      case WRAPPED ->
          cpython(first).replace("\", line ", "\",\n    line ").replace("  File \"", "  File\n\"");
      case RECURSION -> recursion(first);
      case NESTED_LISTING -> nested(first, stacks.get(stacks.size() - 1));
      case TYPOGRAPHIC_QUOTES ->
          cpython(first).replace("File \"", "File “").replace("\", line", "”, line");
    };
  }

  private static String exceptionLine(Stack s) {
    return s.type() + (s.message().isEmpty() ? "" : ": " + s.message());
  }

  static String cpython(Stack s) {
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (Printed f : s.frames()) {
      b.append("  File \"")
          .append(f.path())
          .append("\", line ")
          .append(f.line())
          .append(", in ")
          .append(f.function())
          .append("\n    ")
          .append(f.source())
          .append('\n');
    }
    return b.append(exceptionLine(s)).append('\n').toString();
  }

  private static String ipythonOld(Stack s) {
    StringBuilder b =
        new StringBuilder("---------------------------------------------------------------\n");
    b.append(String.format("%-42sTraceback (most recent call last)%n", s.type()));
    boolean firstFrame = true;
    for (Printed f : s.frames()) {
      String path = firstFrame ? "<ipython-input-3-0b1c2d3e4f5a>" : f.path();
      String args = f.function().startsWith("<") ? "()" : "(self, *args, **kwargs)";
      b.append(path).append(" in ").append(f.function()).append(args).append('\n');
      b.append("      ").append(f.line() - 1).append(" x = 1\n");
      b.append("----> ").append(f.line()).append(' ').append(f.source()).append('\n');
      b.append("      ").append(f.line() + 1).append(" y = 2\n\n");
      firstFrame = false;
    }
    return b.append(exceptionLine(s)).append('\n').toString();
  }

  private static String ipython8(Stack s) {
    StringBuilder b =
        new StringBuilder("---------------------------------------------------------------\n");
    b.append(String.format("%-42sTraceback (most recent call last)%n", s.type()));
    boolean firstFrame = true;
    for (Printed f : s.frames()) {
      if (firstFrame) {
        b.append("Cell In[12], line ").append(f.line()).append('\n');
      } else {
        b.append("File ").append(f.path()).append(':').append(f.line()).append(", in ");
        b.append(f.function()).append("(self, x)\n");
      }
      b.append("    ").append(f.line() - 1).append(" x = 1\n");
      b.append("--> ").append(f.line()).append(' ').append(f.source()).append('\n');
      b.append("    ").append(f.line() + 1).append(" y = 2\n\n");
      firstFrame = false;
    }
    return b.append(exceptionLine(s)).append('\n').toString();
  }

  private static String chained(List<Stack> stacks) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < stacks.size(); i++) {
      if (i > 0) {
        b.append(
            i % 2 == 1
                ? "\nDuring handling of the above exception, another exception occurred:\n\n"
                : "\nThe above exception was the direct cause of the following exception:\n\n");
      }
      b.append(cpython(stacks.get(i)));
    }
    return b.toString();
  }

  private static String group(List<Stack> stacks) {
    StringBuilder b = new StringBuilder("  + Exception Group Traceback (most recent call last):\n");
    Stack first = stacks.get(0);
    for (Printed f : first.frames()) {
      b.append("  |   File \"").append(f.path()).append("\", line ").append(f.line());
      b.append(", in ").append(f.function()).append("\n  |     ").append(f.source()).append('\n');
    }
    b.append("  | ExceptionGroup: errors (").append(stacks.size()).append(" sub-exceptions)\n");
    for (int i = 0; i < stacks.size(); i++) {
      b.append(
          i == 0
              ? "  +-+---------------- 1 ----------------\n"
              : "    +---------------- " + (i + 1) + " ----------------\n");
      for (String line : cpython(stacks.get(i)).split("\n")) {
        b.append("    | ").append(line).append('\n');
      }
    }
    return b.append("    +------------------------------------\n").toString();
  }

  private static String prefixed(String text, String prefix, String suffix) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (String line : text.split("\n")) {
      b.append(prefix).append(suffix.isEmpty() ? "" : String.valueOf(n++ % 10)).append(suffix);
      b.append(line).append('\n');
    }
    return b.toString();
  }

  private static String recursion(Stack s) {
    Printed f = s.frames().get(0);
    StringBuilder b = new StringBuilder("Traceback (most recent call last):\n");
    for (int i = 0; i < 3; i++) {
      b.append("  File \"").append(f.path()).append("\", line ").append(f.line());
      b.append(", in ").append(f.function()).append("\n    ").append(f.source()).append('\n');
    }
    b.append("  [Previous line repeated ").append(f.line()).append(" more times]\n");
    return b.append("RecursionError: maximum recursion depth exceeded\n").toString();
  }

  private static String nested(Stack outer, Stack inner) {
    String text = cpython(outer);
    StringBuilder b = new StringBuilder(text.substring(0, text.lastIndexOf(exceptionLine(outer))));
    b.append(outer.type()).append(": in user code:\n\n");
    for (Printed f : inner.frames()) {
      b.append("    File \"").append(f.path()).append("\", line ").append(f.line());
      b.append(", in ").append(f.function()).append("  *\n        ").append(f.source());
      b.append('\n');
    }
    return b.append("\n    ").append(exceptionLine(inner)).append('\n').toString();
  }
}
