package io.tracemine.extract.traceback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracebackParserTest {
  private final TracebackParser parser = new TracebackParser();

  private Traceback only(String text) {
    List<Traceback> all = parser.parse(text);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  // ---- real tracebacks (pinterest/git-stacktrace, Apache-2.0) ----

  @Test
  void pinterestPython2BareTimeoutAndRelativePaths() {
    Traceback t = only(Fixtures.resource("pinterest/python2.trace"));
    assertThat(t.exceptionType()).isEqualTo("Timeout");
    assertThat(t.message()).isNull();
    assertThat(t.frames()).hasSize(10);
    assertThat(t.frames().get(0))
        .isEqualTo(
            new Frame(
                "../core/managers/user_manager.py",
                "user_manager",
                2672,
                "_get_pins_from_pintersection_helper",
                PathStyle.UNIX));
    assertThat(t.frames().get(9))
        .isEqualTo(
            new Frame(
                "/mnt/virtualenv/local/lib/python2.7/site-packages/gevent/hub.py",
                "hub",
                164,
                "switch",
                PathStyle.UNIX));
  }

  @Test
  void aFrameWhoseLineIsUnknownOrNoLineKeepsItsPlaceWithoutALine() {
    for (String value : List.of("None", "-5", "12345678901", "99999999999999999999")) {
      Traceback t =
          only(
              "Traceback (most recent call last):\n"
                  + "  File \"/u/app/a.py\", line "
                  + value
                  + ", in f\n"
                  + "  File \"/u/app/b.py\", line 3, in g\n"
                  + "ValueError: x\n");
      assertThat(t.frames())
          .as(value)
          .extracting(Frame::file, Frame::line, Frame::function)
          .containsExactly(tuple("a", null, "f"), tuple("b", 3, "g"));
    }
    Traceback cell =
        only(
            "Traceback (most recent call last):\n"
                + "Cell In[3], line None, in f()\n"
                + "  File \"/u/app/b.py\", line 3, in g\n"
                + "ValueError: x\n");
    assertThat(cell.frames()).extracting(Frame::line).containsExactly(null, 3);
  }

  @Test
  void pinterestPython8StringAndLambdaFrames() {
    Traceback t = only(Fixtures.resource("pinterest/python8.trace"));
    assertThat(t.frames())
        .containsExactly(
            new Frame("foo.py", "foo", 2, "<module>", PathStyle.NONE),
            new Frame("<string>", "<string>", 1, "<lambda>", PathStyle.NONE));
    assertThat(t.exceptionType()).isEqualTo("TypeError");
    assertThat(t.message())
        .isEqualTo("int() argument must be a string or a number, not 'NoneType'");
  }

  @Test
  void pinterestPython1EscapedNewlinesAndJinjaFrame() {
    Traceback t = only(Fixtures.resource("pinterest/python1.trace"));
    assertThat(t.frames())
        .extracting(Frame::file, Frame::line, Frame::function)
        .containsExactly(
            tuple("module", 380, "render_generator"),
            tuple("application", 312, "render_module"),
            tuple("__init__", 24, "render_module"),
            tuple("jinja", 219, "render_module"),
            tuple("environment", 894, "render"),
            tuple("GridItems.nunjucks", 150, "top-level template code"));
    assertThat(t.exceptionType()).isEqualTo("UndefinedError");
    assertThat(t.message()).isEqualTo("'None' has no attribute 'get'");
  }

  @Test
  void pinterestPython3LowercaseBareException() {
    Traceback t = only(Fixtures.resource("pinterest/python3.trace"));
    assertThat(t.exceptionType()).isEqualTo("error");
    assertThat(t.frames())
        .extracting(Frame::function)
        .containsExactly("get_ip_geo", "record_by_addr", "ip2long");
  }

  @Test
  void pinterestPython7HeaderlessWithExceptionFirst() {
    Traceback t = only(Fixtures.resource("pinterest/python7.trace"));
    assertThat(t.exceptionType()).isEqualTo("ValueError");
    assertThat(t.message()).isEqualTo("invalid literal for int() with base 10: 'None'");
    assertThat(t.frames()).hasSize(14);
    assertThat(t.frames().get(7))
        .isEqualTo(new Frame("<decorator-gen-39>", "<decorator-gen-39>", 2, "ci", PathStyle.NONE));
    assertThat(t.frames().get(13))
        .isEqualTo(new Frame("prettify/annual.py", "annual", 45, "prettify", PathStyle.UNIX));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyPinterestTraceHasOneTracebackWithAllItsFrames(int n) {
    String text = Fixtures.resource("pinterest/python" + n + ".trace");
    Traceback t = only(text);
    int fileLines = text.split("File \"", -1).length - 1;
    assertThat(t.frames()).hasSize(fileLines);
    assertThat(t.exceptionType()).isNotNull();
    assertThat(t.chainedFrom()).isNull();
    assertThat(t.frames())
        .allSatisfy(
            f -> {
              assertThat(f.line()).isPositive();
              assertThat(f.file()).doesNotContain("/").doesNotEndWith(".py");
            });
  }

  // ---- CPython ----

  private static final String CHAINED =
      """
      Traceback (most recent call last):
        File "/home/u/app.py", line 3, in load
          return cfg["key"]
      KeyError: 'key'

      During handling of the above exception, another exception occurred:

      Traceback (most recent call last):
        File "/home/u/app.py", line 8, in <module>
          load()
        File "/home/u/app.py", line 5, in load
          raise ValueError("no key") from None
      ValueError: no key

      The above exception was the direct cause of the following exception:

      Traceback (most recent call last):
        File "/home/u/main.py", line 1, in <module>
      RuntimeError: startup failed
      """;

  @Test
  void chainedTracebacksAreSplitAndLinked() {
    List<Traceback> all = parser.parse(CHAINED);
    assertThat(all)
        .extracting(
            Traceback::position,
            Traceback::exceptionType,
            Traceback::message,
            Traceback::chainedFrom,
            Traceback::chainKind)
        .containsExactly(
            tuple(0, "KeyError", "'key'", null, null),
            tuple(1, "ValueError", "no key", 0, ChainKind.DURING_HANDLING),
            tuple(2, "RuntimeError", "startup failed", 1, ChainKind.DIRECT_CAUSE));
    assertThat(all.get(1).frames()).extracting(Frame::function).containsExactly("<module>", "load");
  }

  @Test
  void repeatedTracebacksAreSeparateInstances() {
    String one =
        "Traceback (most recent call last):\n  File \"/a/b.py\", line 1, in f\n    g()\n"
            + "ZeroDivisionError: division by zero\n";
    List<Traceback> all = parser.parse(one + one);
    assertThat(all).hasSize(2);
    assertThat(all.get(1).position()).isEqualTo(1);
    assertThat(all.get(1).chainedFrom()).isNull();
    assertThat(all.get(0).frames()).isEqualTo(all.get(1).frames());
  }

  @Test
  void multiLineMessageRunsToTheBlankLine() {
    Traceback t =
        only(
            "Traceback (most recent call last):\n  File \"/x/k.py\", line 9, in fit\n"
                + "    self._fit()\nValueError: Input 0 is incompatible with layer lstm:\n"
                + "expected ndim=3, found ndim=2\n\nThen I tried this:\n");
    assertThat(t.message())
        .isEqualTo("Input 0 is incompatible with layer lstm:\nexpected ndim=3, found ndim=2");
  }

  @Test
  void python311CaretsAndDottedExceptionNames() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "/opt/tf/python/client/session.py", line 1365, in _do_call
                return fn(*args)
                       ^^^^^^^^^
            tensorflow.python.framework.errors_impl.InvalidArgumentError: 2 root error(s) found.
            """);
    assertThat(t.exceptionType())
        .isEqualTo("tensorflow.python.framework.errors_impl.InvalidArgumentError");
    assertThat(t.message()).isEqualTo("2 root error(s) found.");
  }

  @Test
  void recursionRepeatsAreKeptAsWritten() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "<stdin>", line 1, in <module>
              File "<stdin>", line 2, in f
              File "<stdin>", line 2, in f
              File "<stdin>", line 2, in f
              [Previous line repeated 996 more times]
            RecursionError: maximum recursion depth exceeded
            """);
    assertThat(t.frames()).hasSize(4);
    assertThat(t.frames().get(2))
        .isEqualTo(new Frame("<stdin>", "<stdin>", 2, "f", PathStyle.NONE));
    assertThat(t.frames().get(3))
        .isEqualTo(new Frame("<stdin>", "<stdin>", 2, "f", PathStyle.NONE, 996));
    assertThat(t.exceptionType()).isEqualTo("RecursionError");
  }

  @Test
  void frozenCythonAndSharedObjectFrames() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "<frozen importlib._bootstrap>", line 219, in _call_with_frames_removed
              File "pandas/_libs/index.pyx", line 138, in pandas._libs.index.IndexEngine.get_loc
              File "/usr/lib/python3/dist-packages/_lib.cpython-38-x86_64-linux-gnu.so", line 5, in init
              File "/opt/x/mod.pyi", line 1, in stub
            KeyError: 'label'
            """);
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function, Frame::pathStyle)
        .containsExactly(
            tuple("<frozen importlib._bootstrap>", "_call_with_frames_removed", PathStyle.NONE),
            tuple("index", "pandas._libs.index.IndexEngine.get_loc", PathStyle.UNIX),
            tuple("_lib.cpython-38-x86_64-linux-gnu", "init", PathStyle.UNIX),
            tuple("mod", "stub", PathStyle.UNIX));
  }

  @Test
  void windowsPathsWithBackslashesAndSlashes() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "C:\\Users\\me\\train.py", line 12, in <module>
              File "C:/Anaconda3/lib/site-packages/keras/engine/training.py", line 952, in fit
              File "\\\\server\\share\\lib.py", line 3, in <listcomp>
              File "D:\\proj\\.venv\\lib\\ipykernel_4242\\123456.py", line 2, in <module>
            MemoryError
            """);
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function, Frame::pathStyle)
        .containsExactly(
            tuple("train", "<module>", PathStyle.WINDOWS),
            tuple("training", "fit", PathStyle.WINDOWS),
            tuple("lib", "<listcomp>", PathStyle.WINDOWS),
            tuple("<ipykernel>", "<module>", PathStyle.WINDOWS));
    assertThat(t.exceptionType()).isEqualTo("MemoryError");
  }

  @Test
  void syntaxErrorLocationIsNotAFrame() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "/a/run.py", line 1, in <module>
                import model
              File "/a/model.py", line 3
                print 'x'
                        ^
            SyntaxError: Missing parentheses in call to 'print'
            """);
    assertThat(t.frames()).extracting(Frame::file).containsExactly("run");
    assertThat(t.exceptionType()).isEqualTo("SyntaxError");
  }

  @Test
  void truncatedTraceKeepsWhatIsThere() {
    Traceback t =
        only(
            "Traceback (most recent call last):\n  ...\n"
                + "  File \"/x/ops.py\", line 4, in convert\n    ...\nTypeError: bad\n");
    assertThat(t.frames()).extracting(Frame::file).containsExactly("ops");
    assertThat(t.exceptionType()).isEqualTo("TypeError");
  }

  // ---- IPython / Jupyter ----

  @Test
  void ipythonWithAnsiColourCodes() {
    String esc = "\u001b";
    String text =
        esc
            + "[0;31m---------------------------------------------------------------------------"
            + esc
            + "[0m\n"
            + esc
            + "[0;31mValueError"
            + esc
            + "[0m                                Traceback (most recent call last)\n"
            + esc
            + "[0;32m<ipython-input-12-a1b2c3d4e5f6>"
            + esc
            + "[0m in "
            + esc
            + "[0;36m<module>"
            + esc
            + "[0;34m()"
            + esc
            + "[0m\n"
            + "      1 x = 1\n"
            + esc
            + "[0;32m----> 2"
            + esc
            + "[0;31m model.fit(x)\n\n"
            + esc
            + "[0;32m/usr/lib/python3/site-packages/keras/engine/training.py"
            + esc
            + "[0m in "
            + esc
            + "[0;36mfit"
            + esc
            + "[0;34m(self, x, y, batch_size)"
            + esc
            + "[0m\n"
            + "    950         y = None\n"
            + "--> 952         x, y = self._standardize(x, y)\n\n"
            + esc
            + "[0;31mValueError"
            + esc
            + "[0m: Error when checking input: expected 3 dims\n";
    Traceback t = only(text);
    assertThat(t.frames())
        .containsExactly(
            new Frame(
                "<ipython-input-12-a1b2c3d4e5f6>",
                "<ipython-input>",
                2,
                "<module>",
                PathStyle.NONE),
            new Frame(
                "/usr/lib/python3/site-packages/keras/engine/training.py",
                "training",
                952,
                "fit",
                PathStyle.UNIX));
    assertThat(t.exceptionType()).isEqualTo("ValueError");
    assertThat(t.message()).isEqualTo("Error when checking input: expected 3 dims");
  }

  @Test
  void ipythonAnsiCodesWithTheirEscapeByteLost() {
    Traceback t =
        only(
            "[0;31mKeyError[0m                                  Traceback (most recent call last)\n"
                + "[0;32m<ipython-input-3-9f8e7d6c5b4a>[0m in [0;36m<module>[0;34m[0m\n"
                + "[0;32m----> 1[0;31m"
                + " [0md[0;34m[[0m[0;34m'b'[0m[0;34m][0m[0;34m[0m[0;34m[0m[0m\n\n"
                + "[0;31mKeyError[0m: 'b'\n");
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function, Frame::line)
        .containsExactly(tuple("<ipython-input>", "<module>", 1));
    assertThat(t.exceptionType()).isEqualTo("KeyError");
    assertThat(t.message()).isEqualTo("'b'");
  }

  @Test
  void ipython8CellAndFileFrames() {
    Traceback t =
        only(
            """
            ---------------------------------------------------------------------------
            ValueError                                Traceback (most recent call last)
            Cell In[3], line 1
            ----> 1 model.fit(x)

            File ~/miniconda3/lib/python3.9/site-packages/keras/utils/traceback_utils.py:70, in filter_traceback.<locals>.error_handler(*args, **kwargs)
                 67     filtered_tb = _process_traceback_frames(e.__traceback__)
            ---> 70     raise e.with_traceback(filtered_tb) from None

            File /tmp/ipykernel_123/456.py:5, in build(x)
                  4 def build(x):
            ----> 5     return f(x)

            ValueError: Shapes (None, 1) and (None, 10) are incompatible
            """);
    assertThat(t.frames())
        .extracting(Frame::file, Frame::line, Frame::function, Frame::pathStyle)
        .containsExactly(
            tuple("<ipython-input>", 1, "<module>", PathStyle.NONE),
            tuple("traceback_utils", 70, "filter_traceback.<locals>.error_handler", PathStyle.UNIX),
            tuple("<ipykernel>", 5, "build", PathStyle.UNIX));
    assertThat(t.exceptionType()).isEqualTo("ValueError");
  }

  // ---- the paper's listings (truncated paths, no line numbers) ----

  @Test
  void paperListing3WindowsTruncatedFrames() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File "...\\mlp2.py", in <module>
              File "...\\mlp2.py", in <listcomp>
              File "...\\frame.py", in __getitem__
              File "...\\base.py", in get_loc
              File "...\\index.pyx", in pandas._libs.index.IndexEngine.get_loc
              File "...\\index.pyx", in pandas._libs.index.IndexEngine.get_loc
            """);
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function)
        .containsExactly(
            tuple("mlp2", "<module>"),
            tuple("mlp2", "<listcomp>"),
            tuple("frame", "__getitem__"),
            tuple("base", "get_loc"),
            tuple("index", "pandas._libs.index.IndexEngine.get_loc"),
            tuple("index", "pandas._libs.index.IndexEngine.get_loc"));
    assertThat(t.frames()).allSatisfy(f -> assertThat(f.line()).isNull());
  }

  @Test
  void paperListing2FramesWithoutComma() {
    Traceback t =
        only(
            """
            Traceback (most recent call last):
              File ".../training.py" in _method_wrapper
              File ".../training.py", in fit
              File ".../tensor_conversion_registry.py" in _default_conversion_function
            """);
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function, Frame::pathStyle)
        .containsExactly(
            tuple("training", "_method_wrapper", PathStyle.UNIX),
            tuple("training", "fit", PathStyle.UNIX),
            tuple("tensor_conversion_registry", "_default_conversion_function", PathStyle.UNIX));
    assertThat(t.exceptionType()).isNull();
  }

  // ---- text blocks and flattened text ----

  @Test
  void flattenedTracebackOnOneLine() {
    Traceback t =
        only(
            "I get: Traceback (most recent call last): File \"<ipython-input-6-c81bd7606eb0>\","
                + " line 1, in <module> model.fit(x, y) File \"C:\\Users\\T\\keras\\models.py\","
                + " line 646, in fit shuffle=shuffle) File \"C:\\Users\\T\\keras\\models.py\", line"
                + " 65, in <listcomp> return [x[start] for x in X] IndexError: indices are"
                + " out-of-bounds Does anyone know why?");
    assertThat(t.frames())
        .extracting(Frame::file, Frame::line, Frame::function)
        .containsExactly(
            tuple("<ipython-input>", 1, "<module>"),
            tuple("models", 646, "fit"),
            tuple("models", 65, "<listcomp>"));
    assertThat(t.exceptionType()).isEqualTo("IndexError");
    assertThat(t.message()).startsWith("indices are out-of-bounds");
  }

  /**
   * Flattened source {@code except socket.timeout:} is not the exception, and an IDE's exit-code
   * line ends the message (blind audit 8; before: type {@code socket.timeout} with the message
   * {@code TypeError: catching …}, and {@code … not defined Process finished with exit code 1}).
   */
  @Test
  void flattenedSourceOfAnExceptClauseAndAnExitCodeLineAreNotTheException() {
    Traceback t =
        only(
            "Traceback (most recent call last): File \"C:\\x\\UAD.py\", line 29, in <module>"
                + " except socket.timeout: TypeError: catching classes that do not inherit from"
                + " BaseException is not allowed");
    assertThat(t.exceptionType()).isEqualTo("TypeError");
    assertThat(t.message())
        .isEqualTo("catching classes that do not inherit from BaseException is not allowed");
    Traceback exited =
        only(
            "Traceback (most recent call last): File \"/a/club.py\", line 3, in <module>"
                + " addMember() NameError: name 'addMember' is not defined  Process finished"
                + " with exit code 1");
    assertThat(exited.exceptionType()).isEqualTo("NameError");
    assertThat(exited.message()).isEqualTo("name 'addMember' is not defined");
  }

  @Test
  void flattenedIpythonFramesWithoutNewlines() {
    Traceback t =
        only(
            "AttributeError Traceback (most recent call last) <ipython-input-83-42d744d811fb> in"
                + " <module>() 7 print(pred) 8 ----> 9 model.predict(pred)"
                + " C:\\Users\\b\\Anaconda2\\lib\\site-packages\\keras\\models.pyc in predict(self,"
                + " x, batch_size) 457 if self.model is None: 458 self.build() --> 459 return"
                + " self.model.predict(x) AttributeError: 'list' object has no attribute 'shape'");
    assertThat(t.frames())
        .extracting(Frame::file, Frame::function, Frame::pathStyle)
        .containsExactly(
            tuple("<ipython-input>", "<module>", PathStyle.NONE),
            tuple("models", "predict", PathStyle.WINDOWS));
    assertThat(t.exceptionType()).isEqualTo("AttributeError");
    assertThat(t.message()).isEqualTo("'list' object has no attribute 'shape'");
  }

  @Test
  void realFlattenedStackOverflowRows() {
    List<List<String>> rows = Fixtures.csv(Fixtures.resource("so-flattened/traceback-rows.csv"));
    assertThat(rows.get(0)).containsExactly("Id", "Text");
    int withTraceback = 0;
    int found = 0;
    int typed = 0;
    for (List<String> row : rows.subList(1, rows.size())) {
      String text = row.get(1);
      List<Traceback> all = parser.parse(text);
      boolean header = text.contains("Traceback (most recent call last)");
      withTraceback += header ? 1 : 0;
      found += all.isEmpty() ? 0 : 1;
      typed += all.stream().anyMatch(t -> t.exceptionType() != null) ? 1 : 0;
      int quotedFrames = countFrames(text);
      // TF "defined at" / "in user code:" listings are nested in their traceback (issue 10)
      int parsedFrames =
          all.stream().mapToInt(t -> t.frames().size() + t.nestedFrames().size()).sum();
      assertThat(parsedFrames).as("row %s", row.get(0)).isGreaterThanOrEqualTo(quotedFrames);
      for (Traceback t : all) {
        assertThat(t.frames()).allSatisfy(f -> assertThat(f.function()).isNotBlank());
      }
    }
    assertThat(rows).hasSize(117);
    assertThat(withTraceback).isEqualTo(97);
    assertThat(found).isEqualTo(115); // row 56014360 only mentions "Traceback" in prose
    assertThat(typed).isGreaterThanOrEqualTo(110);
  }

  /** Oracle for the rows: {@code File "…", line N, in } occurrences, counted naively. */
  private static int countFrames(String text) {
    int count = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("File \"[^\"\\n]{1,2000}\", line \\d+, in ").matcher(text);
    while (m.find()) {
      count++;
    }
    return count;
  }

  @Test
  void proseWithoutTracebackYieldsNothing() {
    assertThat(
            parser.parse(
                "I get a Traceback (most recent call last) error when I run it.\n"
                    + "What does it mean?"))
        .isEmpty();
    assertThat(parser.parse(null)).isEmpty();
    assertThat(parser.parse("")).isEmpty();
  }
}
