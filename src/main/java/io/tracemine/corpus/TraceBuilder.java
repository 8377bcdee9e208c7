package io.tracemine.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the text of one block holding one or more tracebacks (chained, repeated, truncated,
 * recursive; CPython or IPython, optionally with ANSI colour codes stripped of their ESC byte, as
 * they appear when pasted into Stack Overflow) together with the ground truth of every traceback.
 */
final class TraceBuilder {
  /** One printed frame. {@code bare}: a Cython or frozen frame, printed without source. */
  record Frame(
      String rawPath, Integer line, String function, String code, String args, boolean bare) {}

  /**
   * The text of a block and the ground truth of its tracebacks, not yet placed in a question;
   * {@code scenario} is the failure it shows.
   */
  record Block(String text, List<PlantedTrace> traces, Catalog.Scenario scenario) {}

  /** Ground truth of one traceback, before block placement is known (see PlantedTrace#placed). */
  private static PlantedTrace unplaced(
      int position,
      String format,
      String variant,
      String os,
      String exceptionType,
      String message,
      List<PlantedFrame> frames,
      Integer chainedFrom,
      String chainKind,
      List<RunOccurrence> runs,
      String language,
      Integer parentPosition,
      Integer commonFramesOmitted) {
    return new PlantedTrace(
        0,
        -1,
        null,
        position,
        format,
        variant,
        os,
        exceptionType,
        message,
        frames,
        chainedFrom,
        chainKind,
        List.of(),
        runs,
        language,
        parentPosition,
        commonFramesOmitted);
  }

