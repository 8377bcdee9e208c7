package io.tracemine.extract.traceback;

import static io.tracemine.extract.traceback.PasteFixtures.frames;
import static io.tracemine.extract.traceback.PasteFixtures.inHtml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tracemine.extract.html.HtmlBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paste shapes first measured in session 23 (docs/EXTRACT.md §8.8): tools whose output the parser
 * had not met. Each example is written for this test in the shape the tool prints.
 */
class PasteShapesTest {
  private final TracebackParser parser = new TracebackParser();

  /** faulthandler dumps one stack per thread, innermost call first, with no exception. */
  @Test
  void eachFaulthandlerThreadIsATracebackOfItsOwn() {
    String text =
        "Timeout (0:00:30)!\n"
            + "Thread 0x00007f3b9effd700 (most recent call first):\n"
            + "  File \"/usr/lib/python3.8/queue.py\", line 170 in get\n"
            + "  File \"/opt/app/worker.py\", line 44 in run\n"
            + "\n"
            + "Current thread 0x00007f3ba3e2b740 (most recent call first):\n"
            + "  File \"/usr/lib/python3.8/threading.py\", line 1011 in join\n"
            + "  File \"/opt/app/main.py\", line 19 in <module>\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(2);
    assertThat(frames(found.get(0)))
        .containsExactly(new Object[] {"queue", 170, "get"}, new Object[] {"worker", 44, "run"});
    assertThat(frames(found.get(1)))
        .containsExactly(
            new Object[] {"threading", 1011, "join"}, new Object[] {"main", 19, "<module>"});
    assertThat(found).extracting(Traceback::exceptionType).containsOnlyNulls();
    // a header with no frames and an exception line after it is no traceback either
    assertThat(parser.parse("Current thread 0x01 (most recent call first):\nValueError: x\n"))
        .isEmpty();
    // PyTorch's C++ stack inside a message is not such a header: the message goes on
    String cpp =
        "Traceback (most recent call last):\n  File \"infer.py\", line 30, in <module>\n"
            + "    out = model(x)\nRuntimeError: CUDA error\n"
            + "Exception raised from check at ../c10/cuda/CUDAException.cpp:44 (most recent call"
            + " first):\nframe #0: c10::Error::Error() + 0x57 (0x7f2a in /x/torch/lib/libc10.so)\n";
    List<Traceback> one = parser.parse(cpp);
    assertThat(one).hasSize(1);
    assertThat(one.get(0).message()).contains("Exception raised from check");
  }

