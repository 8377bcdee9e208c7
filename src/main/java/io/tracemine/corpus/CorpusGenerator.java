package io.tracemine.corpus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic, seedable generator of SOTorrent-shaped Stack Overflow questions about the seven
 * studied ML libraries, with their answers and the ground truth of every traceback planted.
 *
 * <p>{@link #question(long)} depends only on (seed, index): any range of questions can be generated
 * independently, in any order and in parallel partitions, and yields the same posts. Question
 * {@code i} has id {@code 1_000_000 + 10 * i}; its answers take the following ids.
 *
 * <p>Mix (of library memberships): TensorFlow ~42%, Keras ~23%, scikit-learn ~19%, PyTorch ~6%,
 * NLTK ~6%, Hugging Face and Spark ML just under 1% each; about 10% of all questions are
 * distractors the population filter must reject. About 80% of questions have a code block and about
 * 15% a traceback. Library-internal call chains ({@link #runs()}) are shared across questions and
 * libraries, so pattern mining has planted runs to find.
 */
public final class CorpusGenerator {
  /** Ids of question {@code i}: {@code FIRST_ID + ID_STRIDE * i}; answers follow. */
  public static final long FIRST_ID = 1_000_000L;

  public static final long ID_STRIDE = 10L;

  /** Study library names, in the study's order. */
  public static final List<String> LIBRARIES =
      List.of("tensorflow", "keras", "scikit-learn", "pytorch", "nltk", "huggingface", "spark-ml");

  private static final double[] PRIMARY_WEIGHTS = {0.33, 0.18, 0.18, 0.06, 0.058, 0.008, 0.008};
  // Spark ML's rate is higher than the study's (16 of 141) so that the small library has enough
  // Py4J errors, and the JVM traces they carry, to mine
  private static final double[] TRACE_RATE = {0.155, 0.145, 0.13, 0.15, 0.12, 0.18, 0.40};
  private static final String[] START = {
    "2015-11-09T00:00:00Z",
    "2015-04-01T00:00:00Z",
    "2010-02-01T00:00:00Z",
    "2017-01-18T00:00:00Z",
    "2009-01-01T00:00:00Z",
    "2019-10-01T00:00:00Z",
    "2015-06-01T00:00:00Z"
  };
  private static final long END = Instant.parse("2020-12-31T23:59:59Z").getEpochSecond();
  private static final String[] EXTRA_TAGS = {
    "machine-learning", "deep-learning", "neural-network", "numpy", "pandas", "conv-neural-network",
        "lstm",
    "nlp", "gpu", "anaconda", "jupyter-notebook", "google-colaboratory", "classification",
        "image-processing",
    "computer-vision", "regression", "cuda"
  };

  /** Share of questions that {@code generate} turns into duplicates of an earlier question. */
  public static final double DEFAULT_DUPLICATE_RATE = 0.03;

  // duplicates are decided on their own random stream, so that every other question is the same
  // whatever the rate
  private static final long DUPLICATE_SALT = 0x6A09E667F3BCC909L;
  private static final int ORIGINAL_WINDOW = 400;
  private static final int ORIGINAL_ATTEMPTS = 12;

  /**
   * Share of the questions that are canonical when duplicates are closed against canonical
   * questions: asked and answered early, with an accepted answer and well voted.
   */
  public static final double CANONICAL_RATE = 0.08;

  /**
   * Whether {@link #CorpusGenerator(long, double)} (and {@code generate}) closes duplicates against
   * canonicals: yes, as on Stack Overflow; the bundled corpus is made so (docs/CORPUS.md).
   */
  public static final boolean DEFAULT_CANONICAL_ORIGINALS = true;

  // canonical questions are decided on their own random stream too
  private static final long CANONICAL_SALT = 0xBB67AE8584CAA73BL;
  // an attempt is a cheap check of two salted streams; a canonical among the window is rare
  private static final int CANONICAL_ATTEMPTS = 400;

  private final long seed;
  private final double duplicateRate;
  private final boolean canonicalOriginals;
  private final Catalog catalog = Catalog.INSTANCE;

  /** A generator without duplicates. */
  public CorpusGenerator(long seed) {
    this(seed, 0);
  }

  /**
   * A generator where about {@code duplicateRate} of the questions (those for which an earlier
   * question with a traceback is found among the {@value #ORIGINAL_WINDOW} before them) are
   * duplicates of an earlier question: the same failure (the same library-internal frames), pasted
   * from another script and environment, with another message filling, sometimes only in part.
   *
   * @param duplicateRate in [0, 1]
   */
  public CorpusGenerator(long seed, double duplicateRate) {
    this(seed, duplicateRate, DEFAULT_CANONICAL_ORIGINALS);
  }

  /**
   * A generator with duplicates as {@link #CorpusGenerator(long, double)}; when {@code
   * canonicalOriginals} (and the rate is above 0), about {@value #CANONICAL_RATE} of the questions
   * are canonical (an accepted answer, a high score) and a duplicate is closed against an earlier
   * canonical question only, as on Stack Overflow. Every other question is unchanged.
   */
  public CorpusGenerator(long seed, double duplicateRate, boolean canonicalOriginals) {
    if (!(duplicateRate >= 0 && duplicateRate <= 1)) {
      throw new IllegalArgumentException(
          "Cannot generate a corpus: the duplicate rate is "
              + duplicateRate
              + " but must be in [0, 1]");
    }
    this.seed = seed;
    this.duplicateRate = duplicateRate;
    this.canonicalOriginals = canonicalOriginals;
  }

  /** Whether duplicates are closed against canonical questions only. */
  public boolean canonicalOriginals() {
    return canonicalOriginals && duplicateRate > 0;
  }

  /**
   * Whether question {@code index} is canonical: drawn on its own stream, never a duplicate, and
   * only when duplicates are closed against canonical questions.
   */
  public boolean canonical(long index) {
    return canonicalOriginals()
        && !duplicateDrawn(index)
        && Rng.forQuestion(seed ^ CANONICAL_SALT, index).chance(CANONICAL_RATE);
  }

  public double duplicateRate() {
    return duplicateRate;
  }

  public long seed() {
    return seed;
  }

  /** Id of question {@code index}. */
  public static long questionId(long index) {
    return FIRST_ID + ID_STRIDE * index;
  }

  /** The shared library-internal call chains that traces are built from, by run id. */
  public static List<PlantedRun> runs() {
    return Catalog.INSTANCE.plantedRuns;
  }

  /** What a duplicate copies from its original. */
  private record Original(
      long id,
      Instant created,
      List<String> libraries,
      String library,
      Catalog.Scenario scenario) {}

  /** A question and the scenario of its first traceback block (null when it has none). */
  private record Built(GeneratedQuestion question, Catalog.Scenario scenario, String library) {}

  /** Question {@code index} (>= 0) with its answers and planted traces. */
  public GeneratedQuestion question(long index) {
    if (index < 0) {
      throw new IllegalArgumentException(
          "Cannot generate question " + index + ": the index must be >= 0");
    }
    Built built = build(index, original(index));
    return canonical(index) ? canonize(built.question(), index) : built.question();
  }

  /** The duplicate link of question {@code index}, or null when it is not a duplicate. */
  public PlantedDuplicate duplicate(long index) {
    Original original = original(index);
    return original == null ? null : build(index, original).question().duplicate();
  }

  private boolean duplicateDrawn(long index) {
    return duplicateRate > 0
        && index > 0
        && Rng.forQuestion(seed ^ DUPLICATE_SALT, index).chance(duplicateRate);
  }

  /**
   * The original question {@code index} duplicates, or null: a selected question with a traceback
   * (not a RecursionError) among the {@value #ORIGINAL_WINDOW} before it that is not itself a
   * duplicate, and canonical when {@link #canonicalOriginals()}.
   */
  private Original original(long index) {
    if (!duplicateDrawn(index)) {
      return null;
    }
    Rng rng = Rng.forQuestion(seed ^ DUPLICATE_SALT, index);
    rng.chance(duplicateRate);
    boolean canonicalOnly = canonicalOriginals();
    int attempts = canonicalOnly ? CANONICAL_ATTEMPTS : ORIGINAL_ATTEMPTS;
    for (int attempt = 0; attempt < attempts; attempt++) {
      long j = index - 1 - rng.nextInt((int) Math.min(index, ORIGINAL_WINDOW));
      if (canonicalOnly ? !canonical(j) : duplicateDrawn(j)) {
        continue;
      }
      Built b = build(j, null);
      // a RecursionError paste shows one run of its scenario, not the scenario's failure
      if (b.scenario() != null
          && !b.question().distractor()
          && !b.question().traces().get(0).variant().equals("recursion")) {
        GeneratedPost q = b.question().question();
        return new Original(
            q.id(), q.creationDate(), b.question().libraries(), b.library(), b.scenario());
      }
    }
    return null;
  }

  private Built build(long index, Original original) {
    Rng rng = Rng.forQuestion(seed, index);
    long id = questionId(index);
    boolean distractor = rng.chance(0.10) && original == null;
    List<String> libraries = new ArrayList<>();
    String proseLibrary;
    String traceLibrary;
    String tags;
    long start;
    if (original != null) {
      libraries.addAll(original.libraries());
      proseLibrary = original.library();
      traceLibrary = proseLibrary;
      tags = tags(rng, libraries);
      start = Math.min(END - 1, original.created().getEpochSecond() + 3600);
    } else if (distractor) {
      String[] d = distractor(rng);
      tags = d[0];
      proseLibrary = d[1];
      traceLibrary = d[2];
      start = Instant.parse("2012-01-01T00:00:00Z").getEpochSecond();
    } else {
      int primary = rng.weighted(PRIMARY_WEIGHTS);
      libraries.add(LIBRARIES.get(primary));
      addSecondary(rng, primary, libraries);
      proseLibrary = LIBRARIES.get(primary);
      traceLibrary = proseLibrary;
      tags = tags(rng, libraries);
      start = Instant.parse(START[primary]).getEpochSecond();
    }
    int libIndex = Math.max(0, LIBRARIES.indexOf(proseLibrary));
    boolean hasTrace = original != null || traceLibrary != null && rng.chance(TRACE_RATE[libIndex]);
    Instant created =
        Instant.ofEpochSecond(
            start + (long) ((END - start) * StrictMath.sqrt(rng.nextDouble())),
            rng.nextInt(1000) * 1_000_000L);

    Html html = new Html(rng.chance(0.4), rng.pick("code", "code", "code", "lang", "lang", "bare"));
    List<PlantedTrace> traces = new ArrayList<>();
    String firstType = null;
    String firstMessage = null;
    String lib = Prose.DISPLAY.get(proseLibrary);
    html.p(
        sentence(rng, rng.pick(Prose.INTROS), lib)
            + (rng.chance(0.5) ? " " + sentence(rng, rng.pick(Prose.DETAILS), lib) : ""));
    boolean traceOnlyInText = hasTrace && rng.chance(0.04);
    boolean code = hasTrace ? !traceOnlyInText || rng.chance(0.7) : rng.chance(0.79);
    if (code) {
      if (rng.chance(0.7)) {
        html.p(rng.pick(Prose.CODE_LEADS));
      }
      html.pre(Fill.fill(rng.pick(Prose.CODE.get(proseLibrary)), rng, null));
      if (rng.chance(0.15)) {
        html.p(
            rng.pick(
                "Then I train it like this:",
                "And the training loop:",
                "Later I call:",
                "The data loading part:"));
        html.pre(Fill.fill(rng.pick(Prose.CODE.get(proseLibrary)), rng, null));
      }
    }
    Catalog.Scenario firstScenario = null;
    PlantedDuplicate duplicate = null;
    if (hasTrace) {
      int blocks = rng.chance(0.06) && original == null ? 2 : 1;
      TraceBuilder builder = new TraceBuilder(rng, catalog);
      for (int b = 0; b < blocks; b++) {
        boolean text = original == null && (traceOnlyInText || rng.chance(0.02));
        String format = text ? "cpython" : rng.chance(0.25) ? "ipython" : "cpython";
        TraceBuilder.Block block =
            original == null
                ? builder.block(traceLibrary, format, text)
                : builder.duplicate(original.scenario(), format);
        if (b == 0) {
          firstScenario = block.scenario();
        }
        if (original != null) {
          PlantedTrace first = block.traces().get(0);
          duplicate =
              new PlantedDuplicate(
                  id,
                  original.id(),
                  null,
                  traceLibrary,
                  first.variant(),
                  first.format(),
                  first.os());
        }
        int blockIndex;
        if (text) {
          String lead = rng.chance(0.5) ? rng.pick(Prose.LEADS) + " " : "";
          blockIndex = html.p(lead + html.escape(block.text()));
        } else {
          html.p(
              b == 0
                  ? rng.pick(Prose.LEADS)
                  : rng.pick(
                      "After fixing that I now get another error:",
                      "I also tried a different input and got:",
                      "Edit: with the other version I get:"));
          blockIndex = html.pre(block.text());
        }
        for (PlantedTrace s : block.traces()) {
          traces.add(s.placed(id, blockIndex, text ? "p" : "pre", libraries));
          if (firstType == null && s.exceptionType() != null) {
            firstType = s.exceptionType();
            firstMessage = s.message();
          }
        }
      }
    } else if (code && rng.chance(0.15)) {
      html.p(
          rng.pick(
              "The output is:", "It prints:", "Output:", "This is what I get during training:"));
      html.pre(Fill.fill(rng.pick(Prose.OUTPUTS), rng, null));
    }
    if (rng.chance(hasTrace ? 0.08 : 0.05)) {
      html.blockquote(List.of(sentence(rng, rng.pick(Prose.QUOTES), lib)));
    }
    if (rng.chance(0.15)) {
      List<String> items = new ArrayList<>();
      int n = rng.between(2, 4);
      for (int k = 0; k < n; k++) {
        items.add(
            sentence(rng, rng.pick(Prose.TRIED), lib)
                .replace("{pkg}", Prose.PKG.get(proseLibrary)));
      }
      html.p("I have already tried:");
      html.list(items, rng.chance(0.3));
    }
    if (rng.chance(0.04)) {
      String img = rng.hex(7);
      html.p(
          "<a href=\"https://i.stack.imgur.com/"
              + img
              + ".png\" rel=\"nofollow noreferrer\"><img src=\"https://i.stack.imgur.com/"
              + img
              + ".png\" alt=\"enter image description here\"></a>");
    }
    if (rng.chance(0.7)) {
      html.p(
          sentence(rng, rng.pick(Prose.CLOSINGS), lib)
              .replace("{ver}", rng.pick(Prose.VERSIONS.get(proseLibrary))));
    }
    if (rng.chance(0.03)) {
      html.raw("<hr>");
      html.p(
          "<strong>EDIT:</strong> "
              + rng.pick(
                  "I also tried it with a smaller dataset and the result is the same.",
                  "Solved, see my answer below.",
                  "Added the full code as requested in the comments."));
    }

    String title = title(rng, lib, hasTrace && firstType != null, firstType, firstMessage);
    GeneratedQuestion q =
        assemble(
            rng,
            id,
            created,
            title,
            tags,
            html.html(),
            hasTrace,
            traces,
            libraries,
            distractor,
            html.hasPre(),
            duplicate);
    return new Built(q, firstScenario, traceLibrary);
  }

  /**
   * Question {@code index} as a canonical question: the same body, views and comments, but answered
   * (quickly, when it had no answer), with an accepted answer and the scores of a canonical
   * (question median 12, accepted answer median 20; log-normal, sigma 1). The draws come from the
   * canonical stream after the draw that made it canonical.
   */
  private GeneratedQuestion canonize(GeneratedQuestion q, long index) {
    Rng rng = Rng.forQuestion(seed ^ CANONICAL_SALT, index);
    rng.chance(CANONICAL_RATE);
    GeneratedPost question = q.question();
    long id = question.id();
    List<GeneratedPost> answers = new ArrayList<>(q.posts().subList(1, q.posts().size()));
    if (answers.isEmpty()) {
      double hours = rng.logNormal(2.0, 1.5);
      long millis =
          Math.min(
              question.creationDate().toEpochMilli() + Math.max(60_000L, (long) (hours * 3.6e6)),
              END * 1000L + 999L);
      answers.add(
          new GeneratedPost(
              id + 1,
              GeneratedPost.ANSWER,
              id,
              null,
              Instant.ofEpochMilli(millis),
              0,
              null,
              null,
              geometric(rng, 0.8),
              null,
              null,
              answerBody(rng)));
    }
    int k = 0;
    if (question.acceptedAnswerId() != null) {
      k = (int) (question.acceptedAnswerId() - id - 1);
    } else if (!rng.chance(0.65)) {
      k = rng.nextInt(answers.size());
    }
    GeneratedPost a = answers.get(k);
    int answerScore = Math.max(a.score(), (int) StrictMath.floor(rng.logNormal(20.0, 1.0)));
    answers.set(k, a.withScore(answerScore));
    int score = Math.max(question.score(), (int) StrictMath.floor(rng.logNormal(12.0, 1.0)));
    List<GeneratedPost> posts = new ArrayList<>();
    posts.add(
        new GeneratedPost(
            id,
            GeneratedPost.QUESTION,
            null,
            a.id(),
            question.creationDate(),
            score,
            question.viewCount(),
            answers.size(),
            question.commentCount(),
            question.title(),
            question.tags(),
            question.body()));
    posts.addAll(answers);
    return new GeneratedQuestion(
        posts, q.traces(), q.libraries(), q.distractor(), q.hasCodeBlock(), q.duplicate());
  }

  private GeneratedQuestion assemble(
      Rng rng,
      long id,
      Instant created,
      String title,
      String tags,
      String body,
      boolean hasTrace,
      List<PlantedTrace> traces,
      List<String> libraries,
      boolean distractor,
      boolean hasPre,
      PlantedDuplicate duplicate) {
    int answerCount = 0;
    if (!rng.chance(hasTrace ? 0.33 : 0.30)) {
      double u = rng.nextDouble();
      answerCount = u < 0.6 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : rng.between(4, 6);
    }
    List<GeneratedPost> answers = new ArrayList<>();
    double hours = rng.logNormal(hasTrace ? 5.0 : 1.8, 2.0);
    long endMillis = END * 1000L + 999L;
    for (int k = 0; k < answerCount; k++) {
      if (k > 0) {
        hours += rng.logNormal(20.0, 2.0);
      }
      long millis = created.toEpochMilli() + Math.max(60_000L, (long) (hours * 3_600_000.0));
      String answerBody = answerBody(rng);
      int score = (int) StrictMath.floor(rng.logNormal(1.5, 1.2)) - 1;
      if (millis > endMillis) {
        continue;
      }
      answers.add(
          new GeneratedPost(
              id + 1 + answers.size(),
              GeneratedPost.ANSWER,
              id,
              null,
              Instant.ofEpochMilli(millis),
              score,
              null,
              null,
              geometric(rng, 0.8),
              null,
              null,
              answerBody));
    }
    Long accepted = null;
    if (!answers.isEmpty() && rng.chance((hasTrace ? 0.34 : 0.41) / 0.69)) {
      int k = rng.chance(0.65) ? 0 : rng.nextInt(answers.size());
      GeneratedPost a = answers.get(k);
      accepted = a.id();
      answers.set(k, a.withScore(a.score() + rng.between(1, 4)));
    }
    int score =
        rng.chance(0.08)
            ? -rng.between(1, 4)
            : (int) StrictMath.floor(rng.logNormal(hasTrace ? 1.2 : 2.0, 1.0)) - 1;
    double years = (END - created.getEpochSecond()) / (365.25 * 86400.0);
    long views =
        Math.max(3L, (long) (rng.logNormal(hasTrace ? 320.0 : 200.0, 1.2) * (0.5 + years / 4.0)));
    int comments = geometric(rng, hasTrace ? 1.8 : 1.2);
    List<GeneratedPost> posts = new ArrayList<>();
    posts.add(
        new GeneratedPost(
            id,
            GeneratedPost.QUESTION,
            null,
            accepted,
            created,
            score,
            views,
            answers.size(),
            comments,
            title,
            tags,
            body));
    posts.addAll(answers);
    PlantedDuplicate closed = null;
    if (duplicate != null) {
      // closed within hours to days of being asked, like most duplicates
      long closing = Math.max(60_000L, (long) (rng.logNormal(6.0, 1.5) * 3_600_000.0));
      Instant linkDate =
          Instant.ofEpochMilli(Math.min(created.toEpochMilli() + closing, END * 1000L));
      closed =
          new PlantedDuplicate(
              duplicate.questionId(),
              duplicate.originalId(),
              linkDate,
              duplicate.library(),
              duplicate.variant(),
              duplicate.format(),
              duplicate.os());
    }
    return new GeneratedQuestion(posts, traces, libraries, distractor, hasPre, closed);
  }

  private static void addSecondary(Rng rng, int primary, List<String> libraries) {
    switch (primary) {
      case 0 -> {
        if (rng.chance(0.12)) {
          libraries.add("keras");
        }
      }
      case 1 -> {
        if (rng.chance(0.35)) {
          libraries.add("tensorflow");
        }
      }
      case 2 -> {
        if (rng.chance(0.04)) {
          libraries.add(rng.pick("keras", "tensorflow"));
        }
      }
      case 4 -> {
        if (rng.chance(0.08)) {
          libraries.add("scikit-learn");
        }
      }
      case 5 -> {
        if (rng.chance(0.35)) {
          libraries.add("pytorch");
        } else if (rng.chance(0.2)) {
          libraries.add("tensorflow");
        }
      }
      default -> {}
    }
  }

  private static String tags(Rng rng, List<String> libraries) {
    Set<String> tags = new LinkedHashSet<>();
    double u = rng.nextDouble();
    if (u < 0.70) {
      tags.add("python");
    } else if (u < 0.88) {
      tags.add("python-3.x");
    } else if (u < 0.98) {
      tags.add("python");
      tags.add("python-3.x");
    } else {
      tags.add("python");
      tags.add("python-2.7");
    }
    for (String lib : libraries) {
      tags.add(
          switch (lib) {
            case "tensorflow" ->
                rng.chance(0.85)
                    ? "tensorflow"
                    : rng.pick(
                        "tensorflow2.0", "tensorflow2.0", "tensorflow2.x", "tensorflow-lite");
            case "keras" -> rng.chance(0.88) ? "keras" : "tf.keras";
            case "pytorch" -> rng.chance(0.95) ? "pytorch" : "pytorch-lightning";
            case "huggingface" ->
                rng.chance(0.9) ? "huggingface-transformers" : "huggingface-tokenizers";
            case "spark-ml" -> "apache-spark-ml";
            default -> lib;
          });
    }
    if (libraries.contains("spark-ml") && rng.chance(0.7)) {
      tags.add("pyspark");
    }
    int extra = rng.between(0, 5 - tags.size());
    for (int k = 0; k < extra; k++) {
      tags.add(rng.pick(EXTRA_TAGS));
    }
    List<String> ordered = new ArrayList<>(tags);
    if (rng.chance(0.4)) {
      ordered.add(ordered.remove(0));
    }
    StringBuilder sb = new StringBuilder();
    for (String t : ordered) {
      sb.append('<').append(t).append('>');
    }
    return sb.toString();
  }

  /** {tags, prose library, trace library or null}. */
  private static String[] distractor(Rng rng) {
    return switch (rng.weighted(new double[] {25, 15, 15, 10, 25, 10})) {
      case 0 ->
          new String[] {
            rng.pick(
                "<tensorflow><ipython>",
                "<keras><ipython><jupyter-notebook>",
                "<ipython><scikit-learn>"),
            "keras",
            "keras"
          };
      case 1 -> new String[] {"<python><apache-spark-mllib><pyspark>", "mllib", "mllib"};
      case 2 ->
          new String[] {
            rng.pick("<r><keras>", "<r><tensorflow>", "<r><machine-learning>"), "keras", null
          };
      case 3 ->
          new String[] {
            rng.pick("<javascript><tensorflow.js>", "<javascript><node.js><machine-learning>"),
            "tensorflow",
            null
          };
      case 4 ->
          new String[] {
            rng.pick("<python><pandas>", "<python><pandas><numpy>", "<python-3.x><dataframe>"),
            "other",
            "other"
          };
      default -> new String[] {"<lua><torch>", "pytorch", null};
    };
  }

  private static String sentence(Rng rng, String template, String lib) {
    String s =
        template
            .replace("{lib}", lib)
            .replace("{net}", rng.pick(Prose.NETS))
            .replace("{task}", rng.pick(Prose.TASKS))
            .replace("{os}", rng.pick("Windows 10", "Ubuntu 18.04", "macOS", "Ubuntu 20.04"))
            .replace("{doc}", rng.pick(Prose.DOCS));
    return Fill.fill(s, rng, null);
  }

  private static String title(Rng rng, String lib, boolean fromError, String type, String message) {
    String t;
    if (fromError && rng.chance(0.6)) {
      String simple = type.substring(type.lastIndexOf('.') + 1);
      String msg = message.strip();
      int nl = msg.indexOf('\n');
      msg = nl >= 0 ? msg.substring(0, nl) : msg;
      msg = msg.length() > 100 ? msg.substring(0, 100) : msg;
      t =
          rng.pick(Prose.ERROR_TITLES)
              .replace("{type}", simple)
              .replace("{msg}", msg)
              .replace("{lib}", lib)
              .replace("{call}", rng.pick("model.fit", "fit()", "predict", "loading the model"))
              .replace("{net}", rng.pick(Prose.NETS));
    } else {
      t =
          rng.pick(Prose.TITLES)
              .replace("{lib}", lib)
              .replace("{net}", rng.pick(Prose.NETS))
              .replace("{task}", rng.pick(Prose.TASKS));
    }
    return t.length() > 150 ? t.substring(0, 150) : t;
  }

  private static String answerBody(Rng rng) {
    Html html = new Html(rng.chance(0.4), "code");
    html.p(
        rng.pick(Prose.ANSWERS)
            .replace("{lib}", rng.pick("TensorFlow", "Keras", "scikit-learn", "PyTorch")));
    if (rng.chance(0.55)) {
      html.pre(
          Fill.fill(rng.pick(Prose.ANSWER_CODE), rng, null)
              .replace("{pkg}", rng.pick("tensorflow", "keras", "scikit-learn", "torch")));
    }
    if (rng.chance(0.3)) {
      html.p(
          rng.pick(
              "Hope this helps.",
              "See the documentation for more details.",
              "This worked for me.",
              "Let me know if it still fails."));
    }
    return html.html();
  }

  private static int geometric(Rng rng, double mean) {
    double p = 1.0 / (1.0 + mean);
    int k = 0;
    while (k < 40 && !rng.chance(p)) {
      k++;
    }
    return k;
  }
}