  private static List<PlantedFrame> planted(List<Frame> frames) {
    List<PlantedFrame> out = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      out.add(
          new PlantedFrame(f.rawPath(), FileNames.normalise(f.rawPath()), f.line(), f.function()));
    }
    return out;
  }

  private static final class Part {
    final List<Frame> frames = new ArrayList<>();
    final List<RunOccurrence> runs = new ArrayList<>();
    String type;
    String message;
    String link;
    int ellipsisAfter = -1;
    String ellipsisText;
    boolean cutEnd;
    int repeatAfter = -1;
    int repeatCount;
    List<JvmStacks.Exception> jvm;
  }

  private static final String[] SCRIPTS = {
    "train.py",
    "main.py",
    "model.py",
    "test.py",
    "run.py",
    "classifier.py",
    "app.py",
    "predict.py",
    "mnist.py",
    "script.py",
    "demo.py",
    "preprocess.py"
  };
  private static final String[] MODULES = {
    "model.py", "models.py", "dataset.py", "layers.py", "utils.py", "network.py", "net.py"
  };
  private static final String[] USER_FUNCTIONS = {
    "main",
    "train",
    "train_model",
    "run",
    "fit_model",
    "build_and_train",
    "evaluate",
    "preprocess",
    "load_data",
    "predict"
  };
  private static final String[] USER_CALLS = {
    "main()",
    "train(model, X_train, y_train)",
    "history = train_model()",
    "run(args)",
    "fit_model(model, data)",
    "build_and_train()",
    "evaluate(model, test_data)",
    "X, y = preprocess(df)",
    "data = load_data(path)",
    "predict(model, img)"
  };
  private static final String[] CONTEXT = {
    "",
    "        try:",
    "        # Prepare validation data.",
    "            **kwargs)",
    "        else:",
    "    def __call__(self, *args, **kwargs):",
    "      if not context.executing_eagerly():",
    "        with ops.name_scope(name):",
    "        return outputs",
    "    \"\"\"",
    "            raise"
  };
  private static final String[] CELL_LINES = {
    "model = Sequential()",
    "import numpy as np",
    "X = np.array(X)",
    "",
    "model.summary()",
    "print(X.shape)",
    "y = df['label'].values",
    "clf = LogisticRegression()",
    "data = pd.read_csv('train.csv')",
    "net = Net()"
  };
  private static final String[] NOISE = {
    "Using TensorFlow backend.",
    "2020-05-10 12:01:33.123456: I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU"
        + " supports instructions that this TensorFlow binary was not compiled to use: AVX2 FMA",
    "Epoch 1/10",
    "WARNING:tensorflow:From"
        + " /usr/local/lib/python3.6/dist-packages/tensorflow/python/ops/resource_variable_ops.py:435:"
        + " colocate_with (from tensorflow.python.framework.ops) is deprecated and will be removed"
        + " in a future version.",
    "/usr/local/lib/python3.7/dist-packages/sklearn/utils/validation.py:63: DataConversionWarning:"
        + " A column-vector y was passed when a 1d array was expected.",
    "Train on 60000 samples, validate on 10000 samples",
    "[nltk_data] Error loading punkt: <urlopen error [Errno 11001] getaddrinfo failed>"
  };

  private final Rng rng;
  private final Catalog catalog;

  TraceBuilder(Rng rng, Catalog catalog) {
    this.rng = rng;
    this.catalog = catalog;
  }

  /**
   * One block for {@code library}: format {@code cpython} or {@code ipython}; {@code textBlock}
   * renders it the way an unformatted paste ends up in a {@code <p>}.
   */
  Block block(String library, String format, boolean textBlock) {
    return build(pickScenario(library), format, textBlock, false);
  }

  /**
   * A block showing {@code scenario} again, the way a duplicate question pastes the same failure: a
   * fresh environment (paths), user script and message filling (the raise, so possibly the
   * template, is drawn again), and in some pastes only part of the traceback (variant {@code
   * partial}: its outermost frames cut, or {@code truncated}: its middle replaced by {@code ...}).
   */
  Block duplicate(Catalog.Scenario scenario, String format) {
    return build(scenario, format, false, true);
  }

  private Block build(
      Catalog.Scenario scenario, String format, boolean textBlock, boolean duplicate) {
    boolean ipython = format.equals("ipython");
    Environment env = Environment.pick(rng, ipython, scenario.os());
    boolean ansi = ipython && rng.chance(0.3);
    boolean ipy7 = rng.chance(0.5);
    String script = rng.pick(SCRIPTS);
    String variant;
    List<Part> parts = new ArrayList<>();
    boolean stdin = !duplicate && !ipython && !textBlock && rng.chance(0.06);
    double v = rng.nextDouble();
    if (duplicate && scenario.parts().size() == 1 && v < 0.6) {
      Part p = part(scenario, scenario.parts().get(0), env, ipython, script, false, null);
      if (v < 0.35) {
        variant = "partial";
        cutTop(p);
      } else {
        variant = "truncated";
        truncate(p, ipython);
      }
      parts.add(p);
    } else if (scenario.parts().size() > 1) {
      variant = "chained";
      String prev = null;
      for (Catalog.Part p : scenario.parts()) {
        Part built = part(scenario, p, env, ipython, script, stdin, prev);
        prev = built.message;
        parts.add(built);
      }
    } else if (v < 0.07) {
      variant = "chained";
      parts.add(part(scenario, scenario.parts().get(0), env, ipython, script, stdin, null));
      Catalog.Scenario second = pickSinglePart(scenario.library());
      Part p2 = part(second, second.parts().get(0), env, ipython, script, stdin, null);
      p2.link = rng.chance(0.6) ? "context" : "cause";
      parts.add(p2);
    } else if (duplicate) {
      variant = "plain";
      parts.add(part(scenario, scenario.parts().get(0), env, ipython, script, false, null));
    } else if (v < 0.13 && !textBlock) {
      variant = "repeated";
      Part p = part(scenario, scenario.parts().get(0), env, ipython, script, stdin, null);
      parts.add(p);
      parts.add(p);
    } else if (v < 0.22) {
      variant = "truncated";
      Part p = part(scenario, scenario.parts().get(0), env, ipython, script, stdin, null);
      truncate(p, ipython);
      parts.add(p);
    } else if (v < 0.245 && !ipython) {
      variant = "recursion";
      parts.add(recursion(scenario, env.withAbsoluteUserDir(rng), script));
    } else {
      variant = "plain";
      parts.add(part(scenario, scenario.parts().get(0), env, ipython, script, stdin, null));
    }

    if (textBlock) {
      for (Part p : parts) {
        p.message = flatten(p.message);
      }
    }
    StringBuilder text = new StringBuilder();
    if (!textBlock && !ipython && rng.chance(0.25)) {
      text.append(rng.pick(NOISE)).append('\n');
    }
    if (stdin) {
      text.append(">>> ").append(Fill.fill(scenario.call(), rng, null)).append('\n');
    }
    List<PlantedTrace> specs = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (i > 0) {
        if (variant.equals("repeated")) {
          text.append(rng.chance(0.5) ? "\n" : "\n" + rng.pick(NOISE) + "\n");
        } else {
          text.append(
              p.link.equals("context")
                  ? "\nDuring handling of the above exception, another exception occurred:\n\n"
                  : "\nThe above exception was the direct cause of the following exception:\n\n");
        }
      }
      if (ipython) {
        renderIpython(text, p, ansi, ipy7);
      } else {
        renderCpython(text, p);
      }
      boolean chained = variant.equals("chained") && i > 0;
      specs.add(
          unplaced(
              i,
              format,
              variant,
              env.os(),
              p.cutEnd ? null : p.type,
              p.cutEnd ? null : p.message,
              planted(p.frames),
              chained ? i - 1 : null,
              chained ? p.link : null,
              p.runs,
              "python",
              null,
              null));
    }
    // the Java traces Py4J errors carry follow the block's Python tracebacks
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      if (p.jvm == null || p.cutEnd) {
        continue;
      }
      int first = specs.size();
      for (int k = 0; k < p.jvm.size(); k++) {
        JvmStacks.Exception e = p.jvm.get(k);
        boolean hasCause = k + 1 < p.jvm.size() && p.jvm.get(k + 1).causeOfPrevious();
        specs.add(
            unplaced(
                specs.size(),
                format,
                "py4j",
                env.os(),
                e.type(),
                e.message(),
                e.frames(),
                hasCause ? first + k + 1 : null,
                hasCause ? "cause" : null,
                List.of(),
                "jvm",
                i,
                e.commonOmitted()));
      }
    }
    String body = text.toString();
    if (textBlock) {
      body = flatten(body);
    } else if (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
    }
    return new Block(body, specs, scenario);
  }

  /** What an unformatted paste leaves of a text: stripped lines, no blank ones. */
  private static String flatten(String text) {
    StringBuilder flat = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        flat.append(flat.length() == 0 ? "" : "\n").append(line.strip());
      }
    }
    return flat.toString();
  }

  /** A scenario drawn by weight. */
  Catalog.Scenario pickScenario(String library) {
    List<Catalog.Scenario> list = catalog.scenarios(library);
    double[] w = new double[list.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = list.get(i).weight();
    }
    return list.get(rng.weighted(w));
  }

  private Catalog.Scenario pickSinglePart(String library) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Catalog.Scenario s = pickScenario(library);
      if (s.parts().size() == 1 && s.os() == null) {
        return s;
      }
    }
    for (Catalog.Scenario s : catalog.scenarios(library)) {
      if (s.parts().size() == 1) {
        return s;
      }
    }
    throw new IllegalStateException(
        "Cannot chain tracebacks: library '" + library + "' has no single-part scenario");
  }

  private Part part(
      Catalog.Scenario scenario,
      Catalog.Part spec,
      Environment env,
      boolean ipython,
      String script,
      boolean stdin,
      String prev) {
    Part p = new Part();
    p.link = spec.link();
    String call = Fill.fill(scenario.call(), rng, null);
    if (spec.userFrames()) {
      if (stdin) {
        p.frames.add(new Frame("<stdin>", 1, "<module>", "", "", false));
      } else if (rng.chance(0.35)) {
        int k = rng.nextInt(USER_FUNCTIONS.length);
        p.frames.add(
            userFrame(env, ipython, script, "<module>", USER_CALLS[k], rng.between(20, 250)));
        p.frames.add(userFrame(env, ipython, script, USER_FUNCTIONS[k], call, rng.between(8, 200)));
      } else {
        p.frames.add(userFrame(env, ipython, script, "<module>", call, rng.between(3, 250)));
      }
    }
    int variant = rng.nextInt(3);
    for (Catalog.Segment seg : spec.segments()) {
      if (seg.run() == null) {
        String file = rng.chance(0.5) ? script : rng.pick(MODULES);
        p.frames.add(
            userFrame(
                env, ipython, file, seg.userFunction(), seg.userCode(), rng.between(10, 180)));
      } else {
        p.runs.add(new RunOccurrence(seg.run().id(), p.frames.size()));
        List<Catalog.Item> items = seg.run().items();
        for (int i = 0; i < items.size(); i++) {
          Catalog.Item it = items.get(i);
          boolean bare = it.root() == 'X' || it.root() == 'F';
          Integer line = bare && ipython ? null : libLine(seg.run().id(), i, variant);
          p.frames.add(new Frame(env.path(it), line, it.function(), it.code(), it.args(), bare));
        }
      }
    }
    Catalog.Raise raise = rng.pick(spec.raises());
    p.type = ipython ? raise.type().substring(raise.type().lastIndexOf('.') + 1) : raise.type();
    p.message = Fill.fill(raise.template(), rng, prev);
    int py4j = p.message.indexOf("\n: ");
    if (raise.type().endsWith("Py4JJavaError") && py4j >= 0) {
      String header = p.message.substring(py4j + 3);
      p.jvm = JvmStacks.trace(rng, header);
      p.message = p.message.substring(0, py4j) + "\n: " + JvmStacks.render(p.jvm);
    }
    return p;
  }

  private Frame userFrame(
      Environment env, boolean ipython, String script, String function, String code, int line) {
    if (ipython) {
      String cell = "<ipython-input-" + rng.between(1, 150) + "-" + rng.hex(12) + ">";
      String args = function.equals("<module>") ? "" : "*args";
      return new Frame(cell, line, function, code, args, false);
    }
    return new Frame(env.userPath(script), line, function, code, "", false);
  }

  private static int libLine(int runId, int index, int variant) {
    long h = Rng.mix(runId * 1_000_003L + index * 7919L + variant * 104_729L + 17);
    return 20 + (int) Math.floorMod(h, 2400L);
  }

  private void truncate(Part p, boolean ipython) {
    int n = p.frames.size();
    if (n >= 4) {
      int keepHead = 1 + rng.nextInt(2);
      int keepTail = 1 + rng.nextInt(Math.max(1, n - keepHead - 1));
      List<Frame> kept = new ArrayList<>(p.frames.subList(0, keepHead));
      kept.addAll(p.frames.subList(n - keepTail, n));
      int dropped = n - keepHead - keepTail;
      List<RunOccurrence> runs = new ArrayList<>();
      for (RunOccurrence r : p.runs) {
        int len = catalog.runs.get(r.runId()).items().size();
        if (r.start() + len <= keepHead) {
          runs.add(r);
        } else if (r.start() >= n - keepTail) {
          runs.add(new RunOccurrence(r.runId(), r.start() - dropped));
        }
      }
      p.frames.clear();
      p.frames.addAll(kept);
      p.runs.clear();
      p.runs.addAll(runs);
      p.ellipsisAfter = keepHead - 1;
      p.ellipsisText = rng.pick("  ...", "...", "  [...]", "    ....", "  (...)");
    }
    if (!ipython && rng.chance(0.3)) {
      p.cutEnd = true;
    }
  }

  /** Cuts the outermost frames (1 to 3, at least 2 frames kept): a paste from mid-trace. */
  private void cutTop(Part p) {
    int n = p.frames.size();
    if (n < 3) {
      return;
    }
    int drop = 1 + rng.nextInt(Math.min(n - 2, 3));
    List<RunOccurrence> runs = new ArrayList<>();
    for (RunOccurrence r : p.runs) {
      if (r.start() >= drop) {
        runs.add(new RunOccurrence(r.runId(), r.start() - drop));
      }
    }
    List<Frame> kept = new ArrayList<>(p.frames.subList(drop, n));
    p.frames.clear();
    p.frames.addAll(kept);
    p.runs.clear();
    p.runs.addAll(runs);
  }

  private Part recursion(Catalog.Scenario scenario, Environment env, String script) {
    Part p = new Part();
    String fn =
        rng.pick("build", "call", "__getattr__", "forward", "flatten", "get_config", "predict");
    p.frames.add(
        new Frame(
            env.userPath(script),
            rng.between(5, 200),
            "<module>",
            Fill.fill(scenario.call(), rng, null),
            "",
            false));
    Catalog.Run run = null;
    for (Catalog.Segment seg : scenario.parts().get(0).segments()) {
      if (seg.run() != null
          && seg.run().items().stream().noneMatch(it -> it.root() == 'X' || it.root() == 'F')) {
        run = seg.run();
        break;
      }
    }
    if (run != null) {
      p.runs.add(new RunOccurrence(run.id(), p.frames.size()));
      int variant = rng.nextInt(3);
      for (int i = 0; i < run.items().size(); i++) {
        Catalog.Item it = run.items().get(i);
        p.frames.add(
            new Frame(
                env.path(it),
                libLine(run.id(), i, variant),
                it.function(),
                it.code(),
                it.args(),
                false));
      }
    }
    int line = rng.between(10, 120);
    String code = "return self." + fn + "(" + rng.pick("inputs", "x", "", "item") + ")";
    for (int i = 0; i < 3; i++) {
      p.frames.add(new Frame(env.userPath(script), line, fn, code, "", false));
    }
    p.repeatAfter = p.frames.size() - 1;
    p.repeatCount = rng.between(980, 996);
    p.type = "RecursionError";
    p.message =
        rng.pick(
            "maximum recursion depth exceeded",
            "maximum recursion depth exceeded while calling a Python object",
            "maximum recursion depth exceeded in comparison");
    return p;
  }

  private static void renderCpython(StringBuilder sb, Part p) {
    sb.append("Traceback (most recent call last):\n");
    for (int i = 0; i < p.frames.size(); i++) {
      Frame f = p.frames.get(i);
      sb.append("  File \"")
          .append(f.rawPath())
          .append("\", line ")
          .append(f.line())
          .append(", in ")
          .append(f.function())
          .append('\n');
      if (!f.code().isEmpty() && !f.bare()) {
        sb.append("    ").append(f.code()).append('\n');
      }
      if (i == p.ellipsisAfter) {
        sb.append(p.ellipsisText).append('\n');
      }
      if (i == p.repeatAfter) {
        sb.append("  [Previous line repeated ").append(p.repeatCount).append(" more times]\n");
      }
    }
    appendException(sb, p, false);
  }

  private static void appendException(StringBuilder sb, Part p, boolean ansi) {
    if (p.cutEnd) {
      if (p.ellipsisAfter < 0) {
        sb.append("...\n");
      }
      return;
    }
    sb.append(ansi ? "[0;31m" + p.type + "[0m" : p.type);
    if (!p.message.isEmpty()) {
      sb.append(": ").append(p.message);
    }
    sb.append('\n');
  }

  private void renderIpython(StringBuilder sb, Part p, boolean ansi, boolean ipy7) {
    String dashes = "-".repeat(75);
    sb.append(ansi ? "[0;31m" + dashes + "[0m" : dashes).append('\n');
    String type = p.type;
    int pad = Math.max(1, 42 - type.length());
    sb.append(ansi ? "[0;31m" + type + "[0m" : type)
        .append(" ".repeat(pad))
        .append("Traceback (most recent call last)\n");
    for (int i = 0; i < p.frames.size(); i++) {
      Frame f = p.frames.get(i);
      String sig;
      if (f.bare()) {
        sig = "()";
      } else if (f.function().equals("<module>")) {
        sig = ipy7 ? "" : "()";
      } else {
        sig = "(" + f.args() + ")";
      }
      if (ansi) {
        sb.append("[0;32m")
            .append(f.rawPath())
            .append("[0m in [0;36m")
            .append(f.function())
            .append("[0;34m")
            .append(sig)
            .append("[0m\n");
      } else {
        sb.append(f.rawPath()).append(" in ").append(f.function()).append(sig).append('\n');
      }
      if (!f.bare()) {
        int n = f.line();
        boolean user = f.rawPath().startsWith("<ipython-input");
        int before = user ? Math.min(n - 1, rng.between(1, 3)) : 1;
        for (int k = before; k >= 1; k--) {
          contextLine(sb, n - k, user ? rng.pick(CELL_LINES) : rng.pick(CONTEXT), ansi);
        }
        String arrow = "-".repeat(Math.max(0, 5 - Integer.toString(n).length())) + "> " + n;
        String code = (user ? "" : "        ") + f.code();
        sb.append(ansi ? "[0;32m" + arrow + "[0;31m " + code + "[0m" : arrow + " " + code)
            .append('\n');
        if (rng.chance(0.6)) {
          contextLine(sb, n + 1, user ? rng.pick(CELL_LINES) : rng.pick(CONTEXT), ansi);
        }
      }
      sb.append('\n');
      if (i == p.ellipsisAfter) {
        sb.append(p.ellipsisText.strip()).append("\n\n");
      }
    }
    appendException(sb, p, ansi);
  }

  private static void contextLine(StringBuilder sb, int n, String code, boolean ansi) {
    String num = String.format(java.util.Locale.ROOT, "%7d", n);
    sb.append(ansi ? "[0;32m" + num + "[0m" : num);
    sb.append(code.isEmpty() ? "" : " " + code).append('\n');
  }
}
