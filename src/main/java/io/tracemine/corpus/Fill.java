package io.tracemine.corpus;

/**
 * Fills message and code templates: {@code {a-b}} is a number in [a, b]; {@code {layer}}, {@code
 * {Layer}}, {@code {col}}, {@code {word}}, {@code {dtype}}, {@code {user}}, {@code {model}}, {@code
 * {Estimator}} are names; {@code {prev}} is the previous message. Anything else in braces is
 * literal text.
 */
final class Fill {
  private static final String[] LAYERS = {
    "dense_1",
    "dense_2",
    "dense_3",
    "lstm_1",
    "lstm",
    "conv2d_1",
    "conv2d",
    "embedding_1",
    "sequential",
    "dense",
    "input_1",
    "flatten_1",
    "bidirectional",
    "gru_1"
  };
  private static final String[] LAYER_CLASSES = {
    "Attention",
    "TransformerBlock",
    "KerasLayer",
    "AttentionLayer",
    "CRF",
    "Net",
    "ResNet",
    "MyModel",
    "Encoder",
    "BahdanauAttention",
    "AttentionWithContext"
  };
  private static final String[] COLUMNS = {
    "label",
    "target",
    "price",
    "Age",
    "Survived",
    "text",
    "sentiment",
    "class",
    "y",
    "date",
    "Sales",
    "species",
    "review"
  };
  private static final String[] WORDS = {
    "data",
    "model",
    "train",
    "image",
    "dataset",
    "my_model",
    "weights",
    "best_model",
    "test",
    "images",
    "input",
    "main",
    "checkpoint",
    "cats",
    "spam"
  };
  private static final String[] DTYPES = {
    "float", "int", "str", "list", "numpy.ndarray", "dict", "NoneType"
  };
  private static final String[] MODELS = {
    "bert-base-uncased",
    "distilbert-base-uncased",
    "roberta-base",
    "gpt2",
    "t5-small",
    "bert-base-cased",
    "xlnet-base-cased",
    "albert-base-v2"
  };
  private static final String[] ESTIMATORS = {
    "LogisticRegression",
    "RandomForestClassifier",
    "SVC",
    "KMeans",
    "StandardScaler",
    "MultinomialNB",
    "DecisionTreeClassifier",
    "TfidfVectorizer",
    "LinearRegression"
  };
  private static final String[] USERS = {"john", "user", "ubuntu", "alex", "pi", "maria"};

  private Fill() {}

  static String fill(String template, Rng rng, String prev) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i + 1) : -1;
      if (close < 0) {
        out.append(c);
        i++;
        continue;
      }
      String key = template.substring(i + 1, close);
      String value = value(key, rng, prev);
      if (value == null) {
        out.append(c);
        i++;
      } else {
        out.append(value);
        i = close + 1;
      }
    }
    return out.toString();
  }

  private static String value(String key, Rng rng, String prev) {
    switch (key) {
      case "layer":
        return rng.pick(LAYERS);
      case "Layer":
        return rng.pick(LAYER_CLASSES);
      case "col":
        return rng.pick(COLUMNS);
      case "word":
        return rng.pick(WORDS);
      case "dtype":
        return rng.pick(DTYPES);
      case "model":
        return rng.pick(MODELS);
      case "Estimator":
        return rng.pick(ESTIMATORS);
      case "user":
        return rng.pick(USERS);
      case "prev":
        return prev == null ? "" : prev;
      default:
        int dash = key.indexOf('-');
        if (dash <= 0 || key.length() > 12) {
          return null;
        }
        try {
          int lo = Integer.parseInt(key.substring(0, dash));
          int hi = Integer.parseInt(key.substring(dash + 1));
          return Integer.toString(rng.between(lo, hi));
        } catch (NumberFormatException e) {
          return null;
        }
    }
  }
}