  /** Django's copy-and-paste view: {@code Traceback:}, frames without line, numbered source. */
  @Test
  void djangoCopyAndPasteViewGivesLinesTypeAndValue() {
    String text =
        "Traceback:\n\n"
            + "File \"/env/django/core/handlers/exception.py\" in inner\n"
            + "  41.             response = get_response(request)\n\n"
            + "File \"/site/blog/views.py\" in post_list\n"
            + "  9.     return render(request, 'blog/post_list.html')\n\n"
            + "Exception Type: TemplateDoesNotExist at /blog/\n"
            + "Exception Value: blog/post_list.html\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(
            new Object[] {"exception", 41, "inner"}, new Object[] {"views", 9, "post_list"});
    assertThat(found.get(0).exceptionType()).isEqualTo("TemplateDoesNotExist");
    assertThat(found.get(0).message()).isEqualTo("blog/post_list.html");
  }

  /** Django 2+ prints the cause's message inside its chain sentence. */
  @Test
  void djangoChainSentenceWithTheCausesMessageSplitsTheChain() {
    String text =
        "Traceback (most recent call last):\n"
            + "  File \"/env/django/db/backends/utils.py\", line 84, in _execute\n"
            + "    return self.cursor.execute(sql, params)\n\n"
            + "The above exception (no such table: shop_product) was the direct cause of the"
            + " following exception:\n"
            + "  File \"/site/shop/views.py\", line 12, in index\n"
            + "    return render(request, 'shop/index.html')\n\n"
            + "Exception Type: OperationalError at /\n"
            + "Exception Value: no such table: shop_product\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found)
        .extracting(Traceback::exceptionType, Traceback::chainedFrom, Traceback::chainKind)
        .containsExactly(
            tuple(null, null, null), tuple("OperationalError", 0, ChainKind.DIRECT_CAUSE));
    assertThat(found.get(1).message()).isEqualTo("no such table: shop_product");
  }

  /** loguru marks the running frame with {@code >} and draws values under the source. */
  @Test
  void loguruFrameMarkAndValueAnnotationsStayInOneTraceback() {
    String text =
        "Traceback (most recent call last):\n\n"
            + "> File \"/etl/run.py\", line 30, in <module>\n"
            + "    main()\n"
            + "    \u2514 <function main at 0x7f9c1c2b3d30>\n\n"
            + "  File \"/etl/run.py\", line 24, in main\n"
            + "    total = parse(rows)\n"
            + "            \u2502     \u2514 ['12', 'n/a']\n"
            + "            \u2514 <function parse at 0x7f9c1c2b3ca0>\n\n"
            + "ValueError: invalid literal for int() with base 10: 'n/a'\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(new Object[] {"run", 30, "<module>"}, new Object[] {"run", 24, "main"});
    assertThat(found.get(0).exceptionType()).isEqualTo("ValueError");
  }

  /**
   * A training run stopped with Ctrl-C: the terminal echoes {@code ^C} where the key was pressed,
   * glued to the next line ({@code ^CKeyboardInterrupt}: before, untyped) or on a line of its own
   * after the exception (before: its message read {@code \n^}). A {@code ^C} inside a line is text.
   */
  @Test
  void aTerminalsCtrlCEchoIsNotPartOfTheTraceback() {
    String frames =
        "  File \"train.py\", line 10, in <module>\n    model.fit(x, y)\n"
            + "  File \"/usr/lib/python3/site-packages/keras/engine.py\", line 100, in fit\n"
            + "    for batch in data:\n";
    String clean = "Traceback (most recent call last):\n" + frames + "KeyboardInterrupt\n";
    for (String text :
        List.of(
            "^CTraceback (most recent call last):\n" + frames + "^CKeyboardInterrupt\n",
            "Traceback (most recent call last):\n" + frames + "KeyboardInterrupt\n^C\n",
            "Traceback (most recent call last):\r\n" + frames + "KeyboardInterrupt\r\n^C^C\r\n")) {
      List<Traceback> found = parser.parse(text);
      assertThat(found).as(text).hasSize(1);
      assertThat(frames(found.get(0)))
          .containsExactly(
              new Object[] {"train", 10, "<module>"}, new Object[] {"engine", 100, "fit"});
      assertThat(found.get(0).exceptionType()).as(text).isEqualTo("KeyboardInterrupt");
      assertThat(found.get(0).message()).as(text).isEqualTo(parser.parse(clean).get(0).message());
    }
    List<Traceback> inLine =
        parser.parse("Traceback (most recent call last):\n" + frames + "ValueError: bad ^C key\n");
    assertThat(inLine.get(0).message()).isEqualTo("bad ^C key");
  }

  /**
   * Frames whose path a poster cut out ({@code line 56, in <module>}, sometimes without the comma
   * or the function HTML rendering ate): before, the lines broke the traceback and the post had
   * none (3 of PyMaker's 5,091 real bodies, each with a header, two frames and a typed exception).
   */
  @Test
  void aFrameWhosePathWasCutOutIsAFrameOfAnUnknownFile() {
    List<Traceback> found =
        parser.parse(
            "Traceback (most recent call last):\nline 56, in <module>\n"
                + "    distanceToOne = point1.Distance(pointUser)\nline 22, in Distance\n"
                + "    distance = math.sqrt(self.x)\n"
                + "AttributeError: 'Point' object has no attribute 'x'\n");
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(
            new Object[] {"<unknown>", 56, "<module>"}, new Object[] {"<unknown>", 22, "Distance"});
    assertThat(found.get(0).exceptionType()).isEqualTo("AttributeError");

    List<Traceback> noComma =
        parser.parse(
            "Traceback (most recent call last):\n  line 18 in <module>\n    print(a.G)\n"
                + "  File \"/app/a.py\", line 15, in __getattr__\n    raise AttributeError(name)\n"
                + "AttributeError: G\n");
    assertThat(frames(noComma.get(0)))
        .containsExactly(
            new Object[] {"<unknown>", 18, "<module>"}, new Object[] {"a", 15, "__getattr__"});

    // a frame wrapped after its path keeps it; prose after the exception is no frame
    List<Traceback> wrapped =
        parser.parse(
            "Traceback (most recent call last):\n  File\n  \"C:\\app\\x.py\",\n"
                + "  line 37, in test_home\n      f()\nValueError: bad\n"
                + "The error is at\nline 5, in main\n");
    assertThat(wrapped).hasSize(1);
    assertThat(frames(wrapped.get(0))).containsExactly(new Object[] {"x", 37, "test_home"});
    assertThat(parser.parse("Fixed it.\nline 5, in main\n")).isEmpty();
  }

  /**
   * A paste whose selection began inside the first frame's path ({@code lib/x/data_files.py", line
   * 335, in f}): the frame was lost, and with no header the whole traceback (3 of 4,955 ML issue
   * texts). A path wrapped after {@code File "} is still joined, not doubled.
   */
  @Test
  void aFrameLineCutInsideItsPathIsRead() {
    List<Traceback> alone =
        parser.parse(
            "lib/python3.10/site-packages/tfp/internal/prefer_static.py\", line 84, in copy_doc\n"
                + "    raise ValueError(\n\nValueError: Arg specs do not match\n");
    assertThat(alone).singleElement().extracting(Traceback::exceptionType).isEqualTo("ValueError");
    assertThat(frames(alone.get(0)))
        .containsExactly(new Object[] {"prefer_static", 84, "copy_doc"});

    List<Traceback> afterCut =
        parser.parse(
            "Traceback (most recent call last):\n...\n"
                + "packages/datasets/data_files.py\", line 335, in resolve_pattern\n"
                + "    fs = get_fs(pattern)\nTypeError: can only concatenate tuple\n");
    assertThat(frames(afterCut.get(0)))
        .containsExactly(new Object[] {"data_files", 335, "resolve_pattern"});

    List<Traceback> wrapped =
        parser.parse(
            "Traceback (most recent call last):\n  File \"/home/u/a/long/path/\n"
                + "site-packages/x/data_files.py\", line 335, in resolve_pattern\n    f()\n"
                + "TypeError: x\n");
    assertThat(wrapped.get(0).frames())
        .extracting(Frame::rawPath)
        .containsExactly("/home/u/a/long/path/site-packages/x/data_files.py");
    assertThat(parser.parse("he wrote to x.py\", line 3, in the log\n")).isEmpty();
    assertThat(
            parser.parse(
                "File Computer Science\\oop game.py\", line 21, in set_attr\n  exec(x)\n"
                    + "SyntaxError: invalid syntax\n"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.frames())
                    .extracting(Frame::rawPath)
                    .containsExactly("Computer Science\\oop game.py"));
  }

  /**
   * The exception stated above the traceback whose end the poster cut: right above its header, or
   * above its frames with a cut ({@code [...]}) or Streamlit's {@code Traceback:} label between
   * (before: untyped; 3 of 4,955 ML issue texts, and a Colab header glued to its exception's name
   * in one of PyMaker's 5,091 Stack Overflow bodies). The traceback's own exception wins; a header
   * without frames takes no type from above.
   */
  @Test
  void anExceptionStatedAboveACutTracebackTypesIt() {
    for (String text :
        List.of(
            "\tValueError: Invalid IPv6 URL\n"
                + "\tTraceback (most recent call last):\n"
                + "\t File \"fuzz.py\", line 22, in run\n"
                + "\t File \"forms.py\", line 350, in check\n",
            "ValueError: Invalid IPv6 URL\n[...]\n  File \"/a/fields.py\", line 92, in clean\n"
                + "    with open(name) as f:\n",
            "ValueError: Invalid IPv6 URL\nTraceback:\nFile \"/a/app.py\", line 10, in <module>\n"
                + "    ds = load()\nFile \"/a/load.py\", line 22, in load\n    raise E\n")) {
      assertThat(parser.parse(text))
          .as(text)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.exceptionType()).isEqualTo("ValueError");
                assertThat(t.message()).isEqualTo("Invalid IPv6 URL");
                assertThat(t.frames()).isNotEmpty();
              });
    }
    assertThat(
            parser.parse(
                "ValueError: first\n\nTraceback (most recent call last):\n"
                    + "  File \"a.py\", line 1, in <module>\nKeyError: 'k'\n"))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("KeyError");
    assertThat(
            parser.parse(
                "ValueError: first\nTraceback (most recent call last):\n"
                    + "  File \"C:\\Users\\a b\\Python36- \n 32\\lib\\case.py\n"))
        .extracting(Traceback::exceptionType)
        .doesNotContain("ValueError");
  }

  /**
   * Werkzeug's debugger page copied from the browser states the chain's last exception above its
   * sections and prints no exception line in them: the stated exception types the last section, not
   * the cause (before: the cause was typed {@code AttributeError} and the last section was
   * untyped). A cause with its own exception keeps it.
   */
  @Test
  void anExceptionStatedAboveAChainTypesItsLastSection() {
    String page =
        "AttributeError\nAttributeError: 'NoneType' object has no attribute 'id'\n\n"
            + "Traceback (most recent call last)\n"
            + "File \"/app/auth/__init__.py\", line 273, in create_and_login_user\n"
            + "user_object = models.User.get_by_email_and_org(user.email, org)\n"
            + "File \"/app/models/users.py\", line 300, in get_by_email_and_org\n"
            + "return cls.query.one()\n"
            + "During handling of the above exception, another exception occurred:\n"
            + "File \"/usr/lib/flask/app.py\", line 2463, in __call__\n"
            + "return self.wsgi_app(environ, start_response)\n"
            + "File \"/app/auth/__init__.py\", line 280, in create_and_login_user\n"
            + "user_object.id = 5\n";
    assertThat(parser.parse(page))
        .extracting(Traceback::exceptionType, Traceback::chainKind, t -> t.frames().size())
        .containsExactly(
            tuple(null, null, 2), tuple("AttributeError", ChainKind.DURING_HANDLING, 2));
    // the page's footer ends the message
    assertThat(
            parser.parse(
                page
                    + "The debugger caught an exception in your WSGI application. You can now"
                    + " look at the traceback which led to the error.\n"))
        .last()
        .extracting(Traceback::message)
        .isEqualTo("'NoneType' object has no attribute 'id'");
    assertThat(
            parser.parse(
                page.replace(
                    "During handling", "sqlalchemy.exc.NoResultFound: none\n\nDuring handling")))
        .first()
        .extracting(Traceback::exceptionType)
        .isEqualTo("sqlalchemy.exc.NoResultFound");
    // a chain sentence with no section after it: the stated exception stays with the cause
    assertThat(parser.parse(page.substring(0, page.indexOf("File \"/usr/lib/flask"))))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("AttributeError");
  }

  /**
   * Twisted's own output (Scrapy's logs print it too): {@code Failure: pkg.Type: message} names the
   * failure's exception (before: typed {@code Failure}, the real type left in the message); {@code
   * Unhandled error in Deferred:} introduces the next traceback, and trial's {@code ====} rule the
   * next test, so neither is the message's (before: both were). Recall audit 6: 148 and 49 of 1,673
   * Twisted mailing-list mails.
   */
  @Test
  void twistedFailuresAndTestRunnerRulesEndTheMessage() {
    String log =
        "Unhandled error in Deferred:\nTraceback (most recent call last):\n"
            + "  File \"/usr/lib/twisted/internet/defer.py\", line 653, in _runCallbacks\n"
            + "    current.result = callback(current.result, *args, **kw)\n"
            + "Failure: twisted.internet.error.TimeoutError: User timeout caused connection"
            + " failure.\n"
            + "Unhandled error in Deferred:\nTraceback (most recent call last):\n"
            + "  File \"/srv/spider.py\", line 12, in parse\n    body.read()\n"
            + "exceptions.AttributeError: 'str' object has no attribute 'read'\n"
            + "======================================================================\n"
            + "FAIL: testReadLimit (twisted.test.test_protocols.T)\n"
            + "Traceback (most recent call last):\n"
            + "  File \"/srv/test_protocols.py\", line 40, in testReadLimit\n"
            + "    self.assertEqual(a, 1)\n"
            + "AssertionError: 0 != 1\n";
    assertThat(parser.parse(log))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(
            tuple("twisted.internet.error.TimeoutError", "User timeout caused connection failure."),
            tuple("AttributeError", "'str' object has no attribute 'read'"),
            tuple("AssertionError", "0 != 1"));
    // a rule opening the message is the message's: torchrun's ChildFailedError
    String rule = "=".repeat(60);
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n  File \"/opt/bin/torchrun\", line 8, in"
                    + " <module>\n    sys.exit(main())\n"
                    + "torch.distributed.elastic.multiprocessing.errors.ChildFailedError: \n"
                    + rule
                    + "\ntrain.py FAILED\n"
                    + "-".repeat(60)
                    + "\n"))
        .singleElement()
        .extracting(Traceback::message)
        .isEqualTo("\n" + rule + "\ntrain.py FAILED");
    // "Failure:" followed by no exception line stays as it was
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n  File \"/a/x.py\", line 1, in f\n"
                    + "Failure: the job could not start\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("Failure", "the job could not start"));
  }

  /**
   * A frame's file written as a Markdown link, as Colab's, VS Code's and JupyterLab's "copy output"
   * writes it (VS Code cuts a path at its first blank; JupyterLab's link may have lost its target):
   * before, such frames were not read at all (of 4,955 ML issue texts, 44 hold the shape; their
   * tracebacks gain 223 frames). A line opening with a link that does not go on as a frame is left
   * as written.
   */
  @Test
  void framesWhoseFileIsAMarkdownLinkAreRead() {
    List<Traceback> colab =
        parser.parse(
            "ValueError                                Traceback (most recent call last)\n"
                + "[<ipython-input-4-0a1b2c3d4e5f>](https://localhost:8080/#) in <module>()\n"
                + "----> 2 model.fit(x, y)\n\n3 frames\n"
                + "[/usr/local/lib/python3.8/dist-packages/keras/engine/training.py]"
                + "(https://localhost:8080/#) in fit(self, x, y)\n"
                + "--> 1184         tmp_logs = self.train_function(iterator)\n\n"
                + "ValueError: Shapes (None, 1) and (None, 10) are incompatible\n");
    assertThat(colab).singleElement().extracting(Traceback::exceptionType).isEqualTo("ValueError");
    assertThat(frames(colab.get(0)))
        .containsExactly(
            new Object[] {"<ipython-input>", 2, "<module>"},
            new Object[] {"training", 1184, "fit"});

    List<Traceback> vscode =
        parser.parse(
            "[c:\\Users\\me\\n"
                + "b\\grid.py](file:///c:/Users/me/nb/grid.py) in plot(data)\n"
                + "-> 12     g = Grid(data)\n\n"
                + "[c:\\Program](file:///C:/Program) Files\\Python310\\lib\\frame.py in get(self,"
                + " key)\n"
                + "-> 3511     i = self.columns[key]\n\n"
                + "KeyError: \"['1'] not in index\"\n");
    assertThat(vscode).singleElement().extracting(Traceback::exceptionType).isEqualTo("KeyError");
    assertThat(vscode.get(0).frames())
        .extracting(Frame::rawPath)
        .containsExactly(
            "c:\\Users\\me\\nb\\grid.py", "c:\\Program Files\\Python310\\lib\\frame.py");

    List<Traceback> lab =
        parser.parse(
            "OSError                                   Traceback (most recent call last)\n"
                + "Cell In[2], line 4\n"
                + "----> 4 ds = load(\"x\")\n\n"
                + "File [~/env/lib/python3.12/site-packages/data/load.py:2151](http://localhost:8899/lab/tree/load.py#line=2150),"
                + " in load(path)\n"
                + "-> 2151 b.prepare()\n\n"
                + "File [~/env/lib/python3.12/site-packages/data/builder.py:924], in"
                + " prepare(self)\n"
                + "--> 924     self._prepare()\n\n"
                + "OSError: Invalid flatbuffers message.\n");
    assertThat(lab).singleElement().extracting(Traceback::exceptionType).isEqualTo("OSError");
    assertThat(frames(lab.get(0)))
        .containsExactly(
            new Object[] {"<ipython-input>", 4, "<module>"},
            new Object[] {"load", 2151, "load"},
            new Object[] {"builder", 924, "prepare"});

    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n"
                    + "[see the docs](https://keras.io/guide) on fit\n"
                    + "[x] in the list\nValueError: bad\n"))
        .singleElement()
        .satisfies(t -> assertThat(t.frames()).hasSize(1));
  }

  /**
   * Frame lines typed by hand in another case or without a comma ({@code file '…', line 147 in
   * <module>}, {@code File "…", Line 2, in <module>}): before, the traceback was lost (2 of
   * PyMaker's 5,091 real bodies; a third had {@code Line 13, in f} without its path).
   */
  @Test
  void frameLinesTypedByHandAreReadAsPythonWritesThem() {
    String exception = "OSError: [Errno 22] Invalid argument\n";
    for (String frame :
        List.of(
            "file 'C:\\Users\\u\\survivor village.py', line 147 in <module>  ",
            "  File \"C:\\Users\\u\\survivor village.py\", Line 147, in <module>",
            "FILE \"C:\\Users\\u\\survivor village.py\" line 147 in <module>")) {
      List<Traceback> found =
          parser.parse(
              "Traceback (most recent call last):  \n" + frame + "\nf = open(name)\n" + exception);
      assertThat(found).as(frame).hasSize(1);
      assertThat(frames(found.get(0)))
          .as(frame)
          .containsExactly(new Object[] {"survivor village", 147, "<module>"});
      assertThat(found.get(0).exceptionType()).isEqualTo("OSError");
    }
    assertThat(
            frames(
                parser
                    .parse(
                        "Traceback (most recent call last):\n    Line 13, in analyze\n"
                            + "        x = int(j.value)\n    TypeError: int() argument\n")
                    .get(0)))
        .containsExactly(new Object[] {"<unknown>", 13, "analyze"});
  }

  /**
   * Frames tools write their own way, and paths cut with their quotes: nose's {@code tests/x.py
   * line 26 in test_1}, Wing IDE's {@code Python Shell, prompt 3, line 1} over {@code
   * builtins.TypeError: …} (the built-in's qualified name, as Python 2's {@code
   * exceptions.OSError}), {@code File line 181, in f} and {@code , line 31, in <module>} (before:
   * each traceback lost, or typed {@code builtins.TypeError}; 11 of PyMaker's 5,091 real bodies
   * change). {@code File , line 28} stays a name HTML rendering ate.
   */
  @Test
  void framesToolsWriteTheirOwnWayAndCutPathsAreRead() {
    List<Traceback> nose =
        parser.parse(
            "Traceback (most recent call last):\n tests/game_test.py line 26 in test_1\n"
                + "   self.assertTrue(self.game.deal())\n lib/game.py line 8 in deal\n"
                + "   card1 = self.pickCard()\nStopIteration\n");
    assertThat(frames(nose.get(0)))
        .containsExactly(
            new Object[] {"game_test", 26, "test_1"}, new Object[] {"game", 8, "deal"});
    assertThat(nose.get(0).exceptionType()).isEqualTo("StopIteration");

    List<Traceback> wing =
        parser.parse(
            "Traceback (most recent call last):\n  Python Shell, prompt 3, line 1\n"
                + "builtins.TypeError: print() missing 1 required positional argument: 'self'\n");
    assertThat(frames(wing.get(0))).containsExactly(new Object[] {"<Python Shell>", 1, "<module>"});
    assertThat(wing.get(0).exceptionType()).isEqualTo("TypeError");
    assertThat(
            parser
                .parse(
                    "Traceback (most recent call last):\n  File \"/a/x.py\", line 2, in f\n"
                        + "exceptions.OSError: [Errno 2] No such file\n")
                .get(0)
                .exceptionType())
        .isEqualTo("OSError");

    List<Traceback> cut =
        parser.parse(
            "Traceback (most recent call last):\n  File  line 181, in onListBox\n    f(x)\n"
                + "      , line 31, in <module>\n        ser.write(b)\n"
                + "TypeError: argument must be 9-item sequence\n");
    assertThat(frames(cut.get(0)))
        .containsExactly(
            new Object[] {"<unknown>", 181, "onListBox"},
            new Object[] {"<unknown>", 31, "<module>"});
    assertThat(
            frames(
                parser
                    .parse(
                        "Traceback (most recent call last):\nFile , line 28, in <module>\n"
                            + "NameError: name 'answer' is not defined\n")
                    .get(0)))
        .containsExactly(new Object[] {TraceLexer.SWALLOWED, 28, "<module>"});
  }

  /** A colour code whose ESC byte a console or a dump printed as something else. */
  @ParameterizedTest
  @ValueSource(strings = {"\u2190", "\\u001b", "\\x1b", "\\033", "\\e", "^[", "#033", "\ufffd"})
  void colourCodesWithAnEscStandInAreRemoved(String esc) {
    String text =
        esc
            + "[1;31mNameError"
            + esc
            + "[0m                                 Traceback (most recent call last)\n"
            + esc
            + "[1;32m<ipython-input-1-3a5b>"
            + esc
            + "[0m in "
            + esc
            + "[0;36m<module>"
            + esc
            + "[1;34m()"
            + esc
            + "[0m\n"
            + esc
            + "[1;32m----> 1"
            + esc
            + "[0m print(x)\n"
            + esc
            + "[1;31mNameError"
            + esc
            + "[0m: name 'x' is not defined\n";
    assertThat(TextNormalizer.normalize(text)).doesNotContain(esc);
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(new Object[] {"<ipython-input>", 1, "<module>"});
    assertThat(found.get(0).exceptionType()).isEqualTo("NameError");
    assertThat(found.get(0).message()).isEqualTo("name 'x' is not defined");
    // the stand-in alone, or before text that is no colour code, stays
    assertThat(TextNormalizer.normalize("a " + esc + " b [x]")).isEqualTo("a " + esc + " b [x]");
  }

  /** rich (Typer, pip) draws the traceback in a box, frames as {@code path:N in f}. */
  @Test
  void richTracebackBoxIsReadAsFrames() {
    String text =
        "\u256d\u2500\u2500\u2500 Traceback (most recent call last) \u2500\u2500\u2500\u256e\n"
            + "\u2502 /home/mo/tools/cli.py:21 in main                 \u2502\n"
            + "\u2502                                                  \u2502\n"
            + "\u2502   20 \u2502   cfg = load(path)                        \u2502\n"
            + "\u2502 \u2771 21 \u2502   run(cfg[\"jobs\"])                      \u2502\n"
            + "\u2502                                                  \u2502\n"
            + "\u2502 C:\\Users\\mo\\tools\\cli.py:12 in run               \u2502\n"
            + "\u2502 \u256d\u2500\u2500 locals \u2500\u2500\u256e                                 "
            + "  \u2502\n"
            + "\u2502 \u2502 jobs = {} \u2502                                   \u2502\n"
            + "\u2502 \u2570\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u256f     "
            + "                              \u2502\n"
            + "\u2570\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u256f\n"
            + "AttributeError: 'dict' object has no attribute 'start'\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(new Object[] {"cli", 21, "main"}, new Object[] {"cli", 12, "run"});
    assertThat(found.get(0).exceptionType()).isEqualTo("AttributeError");
    // a box that is no traceback is left alone
    assertThat(
            parser.parse("\u256d\u2500 Error \u2500\u256e\n\u2502 /x/cli.py:21 in main \u2502\n"))
        .isEmpty();
  }

  /** pytest {@code --tb=short}: {@code path.py:N: in f} frames and {@code E } lines. */
  @Test
  void pytestShortFramesAndTheEMargin() {
    String text =
        "__________________________ test_total ___________________________\n"
            + "tests/test_cart.py:14: in test_total\n"
            + "    assert cart.total() == 30\n"
            + "shop/cart.py:22: in <genexpr>\n"
            + "    return sum(i.price * i.qty for i in self.items)\n"
            + "E   TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(
            new Object[] {"test_cart", 14, "test_total"}, new Object[] {"cart", 22, "<genexpr>"});
    assertThat(found.get(0).exceptionType()).isEqualTo("TypeError");
    // prose with the same punctuation is no frame
    assertThat(parser.parse("See notes.py: in short, it fails\nE and more\n")).isEmpty();
  }

  /** torchrun's {@code [rankN]:} prefixes: two processes' tracebacks printed line by line. */
  @Test
  void tracebacksInterleavedUnderDifferentPrefixesAreSeparated() {
    StringBuilder b = new StringBuilder();
    String[] lines = {
      "Traceback (most recent call last):",
      "  File \"/w/train.py\", line 98, in <module>",
      "    trainer.fit()",
      "  File \"/w/trainer.py\", line 41, in fit",
      "    dist.all_reduce(t)",
      "torch.distributed.DistBackendError: NCCL error"
    };
    for (String line : lines) {
      b.append("[rank0]: ").append(line).append('\n');
      b.append("[rank1]: ").append(line).append('\n');
    }
    List<Traceback> found = parser.parse(b.toString());
    assertThat(found).hasSize(2);
    for (Traceback t : found) {
      assertThat(frames(t))
          .containsExactly(
              new Object[] {"train", 98, "<module>"}, new Object[] {"trainer", 41, "fit"});
      assertThat(t.exceptionType()).isEqualTo("torch.distributed.DistBackendError");
    }
    // one traceback whose prefix is a timestamp changing on every line stays in order
    String logged =
        "12:00:01.101 Traceback (most recent call last):\n"
            + "12:00:01.102   File \"/w/a.py\", line 3, in f\n"
            + "12:00:01.103     g()\n"
            + "12:00:01.104 ValueError: bad\n";
    List<Traceback> one = parser.parse(logged);
    assertThat(one).hasSize(1);
    assertThat(one.get(0).exceptionType()).isEqualTo("ValueError");
  }

  /** py-spy's {@code dump}: one stack per thread, {@code f (file.py:N)}, innermost first. */
  @Test
  void pySpyDumpGivesOneTracebackPerThread() {
    String text =
        "Process 8812: python train.py\n"
            + "Python v3.10.12 (/usr/bin/python3.10)\n\n"
            + "Thread 8812 (idle): \"MainThread\"\n"
            + "    get (queue.py:171)\n"
            + "    __next__ (torch/utils/data/dataloader.py:631)\n"
            + "    <module> (train.py:140)\n"
            + "Thread 0x7F1A2B (active+gil): \"Thread-1\"\n"
            + "    run (tensorboard/summary/writer/event_file_writer.py:233)\n";
    assertThat(TraceLexer.mayHoldFrames(text)).isTrue();
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(2);
    assertThat(frames(found.get(0)))
        .containsExactly(
            new Object[] {"queue", 171, "get"},
            new Object[] {"dataloader", 631, "__next__"},
            new Object[] {"train", 140, "<module>"});
    assertThat(frames(found.get(1)))
        .containsExactly(new Object[] {"event_file_writer", 233, "run"});
    assertThat(found).extracting(Traceback::exceptionType).containsOnlyNulls();
    // the same line outside a thread's dump is no frame
    assertThat(parser.parse("Thread safety: see get (queue.py:171) in the docs\n")).isEmpty();
  }

  /** AWS Lambda's {@code stackTrace} and JSON logs hold frames with escaped quotes. */
  @Test
  void framesWithEscapedQuotesInAJsonString() {
    String text =
        "{\n  \"errorMessage\": \"'Records'\",\n  \"errorType\": \"KeyError\",\n"
            + "  \"stackTrace\": [\n"
            + "    \"  File \\\"/var/task/lambda_function.py\\\", line 11, in lambda_handler\\n"
            + "    for record in event['Records']:\\n\"\n  ]\n}\n";
    List<Traceback> found = parser.parse(text);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(new Object[] {"lambda_function", 11, "lambda_handler"});
  }

  /**
   * A notebook's error output pasted as its JSON ({@code "traceback": [ … ]}, one escaped string a
   * line, colour codes written as {@code \u001b}): the strings' text is the traceback, and the
   * array's end ends the message.
   */
  @Test
  void aNotebooksTracebackArrayIsReadAsItsText() {
    String esc = "\\u001b";
    String notebook =
        "     \"output_type\": \"error\",\n     \"traceback\": [\n"
            + "      \""
            + esc
            + "[0;31mValueError"
            + esc
            + "[0m                                Traceback (most recent call last)\",\n"
            + "      \"Cell "
            + esc
            + "[0;32mIn[3], line 1"
            + esc
            + "[0m\\n----> 1 f()\\n\",\n"
            + "      \"File "
            + esc
            + "[0;32m/tmp/x.py:5"
            + esc
            + "[0m, in "
            + esc
            + "[0;36mf"
            + esc
            + "[0;34m()\\n----> 5     raise ValueError(\\\"bad\\\")\\n\",\n"
            + "      \""
            + esc
            + "[0;31mValueError"
            + esc
            + "[0m: bad \\\"x\\\"\"\n     ]\n    }\n   ],\n";
    List<Traceback> found = parser.parse(notebook);
    assertThat(found).hasSize(1);
    assertThat(frames(found.get(0)))
        .containsExactly(
            new Object[] {"<ipython-input>", 1, "<module>"}, new Object[] {"x", 5, "f"});
    assertThat(found.get(0).exceptionType()).isEqualTo("ValueError");
    assertThat(found.get(0).message()).isEqualTo("bad \"x\"");

    // a log's array whose strings hold escaped quotes, CPython's format, a string a frame
    String log =
        "  \"traceback\": [\n    \"Traceback (most recent call last):\\n\",\n"
            + "    \"  File \\\"train.py\\\", line 10, in <module>\\n    model.fit(x)\\n\",\n"
            + "    \"  File \\\"/usr/lib/keras/training.py\\\", line 1100, in fit\\n"
            + "    raise ValueError('bad')\\n\",\n"
            + "    \"ValueError: bad input shape\\n\"\n  ]\n}\n";
    Traceback t = parser.parse(log).get(0);
    assertThat(frames(t))
        .containsExactly(
            new Object[] {"train", 10, "<module>"}, new Object[] {"training", 1100, "fit"});
    assertThat(t.message()).isEqualTo("bad input shape");

    // an array that also holds something else than strings, or no traceback, is left as it is
    List<String> mixed =
        List.of("x = [", "  \"Traceback (most recent call last):\",", "  3,", "  \"a\"", "]");
    assertThat(PasteRepair.jsonStringArrays(mixed)).isSameAs(mixed);
    List<String> words = List.of("x = [", "  \"File\",", "  \"line 3\"", "]");
    assertThat(PasteRepair.jsonStringArrays(words)).isSameAs(words);
  }

  /**
   * TensorFlow 1.x repeats the error after the listing of the failed op's creation ({@code Name
   * (see above for traceback): …}): it types the listing pasted alone and a traceback whose own
   * exception line the poster cut; after a whole traceback it stays part of the message.
   */
  @Test
  void tensorflowsSeeAboveLineTypesAListingPastedAlone() {
    String listing =
        "Running it gives:\n\n"
            + "Caused by op 'Variable/read', defined at:\n"
            + "  File \"<stdin>\", line 2, in <module>\n"
            + "  File \"/site-packages/tensorflow/python/ops/variables.py\", line 199, in"
            + " __init__\n"
            + "    expected_shape=expected_shape)\n\n"
            + "FailedPreconditionError (see above for traceback): Attempting to use uninitialized"
            + " value Variable\n"
            + "\t [[Node: Variable/read = Identity[T=DT_INT32]]]\n\n"
            + "It seems the initializer is broken.\n";
    Traceback alone = parser.parse(listing).get(0);
    assertThat(alone.exceptionType()).isEqualTo("FailedPreconditionError");
    assertThat(alone.message())
        .isEqualTo(
            "Attempting to use uninitialized value Variable\n"
                + "[[Node: Variable/read = Identity[T=DT_INT32]]]");
    assertThat(frames(alone))
        .containsExactly(
            new Object[] {"<stdin>", 2, "<module>"}, new Object[] {"variables", 199, "__init__"});

    String cut =
        "Traceback (most recent call last):\n  File \"train.py\", line 12, in <module>\n"
            + "    sess.run(step)\n"
            + "ResourceExhaustedError (see above for traceback): OOM when allocating tensor\n";
    assertThat(parser.parse(cut))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("ResourceExhaustedError", "OOM when allocating tensor"));

    String whole =
        "Traceback (most recent call last):\n  File \"train.py\", line 12, in <module>\n"
            + "    sess.run(step)\n"
            + "tensorflow.python.framework.errors_impl.InvalidArgumentError: You must feed x\n\n"
            + "Caused by op 'x', defined at:\n  File \"train.py\", line 5, in <module>\n"
            + "    x = tf.placeholder(tf.float32)\n\n"
            + "InvalidArgumentError (see above for traceback): You must feed x\n";
    Traceback t = parser.parse(whole).get(0);
    assertThat(t.exceptionType())
        .isEqualTo("tensorflow.python.framework.errors_impl.InvalidArgumentError");
    assertThat(t.message())
        .startsWith("You must feed x\n")
        .endsWith("(see above for traceback): You must feed x");
    assertThat(t.nestedFrames()).hasSize(1);

    // the same pasted without its blank lines and indentation (a comment box that reflowed it):
    // before session 38 the listing was a second traceback, typed again by the see-above line
    String flat =
        "Traceback (most recent call last):\nFile \"train.py\", line 12, in <module>\n"
            + "sess.run(step)\n"
            + "tensorflow.python.framework.errors_impl.InvalidArgumentError: You must feed x\n"
            + "[[Node: x = Placeholder[dtype=DT_FLOAT]()]]\n"
            + "Caused by op 'x', defined at:\nFile \"train.py\", line 5, in <module>\n"
            + "x = tf.placeholder(tf.float32)\n"
            + "File \"/tf/ops/array_ops.py\", line 1548, in placeholder\n"
            + "return gen_array_ops._placeholder(dtype=dtype, shape=shape, name=name)\n"
            + "InvalidArgumentError (see above for traceback): You must feed x\n";
    assertThat(parser.parse(flat))
        .singleElement()
        .satisfies(
            one -> {
              assertThat(one.frames()).hasSize(1);
              assertThat(one.nestedFrames())
                  .extracting(Frame::function)
                  .containsExactly("<module>", "placeholder");
              assertThat(one.message()).endsWith("(see above for traceback): You must feed x");
            });
  }

  /**
   * IPython's header followed by its exception, the frames cut by the poster, is a typed traceback
   * as CPython's header and exception are (the type before the header is no line prefix).
   */
  @Test
  void anIpythonHeaderOverItsExceptionIsATypedTraceback() {
    for (String header :
        List.of(
            "ModuleNotFoundError                       Traceback (most recent call last)\n",
            "Traceback (most recent call last):\n")) {
      assertThat(parser.parse(header + "ModuleNotFoundError: No module named 'numpy.core'\n"))
          .extracting(Traceback::exceptionType, Traceback::message)
          .containsExactly(tuple("ModuleNotFoundError", "No module named 'numpy.core'"));
    }
  }

  /** Markdown bold typed around a line of a traceback in a code block. */
  @Test
  void markdownBoldAroundALineIsRemoved() {
    String text =
        "Traceback (most recent call last):\n  File \"/a/loading.py\", line 79, in init\n"
            + "    batch = int(n * interval)\n"
            + "**OverflowError: cannot convert float infinity to integer**\n";
    assertThat(parser.parse(text))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("OverflowError", "cannot convert float infinity to integer"));
    // bold inside a line, or a line of stars, stays
    String untouched = "f(**kwargs)\n****\n**a** and **b**\n** x**\n***b***";
    assertThat(PasteRepair.repair(untouched)).isEqualTo(untouched);
  }

  /**
   * A Markdown marker a poster typed around a whole pasted block, or around each of its paragraphs
   * (a backtick, or one to four stars; blind sets 8 and 9): before, the closing marker stayed glued
   * to the end of the exception's message ({@code … a.all()`}, {@code was passed*}).
   */
  @Test
  void markdownMarkersAroundAWholePasteAreRemoved() {
    String frames =
        "Traceback (most recent call last):\n  File \"/a/w.py\", line 9, in run\n    f()\n";
    assertThat(parser.parse("`Exception in thread Thread-2:\n" + frames + "ValueError: a.all()`\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("ValueError", "a.all()"));
    assertThat(
            parser.parse(
                "`Exception in thread T-1:\n"
                    + frames
                    + "ValueError: one`\n\n`Exception in thread T-2:\n"
                    + frames
                    + "KeyError: 'two'`\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("ValueError", "one"), tuple("KeyError", "'two'"));
    assertThat(parser.parse("*-----\n" + frames + "TypeError: x was passed*\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("TypeError", "x was passed"));
    assertThat(
            parser.parse(
                "****Traceback (most recent call last):   File \"/a/s.py\", line 7, in <module>"
                    + "     f() NameError: name 'gensim' is not defined****"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("NameError", "name 'gensim' is not defined"));
    // bold around some lines of a block is bold around lines: the exception's line keeps its text
    assertThat(
            parser.parse(
                "**x = f()\ny = g()**\n\n"
                    + frames
                    + "\n**UnicodeDecodeError: 'gbk' codec can't decode byte 0x94**\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("UnicodeDecodeError", "'gbk' codec can't decode byte 0x94"));
    // stars inside the text, or a marker not glued to the text, stay
    String untouched =
        frames + "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'\n";
    assertThat(PasteRepair.repair(untouched)).isEqualTo(untouched);
    String spaced = "* " + frames + "ValueError: x *\n";
    assertThat(PasteRepair.repair(spaced)).isEqualTo(spaced);
  }

  /**
   * IPython output under pytest's {@code E} margin (nbval, pytest-notebook): the prefix search took
   * {@code E ValueError} before the header as the prefix, which no other line repeats, so nothing
   * was stripped and the exception's message was lost. The header's exception name is not part of
   * the prefix.
   */
  @Test
  void ipythonOutputUnderPytestsMarginKeepsItsMessage() {
    String pasted =
        "E   ---------------------------------------------------------------------------\n"
            + "E   ValueError                                Traceback (most recent call last)\n"
            + "E   <ipython-input-1-abc> in <module>\n"
            + "E   ----> 1 f()\n"
            + "E   \n"
            + "E   /home/u/lib/m.py in f()\n"
            + "E         3 def f():\n"
            + "E   ----> 4     raise ValueError(\"x\")\n"
            + "E   \n"
            + "E   ValueError: x must be positive\n";
    List<Traceback> read = parser.parse(pasted);
    assertThat(read).hasSize(1);
    assertThat(read.get(0).exceptionType()).isEqualTo("ValueError");
    assertThat(read.get(0).message()).isEqualTo("x must be positive");
    assertThat(framesOf(pasted))
        .containsExactly("<ipython-input-1-abc>:1:<module>", "/home/u/lib/m.py:4:f");
  }

  /**
   * A header, the source line of a frame whose {@code File …} line the poster cut, and the
   * exception: the exception was lost (the source line ended the header's traceback). It is now the
   * traceback's, with no frame; prose in that place still ends it.
   */
  @Test
  void anExceptionAfterASourceLineWhoseFrameLineWasCutIsRead() {
    List<Traceback> read =
        parser.parse(
            "Traceback (most recent call last):\n"
                + "    loss = model.get_latest_training_loss()\n"
                + "AttributeError: 'Doc2Vec' object has no attribute 'get_latest_training_loss'\n");
    assertThat(read).hasSize(1);
    assertThat(read.get(0).exceptionType()).isEqualTo("AttributeError");
    assertThat(read.get(0).frames()).isEmpty();
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n    Some prose without code\nValueError: x\n"))
        .isEmpty();
  }

  /**
   * Notebook frames of compiled modules and numpy's dispatcher: IPython 8's relative Cython path
   * ({@code File pandas/_libs/index.pyx:167, in …}, every pandas KeyError in Jupyter), old
   * IPython's Cython file without a directory, with its C location, and {@code <__array_function__
   * internals> in f(…)}. Before, each of these frames was lost (recall audit, session 36).
   */
  @Test
  void notebookFramesOfCompiledModulesAreRead() {
    String ipython8 =
        "KeyError                                  Traceback (most recent call last)\n"
            + "Cell In[4], line 2\n----> 2 df.loc['z']\n\n"
            + "File pandas/_libs/index.pyx:167, in pandas._libs.index.IndexEngine.get_loc()\n\n"
            + "File pandas/_libs/hashtable_class_helper.pxi:7080, in"
            + " pandas._libs.hashtable.PyObjectHashTable.get_item()\n\n"
            + "File c:\\env\\pandas\\core\\base.py:3812, in Index.get_loc(self, key)\n\n"
            + "KeyError: 'z'\n";
    assertThat(framesOf(ipython8))
        .containsExactly(
            "Cell In[4]:2:<module>",
            "pandas/_libs/index.pyx:167:pandas._libs.index.IndexEngine.get_loc",
            "pandas/_libs/hashtable_class_helper.pxi:7080:"
                + "pandas._libs.hashtable.PyObjectHashTable.get_item",
            "c:\\env\\pandas\\core\\base.py:3812:Index.get_loc");
    String oldIpython =
        "RuntimeError                              Traceback (most recent call last)\n"
            + "~/env/turicreate/extensions.py in __run_class_function(self, fnname, args)\n"
            + "--> 274             ret = self._tkclass.call_function(fnname, argument_dict)\n\n"
            + "cy_model.pyx in turicreate._cython.cy_model.UnityModel.call_function()\n\n"
            + "C:\\Anaconda\\gensim\\doc2vec_inner.pyx in gensim.doc2vec_inner.train_document_dm"
            + " (./gensim/models/doc2vec_inner.c:5165)()\n"
            + "--> 408        word_vectors = model.wv.syn0\n\n"
            + "<__array_function__ internals> in concatenate(*args, **kwargs)\n\n"
            + "RuntimeError: An error occurred\n";
    assertThat(framesOf(oldIpython))
        .containsExactly(
            "~/env/turicreate/extensions.py:274:__run_class_function",
            "cy_model.pyx:null:turicreate._cython.cy_model.UnityModel.call_function",
            "C:\\Anaconda\\gensim\\doc2vec_inner.pyx:408:gensim.doc2vec_inner.train_document_dm",
            "<__array_function__ internals>:null:concatenate");
    assertThat(parser.parse(oldIpython).get(0).exceptionType()).isEqualTo("RuntimeError");
    // wrapped after "in", as a Cython include file (.pxi) or compiled file (.pyo) too (blind set 9)
    for (String file : List.of("/usr/x/pyarrow/io.pxi", "/usr/x/pyarrow/io.pyo")) {
      String wrapped =
          "AttributeError                            Traceback (most recent call last)\n"
              + "<ipython-input-1-ab> in <module>\n----> 1 import gensim\n\n"
              + file
              + " in\npyarrow.lib.Buffer.__reduce_ex__()\n\nAttributeError: boom\n";
      assertThat(framesOf(wrapped))
          .as(file)
          .containsExactly(
              "<ipython-input-1-ab>:1:<module>", file + ":null:pyarrow.lib.Buffer.__reduce_ex__");
    }
    for (String prose :
        List.of(
            "File setup.py:12, in my notes, was changed.",
            "The model.pyx in my_func() was slow and x.pyx in y",
            "see <my file> in f(x) and then")) {
      assertThat(parser.parse(prose)).as(prose).isEmpty();
    }
  }

  /**
   * logging's report of a failed record: the exception's message ends at {@code Call stack:}, and
   * {@code Message:} after the call stack is no exception; log levels and doctest's {@code
   * Expected:} are none either (recall audit, session 36).
   */
  @Test
  void labelsThatNameNoExceptionAreNotTypes() {
    String logging =
        "--- Logging error ---\nTraceback (most recent call last):\n"
            + "  File \"/usr/lib/python3.8/logging/__init__.py\", line 1085, in emit\n"
            + "    msg = self.format(record)\n"
            + "TypeError: not all arguments converted during string formatting\n"
            + "Call stack:\n  File \"train.py\", line 12, in <module>\n    main()\n"
            + "Message: 'loss'\nArguments: (0.25,)\n";
    List<Traceback> found = parser.parse(logging);
    assertThat(found.get(0).exceptionType()).isEqualTo("TypeError");
    assertThat(found.get(0).message())
        .isEqualTo("not all arguments converted during string formatting");
    assertThat(found).extracting(Traceback::exceptionType).containsOnly("TypeError", null);
    String doctest =
        "File \"/home/u/proj/mod.py\", line 12, in mod.add\nFailed example:\n    add(1, 2)\n"
            + "Expected:\n    4\nGot:\n    3\n";
    assertThat(parser.parse(doctest)).isEmpty(); // a doctest location, no frame (session 52)
    String level =
        "Traceback (most recent call last):\n  File \"t.py\", line 3, in fit\n"
            + "WARNING: nan loss detected, ending training\n";
    assertThat(parser.parse(level))
        .extracting(Traceback::exceptionType)
        .containsOnly((String) null);
  }

  /**
   * A frame whose {@code <module>} Stack Overflow ate as an HTML tag, in a paste that lost its
   * indentation: the line after {@code in} is the frame's source, not its name, when it is a call
   * or a keyword ({@code sys.exit(run())}, {@code raise}); a bare name there is still a name the
   * terminal wrapped. Flattened, the next frame's {@code File} is not the eaten name either.
   * Before, the functions read {@code sys.exit}, {@code raise} and {@code File} (recall audit,
   * session 38: 667 frames of 15,246 real texts).
   */
  @Test
  void aCallAfterAFramesEatenNameIsItsSourceNotItsName() {
    String unindented =
        "Traceback (most recent call last):\n"
            + "File \"/env/bin/allennlp\", line 8, in \n"
            + "sys.exit(run())\n"
            + "File \"/env/allennlp/main.py\", line 34, in\n"
            + "run\n"
            + "File \"/env/allennlp/train.py\", line 9, in\n"
            + "raise\n"
            + "RuntimeError: CUDA out of memory\n";
    assertThat(framesOf(unindented))
        .containsExactly(
            "/env/bin/allennlp:8:<swallowed>",
            "/env/allennlp/main.py:34:run",
            "/env/allennlp/train.py:9:<swallowed>");
    assertThat(parser.parse(unindented))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("RuntimeError");
    String flattened =
        "Traceback (most recent call last): File \"main.py\", line 82, in  File"
            + " \"argv_init__.py\", line 35, in run x = 1 / 0 ZeroDivisionError: division by zero";
    assertThat(framesOf(flattened))
        .containsExactly("main.py:82:<swallowed>", "argv_init__.py:35:run");
  }

  /**
   * A paste that lost its indentation and was hard-wrapped by an 80-column terminal: the frames cut
   * at the wrap width ({@code in _run_mo} / {@code dule_as_main}) are joined back, while a bare
   * name at column 0 after a frame of another length is its source line (Python 3.8+ shows an
   * argument's line of a call over several lines) and a keyword is never a fragment. Before, the
   * cut names were kept and each cut ended the traceback (recall audit, session 38).
   */
  @Test
  void anUnindentedPasteWrappedAtATerminalsWidthHasItsNamesJoined() {
    String wrapped =
        "Traceback (most recent call last):\n"
            + "File \"C:\\Program Files\\Anaconda3\\envs\\py35\\lib\\runpy.py\", line 184, in"
            + " _run_mo\n"
            + "dule_as_main\n"
            + "\"__main__\", mod_spec)\n"
            + "File \"C:\\Program Files\\Anaconda3\\envs\\py35\\lib\\runpy.py\", line 85, in"
            + " _run_cod\n"
            + "e\n"
            + "exec(code, run_globals)\n"
            + "File \"C:\\work\\imagenet_test.py\", line 57, in main\n"
            + "raise\n"
            + "SyntaxError: invalid syntax\n";
    assertThat(framesOf(wrapped))
        .containsExactly(
            "C:\\Program Files\\Anaconda3\\envs\\py35\\lib\\runpy.py:184:_run_module_as_main",
            "C:\\Program Files\\Anaconda3\\envs\\py35\\lib\\runpy.py:85:_run_code",
            "C:\\work\\imagenet_test.py:57:main");
    assertThat(parser.parse(wrapped))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("SyntaxError");
    String argumentLine =
        "Traceback (most recent call last):\n"
            + "File \"/home/user/envs/env/lib/python3.8/site-packages/pytorch_lightning/trainer/"
            + "evaluation_loop.py\", line 214, in log_epoch_metrics\n"
            + "test_mode\n"
            + "File \"/home/user/envs/env/lib/python3.8/site-packages/pytorch_lightning/trainer/"
            + "connector.py\", line 9, in on_end\n"
            + "x = y\n"
            + "KeyError: 'loss'\n";
    assertThat(framesOf(argumentLine))
        .extracting(f -> f.substring(f.lastIndexOf(':') + 1))
        .containsExactly("log_epoch_metrics", "on_end");
  }

  private List<String> framesOf(String text) {
    return parser.parse(text).stream()
        .flatMap(t -> t.frames().stream())
        .map(f -> f.rawPath() + ":" + f.line() + ":" + f.function())
        .toList();
  }

  /**
   * A frame's source glued after its function on the frame's line stays out of the function name;
   * jinja's function in words ({@code top-level template code}) is kept whole.
   */
  @Test
  void sourceGluedAfterTheFunctionIsNotItsName() {
    for (String glued :
        List.of(
            "<module> from contextlib import nullcontext",
            "raise_for_status raise",
            "run return x",
            "<module> import torch",
            "<module>main()",
            "<lambda>x + 1")) {
      String text =
          "Traceback (most recent call last):\nFile \"x.py\", line 3, in "
              + glued
              + "\nImportError: cannot import name 'nullcontext'\n";
      Traceback t = parser.parse(text).get(0);
      assertThat(t.frames())
          .extracting(Frame::function)
          .containsExactly(glued.split(" |(?<=>)")[0]);
      assertThat(t.exceptionType()).isEqualTo("ImportError");
    }
    String jinja =
        "Traceback (most recent call last):\n"
            + "  File \"templates/x.html\", line 3, in top-level template code\n    {{ y }}\n"
            + "UndefinedError: 'y' is undefined\n";
    assertThat(parser.parse(jinja).get(0).frames())
        .extracting(Frame::function)
        .containsExactly("top-level template code");
    String qualified =
        "Traceback (most recent call last):\n"
            + "  File \"x.py\", line 3, in f.<locals>.<lambda>\n"
            + "  File \"x.py\", line 5, in <genexpr>\n"
            + "  File \"x.py\", line 7, in <lambda>.run\n"
            + "KeyError: 'y'\n";
    assertThat(parser.parse(qualified).get(0).frames())
        .extracting(Frame::function)
        .as("a qualified name keeps its <...> groups")
        .containsExactly("f.<locals>.<lambda>", "<genexpr>", "<lambda>.run");
  }

  /**
   * A log console's copy (AWS CloudWatch, as SageMaker users paste it) puts each record's time on a
   * line of its own, with blank lines around: the time lines go, the traceback is one.
   */
  @Test
  void timeLinesBetweenATracebacksLinesAreRemoved() {
    for (String time : List.of("17:55:56", "2020-04-27T17:55:56.123Z", "2020-04-27 17:55:56,5")) {
      String text =
          String.join(
              "\n\n" + time + "\n",
              "Traceback (most recent call last):",
              "  File \"/opt/ml/code/train.py\", line 193, in <module>",
              "    main()",
              "  File \"/opt/ml/code/train.py\", line 85, in main",
              "    fit()",
              "ValueError: bad shape");
      assertThat(parser.parse(text))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.frames()).hasSize(2);
                assertThat(t.exceptionType()).isEqualTo("ValueError");
                assertThat(t.message()).isEqualTo("bad shape");
              });
    }
    // one time line is left alone, and a time inside a message line is text
    List<String> one = List.of("12:00:01", "x");
    assertThat(PasteRepair.withoutTimeLines(one)).isSameAs(one);
    List<String> inText = List.of("ValueError: at 12:00:01", "ValueError: at 12:00:02");
    assertThat(PasteRepair.withoutTimeLines(inText)).isSameAs(inText);
  }

  /** Prose that names a file and a function in running text is no traceback. */
  @Test
  void proseNamingAFileAndAFunctionIsNoTraceback() {
    String html =
        "<p>I stepped through /home/me/project/utils/data.py in load_batch() with the debugger,"
            + " and File \"utils/data.py\" in my editor shows nothing odd.</p>";
    assertThat(inHtml(html)).isEmpty();
    // the same frame starting its line, as an old IPython paste prints it, is one
    assertThat(parser.parse("/home/me/project/utils/data.py in load_batch(self, i)\n")).hasSize(1);
  }

  /**
   * A Markdown heading ending in a colon before a listing ({@code Stacktrace:}, {@code Details:})
   * titles it; it is no exception line printed before the frames (recall audit, session 39: two
   * GitHub issues typed {@code Stacktrace} and {@code Details}).
   */
  @Test
  void aHeadingBeforeAListingIsNoExceptionType() {
    String pytest =
        "Details:\n"
            + "../lib/python3.7/site-packages/chainermn/communicators/base.py:69: in __init__\n"
            + "    elif isinstance(obj, collections.Iterable):\n";
    assertThat(parser.parse(pytest))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).hasSize(1);
              assertThat(t.exceptionType()).isNull();
            });
    String titled =
        "AttributeError: 'NoneType' object has no attribute 'state_dict'\n"
            + "Stacktrace:\n"
            + "/usr/lib/python3.6/site-packages/pytorch_lightning/training_io.py in"
            + " dump_checkpoint(self, weights_only)\n"
            + "    361             if self.use_amp:\n"
            + "--> 362                 state = self.scaler.state_dict()\n";
    assertThat(parser.parse(titled))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isNotEqualTo("Stacktrace");
    // an exception class, a dotted name or a message still make the line the frames' exception
    for (String line : List.of("KeyboardInterrupt:", "app.Abort:", "Oops: it broke")) {
      assertThat(parser.parse(line + "\n\n  File \"/a/b.py\", line 3, in f\n    g()\n"))
          .singleElement()
          .extracting(Traceback::exceptionType)
          .isEqualTo(line.substring(0, line.indexOf(':')));
    }
  }

  /**
   * A Python callback run from C through ctypes: CPython names the C frame in quotes ({@code in
   * 'calling callback function'}). Before, the frame was read as a location and lost.
   */
  @Test
  void aCtypesCallbackFrameIsRead() {
    String text =
        "Traceback (most recent call last):\n"
            + "  File \"_ctypes/callbacks.c\", line 232, in 'calling callback function'\n"
            + "  File \"/opt/mxnet/operator.py\", line 621, in creator\n"
            + "    op_prop = prop_cls(**kwargs)\n"
            + "TypeError: __init__() got an unexpected keyword argument 'ctx_group'\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(frames(t))
                  .containsExactly(
                      new Object[] {"callbacks.c", 232, "'calling callback function'"},
                      new Object[] {"operator", 621, "creator"});
              assertThat(t.exceptionType()).isEqualTo("TypeError");
            });
  }

  /**
   * A GitHub issue's traceback with each frame wrapped in markdown inline code ({@code ` File "…",
   * line 562, in f} / {@code return g() `}): before, each frame was its own traceback.
   */
  @Test
  void framesWrappedInInlineCodeAreOneTraceback() {
    String text =
        "the detail logs\n"
            + "`  File \"/usr/lib/python3.5/site-packages/textblob/blob.py\", line 562, in"
            + " detect_language\n"
            + "    return self.translator.detect(self.raw) `\n"
            + "`  File \"/usr/lib/python3.5/urllib/request.py\", line 590, in"
            + " http_error_default\n"
            + "    raise HTTPError(req.full_url, code, msg, hdrs, fp)`\n"
            + "urllib.error.HTTPError: HTTP Error 503: Service Unavailable\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(frames(t))
                  .containsExactly(
                      new Object[] {"blob", 562, "detect_language"},
                      new Object[] {"request", 590, "http_error_default"});
              assertThat(t.exceptionType()).isEqualTo("urllib.error.HTTPError");
            });
    // one inline-code frame is no evidence: the line is left as written
    String one = "`  File \"a.py\", line 1, in f`";
    assertThat(PasteRepair.repair(one)).isEqualTo(one);
  }

  /**
   * Ray re-raises a remote task's error as {@code RayTaskError(Cause)}, a class made to be both,
   * and prints the remote frames and the cause's own line after it: one traceback typed by the
   * cause (the last line names it). When the paste lost its indentation that line ended the
   * traceback (an untyped one of the driver's frames, then the worker's), and when the cause's own
   * line is cut the traceback had no type (recall audit, session 39).
   */
  @Test
  void raysWrappedCauseLineTypesOneTraceback() {
    String driver =
        "Traceback (most recent call last):\n"
            + "File \"/env/ray/tune/ray_trial_executor.py\", line 434, in fetch_result\n"
            + "result = ray.get(trial_future[0])\n"
            + "File \"/env/ray/worker.py\", line 1428, in get\n"
            + "raise value.as_instanceof_cause()\n"
            + "ray.exceptions.RayTaskError(PermissionError): ray::ImplicitFunc.train() (pid=12)\n"
            + "File \"python/ray/_raylet.pyx\", line 445, in ray._raylet.execute_task\n"
            + "File \"/app/train.py\", line 9, in train\n"
            + "os.makedirs(path)\n";
    assertThat(parser.parse(driver + "PermissionError: [Errno 13] Permission denied: '/x'\n"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).hasSize(4);
              assertThat(t.exceptionType()).isEqualTo("PermissionError");
              assertThat(t.message()).isEqualTo("[Errno 13] Permission denied: '/x'");
            });
    assertThat(parser.parse(driver))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).hasSize(4);
              assertThat(t.exceptionType()).isEqualTo("PermissionError");
              assertThat(t.message()).isEqualTo("ray::ImplicitFunc.train() (pid=12)");
            });
  }

  /**
   * Databricks prints a notebook cell's frame with its pseudo-file unquoted ({@code File
   * <command-3712348>, line 3, in fit(df)}, and {@code File <command-3712348>, line 7} for the
   * cell's top level), in IPython 8's layout and in CPython's: before, those frames were lost (only
   * the library frame after them was read). Any unquoted bracketed name reads so; prose does not.
   */
  @Test
  void unquotedPseudoFileFramesAreRead() {
    String databricks =
        "---------------------------------------------------------------------------\n"
            + "ValueError                                Traceback (most recent call last)\n"
            + "File <command-3712348>, line 7\n"
            + "      5 df = spark.read.csv(path)\n"
            + "----> 7 model = fit(df)\n\n"
            + "File <command-3712348>, line 3, in fit(df)\n"
            + "      2 def fit(df):\n"
            + "----> 3     return pipeline.fit(df)\n\n"
            + "File /databricks/spark/python/pyspark/ml/base.py:205, in Estimator.fit(self,"
            + " dataset, params)\n"
            + "    203         return self.copy(params)._fit(dataset)\n"
            + "--> 205     return self._fit(dataset)\n\n"
            + "ValueError: could not convert string to float: 'a'\n";
    for (List<Traceback> found :
        List.of(
            parser.parse(databricks),
            inHtml("<pre><code>" + databricks.replace("<", "&lt;") + "</code></pre>"))) {
      assertThat(found)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.frames())
                    .extracting(Frame::rawPath, Frame::file, Frame::line, Frame::function)
                    .containsExactly(
                        tuple("<command-3712348>", "<command-3712348>", 7, "<module>"),
                        tuple("<command-3712348>", "<command-3712348>", 3, "fit"),
                        tuple(
                            "/databricks/spark/python/pyspark/ml/base.py",
                            "base",
                            205,
                            "Estimator.fit"));
                assertThat(t.exceptionType()).isEqualTo("ValueError");
                assertThat(t.message()).isEqualTo("could not convert string to float: 'a'");
              });
    }
    String cpython =
        "Traceback (most recent call last):\n"
            + "  File <command-3712348>, line 7, in <module>\n"
            + "    model = fit(df)\n"
            + "  File <stdin>, line 1, in helper\n"
            + "  File <frozen importlib._bootstrap>, line 1007, in _find_and_load\n"
            + "ValueError: could not convert string to float: 'a'\n";
    assertThat(parser.parse(cpython))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::file, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("<command-3712348>", 7, "<module>"),
                      tuple("<stdin>", 1, "helper"),
                      tuple("<frozen importlib._bootstrap>", 1007, "_find_and_load"));
              assertThat(t.exceptionType()).isEqualTo("ValueError");
            });
    // prose: no comma and "line N" after the name, no frame; a bare location in running text
    // stays a location, as a quoted File "<foo>", line 3 does
    assertThat(parser.parse("File <foo> is missing, line 3 of the config names it.\n")).isEmpty();
    assertThat(parser.parse("The upload said File <foo>, line 3 and stopped.\n")).isEmpty();
    assertThat(parser.parse("File <a b c>, line three\nFile < x>, line 3\n")).isEmpty();
  }

  /**
   * The same frames in HTML that did not escape their names ({@code <command-3712348>} read as a
   * tag, so the text holds {@code File , line 7}): the frame is kept with the {@code <swallowed>}
   * placeholder, as a quoted name eaten so ({@code File "", line 1}) already was. Before, the cell
   * frames were lost, and a CPython-layout traceback of such frames only gave nothing.
   */
  @Test
  void unquotedPseudoFileNamesEatenAsTagsAreKeptAsSwallowed() {
    String databricks =
        "<pre><code>ValueError                                Traceback (most recent call last)\n"
            + "File <command-3712348>, line 7\n"
            + "      5 df = spark.read.csv(path)\n"
            + "----&gt; 7 model = fit(df)\n\n"
            + "File <command-3712348>, line 3, in fit(df)\n"
            + "----&gt; 3     return pipeline.fit(df)\n\n"
            + "File /databricks/spark/python/pyspark/ml/base.py:205, in Estimator.fit(self)\n"
            + "--&gt; 205     return self._fit(dataset)\n\n"
            + "ValueError: could not convert string to float: 'a'\n</code></pre>";
    assertThat(inHtml(databricks))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::rawPath, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("<swallowed>", 7, "<module>"),
                      tuple("<swallowed>", 3, "fit"),
                      tuple("/databricks/spark/python/pyspark/ml/base.py", 205, "Estimator.fit"));
              assertThat(t.exceptionType()).isEqualTo("ValueError");
            });
    String cpython =
        "<p>Traceback (most recent call last):<br>\n  File <stdin>, line 1, in helper<br>\n"
            + "  File <command-3712348>, line 7, in <module><br>\n"
            + "KeyError: 'x'</p>";
    assertThat(inHtml(cpython))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::rawPath, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("<swallowed>", 1, "helper"), tuple("<swallowed>", 7, "<swallowed>"));
              assertThat(t.exceptionType()).isEqualTo("KeyError");
            });
    // a comma after File without "line N" is no frame
    assertThat(parser.parse("File , then line up the columns\nFile , line x\n")).isEmpty();
  }

  /**
   * A header whose frames the poster cut ({@code ...} at any indent, {@code ....}, {@code # ...},
   * {@code [...]}, {@code <omitted>}, {@code snip}), maybe with the last source line after the cut,
   * then the exception: one traceback of that exception (docs/EXTRACT.md §8.16; 21 Stack Overflow
   * posts of PyMaker's pages). Before, only an indented {@code ...} kept the header open.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "  ...",
        "....",
        "    # ...",
        "[...]",
        "<omitted>",
        "snip",
        "\u2026",
        "    ......\nauth = a.AuthMixin()",
        "    ...\nreturn self.handle(request)",
        "snip\nsnip\nrows[key].append(line)",
        "# Traceback removed..."
      })
  void aHeaderWhoseFramesThePosterCutIsTheExceptionsTraceback(String cut) {
    String text =
        "&gt;&gt;&gt; run()\nTraceback (most recent call last):\n"
            + cut
            + "\n"
            + "TypeError: must be str, not bytes\n\nThe fix is to decode it.\n";
    List<Traceback> found = parser.parse(text.replace("&gt;", ">"));
    assertThat(found)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.exceptionType()).isEqualTo("TypeError");
              assertThat(t.message()).isEqualTo("must be str, not bytes");
              assertThat(t.frames()).isEmpty();
            });
    assertThat(inHtml("<pre><code>" + text + "</code></pre>"))
        .extracting(Traceback::exceptionType)
        .containsExactly("TypeError");
  }

  /**
   * A header whose frames the poster removed without a mark, one or two of their source lines kept
   * (indented, or a statement at the margin), then the exception: one traceback of that exception
   * without frames (3 of PyMaker's 5,091 real bodies; before, none, as the source line at the
   * margin or the second one ended the traceback). Prose, or more source lines, end it as before.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "qPositions=[''.join(p) for p in itertools.combinations(positions, 8)]",
        " functions.test_sort(SORTS[i], x, y, z)\n        f(a_sorte)",
        "x_name, x_password = load_setup()",
        "obj.run(a, b)\n    helper(a)"
      })
  void aHeaderWhoseFramesWereRemovedKeepsTheExceptionAfterTheirSource(String source) {
    String text =
        "Traceback (most recent call last):\n"
            + source
            + "\n  TypeError: 'str' object is not callable\n\nWhat is wrong?\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.exceptionType()).isEqualTo("TypeError");
              assertThat(t.frames()).isEmpty();
            });
    for (String notSource :
        List.of("The code is below (simplified)", "a = 1\nb = 2\nc = 3", "see x.py for it")) {
      assertThat(
              parser.parse("Traceback (most recent call last):\n" + notSource + "\nTypeError: x\n"))
          .as(notSource)
          .isEmpty();
    }
  }

  /** After a cut, a lower-case exception class and a bare name are the exception too. */
  @Test
  void aCutHeaderTakesTheExceptionsAClassNames() {
    assertThat(parser.parse("Traceback (most recent call last):\n....\nre.error: bad group\n"))
        .extracting(Traceback::exceptionType, Traceback::message)
        .containsExactly(tuple("re.error", "bad group"));
    assertThat(parser.parse("Traceback (most recent call last):\n    ....\nspam.SpamError\n"))
        .extracting(Traceback::exceptionType)
        .containsExactly("spam.SpamError");
    // a cut and then prose, or prose after the header: no exception follows, no traceback
    assertThat(parser.parse("Traceback (most recent call last): ...\nand then it stops.\n"))
        .isEmpty();
    assertThat(parser.parse("Traceback (most recent call last):\n[...]\n\nIt stops here.\n"))
        .isEmpty();
  }

  /**
   * A line number the poster replaced ({@code line XX}, {@code line ##}, {@code line ...}) before
   * {@code , in f}: the frame is kept with no line. Before, the frame was lost, and with it a
   * traceback that had no other.
   */
  @ParameterizedTest
  @ValueSource(strings = {"XX", "xxx", "##", "...", "N", "?", "unknown"})
  void aLineNumberThePosterReplacedKeepsTheFrameWithoutALine(String placeholder) {
    String text =
        "Traceback (most recent call last):\n"
            + "File \"this_file.py\", line "
            + placeholder
            + ", in <module>\n"
            + "os.system(cmd % p)\n"
            + "  File \"/usr/lib/python3.8/subprocess.py\", line 340, in call\n"
            + "    with Popen(*popenargs, **kwargs) as p:\n"
            + "TypeError: must be string without null bytes, not str\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::rawPath, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("this_file.py", null, "<module>"),
                      tuple("/usr/lib/python3.8/subprocess.py", 340, "call"));
              assertThat(t.exceptionType()).isEqualTo("TypeError");
            });
    // without ", in f" after it a word after "line" is prose, not a frame
    assertThat(parser.parse("See File \"a.py\", line XX for the call.\n")).isEmpty();
  }

  /**
   * A quoted traceback that Stack Overflow reflowed into a paragraph, the frame wrapped after its
   * number and its {@code <module>} eaten as an HTML tag, so {@code in} stands alone on a line: the
   * frame is kept with the {@code <swallowed>} name and the exception glued to the source line is
   * the traceback's. Before, nothing was found.
   */
  @Test
  void aReflowedFrameWhoseNameWasEatenAfterItsWrapIsKept() {
    String html =
        "<blockquote>\n<p>Traceback (most recent call last):   File \"progress_bar.py\", line 3,\n"
            + "  in <module>\n"
            + "      from progressbar import Bar ModuleNotFoundError: No module named"
            + " 'progressbar'</p>\n</blockquote>";
    assertThat(inHtml(html))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::rawPath, Frame::line, Frame::function)
                  .containsExactly(tuple("progress_bar.py", 3, "<swallowed>"));
              assertThat(t.exceptionType()).isEqualTo("ModuleNotFoundError");
              assertThat(t.message()).isEqualTo("No module named 'progressbar'");
            });
  }

  /**
   * CPython's pseudo-names with their angle brackets turned into parentheses so that HTML keeps
   * them ({@code in (module)}, maybe with the source run on after it): the frame is kept, named
   * {@code <module>}. Before, the whole frame was lost.
   */
  @Test
  void aPseudoNameInParenthesesIsTheFramesName() {
    String text =
        "Traceback (most recent call last):\n"
            + "File \"main.py\", line 225, in (module) from impl import Impl\n"
            + "File \"/home/u/impl.py\", line 4, in (listcomp)\n"
            + "    rows = [f(x) for x in xs]\n"
            + "ImportError: No module named 'base'\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::rawPath, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("main.py", 225, "<module>"), tuple("/home/u/impl.py", 4, "<listcomp>"));
              assertThat(t.exceptionType()).isEqualTo("ImportError");
            });
    // a call's arguments are no pseudo-name: "in (module_name)" stays as it was read
    assertThat(parser.parse("  File \"a.py\", line 3, in (modules)\nValueError: x\n"))
        .flatExtracting(Traceback::frames)
        .extracting(Frame::function)
        .doesNotContain("<modules>");
  }

  /**
   * A lower-case exception class of the standard library ({@code ftplib.error_perm}, {@code
   * poplib.error_proto}) read right after the last frame's source line: the trace is typed. A
   * lower-case line that is no dotted name with a message stays untyped.
   */
  @Test
  void aLowerCaseDottedExceptionAfterTheSourceLineIsTheException() {
    String text =
        "Traceback (most recent call last):\n"
            + "  File \"up.py\", line 12, in <module>\n"
            + "    ftp.storbinary('STOR ' + name, fh)\n"
            + "  File \"/usr/lib/python3.8/ftplib.py\", line 503, in storbinary\n"
            + "    return self.voidresp()\n"
            + "ftplib.error_perm: 553 Could not create file.\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).hasSize(2);
              assertThat(t.exceptionType()).isEqualTo("ftplib.error_perm");
              assertThat(t.message()).isEqualTo("553 Could not create file.");
            });
    String undotted =
        "Traceback (most recent call last):\n"
            + "  File \"up.py\", line 12, in <module>\n"
            + "    ftp.storbinary('STOR ' + name, fh)\n"
            + "error_perm: 553 Could not create file.\n";
    assertThat(parser.parse(undotted))
        .flatExtracting(Traceback::exceptionType)
        .doesNotContain("error_perm");
  }

  /**
   * A Windows console's hard wrap at 80 columns cuts a frame anywhere in {@code , line N, in}
   * ({@code ", l} / {@code ine 184, in f}, {@code line 1} / {@code 84, in f}, {@code , i} / {@code
   * n f}): the parts are joined without a blank. Before, each such frame and the exception were
   * lost.
   */
  @Test
  void aFrameHardWrappedInsideItsLineNumberPartIsJoined() {
    String text =
        "Traceback (most recent call last):\n"
            + "  File \"c:\\users\\me\\appdata\\local\\programs\\python\\lib\\runpy.py\", l\n"
            + "ine 184, in _run_module_as_main\n"
            + "    \"__main__\", mod_spec)\n"
            + "  File \"c:\\users\\me\\appdata\\local\\programs\\python\\lib\\pip.py\", lin\n"
            + "e 194, in main\n"
            + "    bootstrap(tmpdir=tmpdir)\n"
            + "  File \"c:\\users\\me\\appdata\\local\\programs\\lib\\pip\\base.py\", line 2\n"
            + "88, in run_from_argv\n"
            + "    self.execute()\n"
            + "  File \"c:\\users\\me\\appdata\\local\\programs\\lib\\pip\\base.py\", line 332, i\n"
            + "n execute\n"
            + "    from pip.commands.install import InstallCommand\n"
            + "ImportError: No module named 'pip.commands'\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::file, Frame::line, Frame::function)
                  .containsExactly(
                      tuple("runpy", 184, "_run_module_as_main"),
                      tuple("pip", 194, "main"),
                      tuple("base", 288, "run_from_argv"),
                      tuple("base", 332, "execute"));
              assertThat(t.exceptionType()).isEqualTo("ImportError");
            });
  }

  /**
   * A frame's source line wrapped inside a string or an open call, in a paste that lost its
   * indentation: the wrapped rest is read as source, so the exception after it is the traceback's
   * (before: the rest ended the traceback, untyped). A line after a closed source line still ends
   * it.
   */
  @Test
  void aSourceLineWrappedInsideAStringOrCallKeepsTheException() {
    String text =
        "Traceback (most recent call last):\n"
            + "File \"C:\\Users\\me\\run.py\", line 46, in <module>\n"
            + "people = open(\"C:/Users/me/My \n"
            + "Documents/people.txt\", 'r')\n"
            + "File \"/opt/lib/scan.py\", line 20, in sniff\n"
            + "print(sniff(prn=show, filter=\"arp\",\n"
            + "count=10))\n"
            + "IOError: [Errno 2] No such file or directory\n";
    assertThat(parser.parse(text))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames()).extracting(Frame::line).containsExactly(46, 20);
              assertThat(t.exceptionType()).isEqualTo("IOError");
            });
    String closed =
        "Traceback (most recent call last):\n"
            + "File \"run.py\", line 4, in <module>\n"
            + "people = open(\"people.txt\")\n"
            + "and then it stops\n"
            + "IOError: [Errno 2] No such file or directory\n";
    assertThat(parser.parse(closed)).first().extracting(Traceback::exceptionType).isNull();
  }

  /**
   * A compound statement's header as the failing source line ({@code if (float(a[i]) == x):}): read
   * as source when it is a paragraph of its own between the frame and the exception, or the
   * indented line after a header whose frame the poster cut. Prose ending with a colon is not.
   */
  @Test
  void aCompoundStatementHeaderIsASourceLine() {
    String paragraphs =
        "<blockquote><p>Traceback (most recent call last):</p><p>File \"\", line 3, in </p>"
            + "<p><code>if (type(float(A[i,j])) == float):</code></p>"
            + "<p>ValueError: could not convert string to float: 'a'</p></blockquote>";
    assertThat(TraceExtractors.forProfile("default").extract(HtmlBlocks.parse(paragraphs)).traces())
        .singleElement()
        .satisfies(t -> assertThat(t.traceback().exceptionType()).isEqualTo("ValueError"));
    String operators =
        "<p>File \"p3.py\", line 3, in check_bit4</p><p><strong><em>if x & check > 0:</em></strong>"
            + "</p><p>TypeError: unsupported operand type(s) for &amp;: 'str' and 'int'</p>";
    assertThat(TraceExtractors.forProfile("default").extract(HtmlBlocks.parse(operators)).traces())
        .singleElement()
        .satisfies(t -> assertThat(t.traceback().exceptionType()).isEqualTo("TypeError"));
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n    for row in read(f, sep=','):\n"
                    + "TypeError: not all arguments converted\n"))
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("TypeError");
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n    If I call model.fit(x) it says:\n"
                    + "TypeError: not all arguments converted\n"))
        .flatExtracting(Traceback::exceptionType)
        .doesNotContain("TypeError");
  }

  /**
   * An exception line retyped without the blank after its colon ({@code TypeError:'int' object …})
   * is the exception when its name ends like an exception class; {@code Name::x}, a URL and untyped
   * names are not.
   */
  @Test
  void anExceptionRetypedWithoutTheBlankAfterItsColonIsTheException() {
    String frame = "Traceback (most recent call last):\n  File \"<input>\", line 1, in <module>\n";
    assertThat(parser.parse(frame + "TypeError:'int' object can't be concatenated\n"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.exceptionType()).isEqualTo("TypeError");
              assertThat(t.message()).isEqualTo("'int' object can't be concatenated");
            });
    for (String notAnException :
        List.of("ValueError::check failed\n", "HTTPError://x\n", "Result:'int' object\n")) {
      assertThat(parser.parse(frame + notAnException))
          .singleElement()
          .extracting(Traceback::exceptionType)
          .isNull();
    }
  }

  /**
   * A console that shows stdout and stderr in one pane (PyCharm's, a notebook's) interleaves the
   * program's own output with the traceback: lines at the margin after the header, before its first
   * frame or among frames printed indented, are passed over (blind audit 8; before: the traceback
   * ended at the second such line, so its exception was lost or its frames split). Frames printed
   * without a header, one stack after another, stay apart.
   */
  @Test
  void programOutputInterleavedWithATracebackIsPassedOver() {
    String interleaved =
        "City of Beijing is 30.9 Celsius\n"
            + "Traceback (most recent call last):\n"
            + "City of Cairo is 34.7 Celsius\n"
            + "City of London is 23.5 Celsius\n"
            + "  File \"./task.py\", line 11, in <module>\n"
            + "City of Nairobi is 26.3 Celsius\n"
            + "['a', 'b'] c f\n"
            + "    print(headings[0] + city_temp[2])\n"
            + "  File \"./task.py\", line 7, in show\n"
            + "stop flag\n"
            + "    return row[2]\n"
            + "City of Sydney is 26.5 Celsius\n"
            + "IndexError: list index out of range\n";
    assertThat(parser.parse(interleaved))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frames())
                  .extracting(Frame::function)
                  .containsExactly("<module>", "show");
              assertThat(t.exceptionType()).isEqualTo("IndexError");
              assertThat(t.message()).isEqualTo("list index out of range");
            });
    String twoStacks =
        "  File \"a.py\", line 1, in <module>\n"
            + "    f()\n"
            + "Some output\n"
            + "More output\n"
            + "  File \"b.py\", line 2, in g\n"
            + "    h()\n"
            + "ValueError: x\n";
    assertThat(parser.parse(twoStacks))
        .as("without a header nothing says the lines are interleaved")
        .extracting(Traceback::exceptionType)
        .containsExactly(null, "ValueError");
    assertThat(
            parser.parse(
                "Traceback (most recent call last):\n"
                    + "  File \"a.py\", line 1, in <module>\n"
                    + "    f()\n"
                    + "Some prose.\n"
                    + "More prose.\n"
                    + "  File \"b.py\", line 2, in g\n"
                    + "    h()\n"
                    + "ValueError: x\n"))
        .as("at most 8 lines are passed over; fewer join a cut traceback to the frames after them")
        .singleElement()
        .extracting(Traceback::exceptionType)
        .isEqualTo("ValueError");
  }
}
