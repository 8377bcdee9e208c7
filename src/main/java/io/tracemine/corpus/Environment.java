package io.tracemine.corpus;

/**
 * Where a traceback was produced: the printed prefixes of site-packages, the standard library,
 * pyspark and py4j, and of the user's scripts. Windows environments print backslashes unless {@code
 * forwardSlashes}; IPython may abbreviate the home directory to {@code ~}.
 */
record Environment(
    String os,
    String site,
    String std,
    String spark,
    String py4j,
    String userDir,
    char libSeparator,
    char userSeparator) {

  private static final String[] UNIX_USERS = {
    "john", "user", "ubuntu", "alex", "mike", "sam", "anna", "david", "pi", "kevin", "maria", "ali"
  };
  private static final String[] WIN_USERS = {
    "John", "user", "Admin", "HP", "DELL", "asus", "Lenovo", "Mohamed", "Owner", "Sarah", "Raj"
  };
  private static final String[] ENVS = {
    "tf", "tf2", "tensorflow", "ml", "py37", "torch", "nlp", "myenv", "keras-gpu", "dl"
  };
  private static final String[] PROJECTS = {
    "project",
    "ml",
    "deep_learning",
    "thesis",
    "chatbot",
    "mnist",
    "cnn",
    "nlp",
    "kaggle",
    "sentiment",
    "src",
    "workspace"
  };

  static Environment pick(Rng rng, boolean ipython, String forcedOs) {
    boolean windows = forcedOs != null ? forcedOs.equals("windows") : rng.chance(0.32);
    return windows ? windows(rng, ipython) : unix(rng, ipython);
  }

  private static Environment unix(Rng rng, boolean ipython) {
    String u = rng.pick(UNIX_USERS);
    String v = rng.pick("3.6", "3.6", "3.7", "3.7", "3.8", "3.8", "3.5", "2.7");
    String env = rng.pick(ENVS);
    String home = "/home/" + u;
    String site;
    String std;
    switch (rng.weighted(new double[] {3, 3, 2, 1, 2, 1, 2, 1, 1, 1, 1})) {
      case 0 -> {
        site = "/usr/local/lib/python" + v + "/dist-packages/";
        std = "/usr/lib/python" + v + "/";
        if (ipython) {
          home = "/content";
        }
      }
      case 1 -> {
        site = home + "/anaconda3/lib/python" + v + "/site-packages/";
        std = home + "/anaconda3/lib/python" + v + "/";
      }
      case 2 -> {
        site = home + "/anaconda3/envs/" + env + "/lib/python" + v + "/site-packages/";
        std = home + "/anaconda3/envs/" + env + "/lib/python" + v + "/";
      }
      case 3 -> {
        site = home + "/.conda/envs/" + env + "/lib/python" + v + "/site-packages/";
        std = home + "/.conda/envs/" + env + "/lib/python" + v + "/";
      }
      case 4 -> {
        site = home + "/.local/lib/python" + v + "/site-packages/";
        std = "/usr/lib/python" + v + "/";
      }
      case 5 -> {
        site =
            home
                + "/"
                + rng.pick("venv", "env", ".virtualenvs/" + env)
                + "/lib/python"
                + v
                + "/site-packages/";
        std = "/usr/lib/python" + v + "/";
      }
      case 6 -> {
        home = "/Users/" + u;
        site = home + "/anaconda3/lib/python" + v + "/site-packages/";
        std = home + "/anaconda3/lib/python" + v + "/";
      }
      case 7 -> {
        home = "/Users/" + u;
        site = home + "/opt/anaconda3/envs/" + env + "/lib/python" + v + "/site-packages/";
        std = home + "/opt/anaconda3/envs/" + env + "/lib/python" + v + "/";
      }
      case 8 -> {
        home = "/Users/" + u;
        site =
            "/Library/Frameworks/Python.framework/Versions/"
                + v
                + "/lib/python"
                + v
                + "/site-packages/";
        std = "/Library/Frameworks/Python.framework/Versions/" + v + "/lib/python" + v + "/";
      }
      case 9 -> {
        site = "/opt/conda/lib/python" + v + "/site-packages/";
        std = "/opt/conda/lib/python" + v + "/";
      }
      default -> {
        site = "/usr/local/lib/python" + v + "/site-packages/";
        std = "/usr/local/lib/python" + v + "/";
      }
    }
    String spark;
    String py4j;
    switch (rng.nextInt(4)) {
      case 0, 1 -> {
        spark = "/usr/local/spark/python/lib/pyspark.zip/";
        py4j = "/usr/local/spark/python/lib/py4j-0.10.7-src.zip/";
      }
      case 2 -> {
        spark = "/opt/spark/python/";
        py4j = "/opt/spark/python/lib/py4j-0.10.9-src.zip/";
      }
      default -> {
        spark = site;
        py4j = site;
      }
    }
    String userDir =
        switch (rng.weighted(new double[] {5, 1.5, 1.5, 2})) {
          case 0 -> home + "/" + rng.pick(PROJECTS) + "/";
          case 1 -> home + "/Desktop/" + rng.pick(PROJECTS) + "/";
          case 2 -> home + "/PycharmProjects/" + rng.pick(PROJECTS) + "/";
          default -> "";
        };
    if (ipython && rng.chance(0.6) && !home.equals("/content")) {
      site = tilde(site, home);
      std = tilde(std, home);
    }
    return new Environment("unix", site, std, spark, py4j, userDir, '/', '/');
  }

  private static Environment windows(Rng rng, boolean ipython) {
    String u = rng.pick(WIN_USERS);
    String pv = rng.pick("36", "37", "37", "38");
    String env = rng.pick(ENVS);
    String home = "C:\\Users\\" + u;
    String site;
    String std;
    switch (rng.weighted(new double[] {4, 3, 3, 1, 1, 1, 1})) {
      case 0 -> std = home + "\\Anaconda3\\lib\\";
      case 1 -> std = home + "\\Anaconda3\\envs\\" + env + "\\lib\\";
      case 2 -> std = home + "\\AppData\\Local\\Programs\\Python\\Python" + pv + "\\lib\\";
      case 3 -> {
        home = home.toLowerCase(java.util.Locale.ROOT);
        std = home + "\\appdata\\local\\programs\\python\\python" + pv + "\\lib\\";
      }
      case 4 -> std = "C:\\Python" + pv + "\\lib\\";
      case 5 -> std = "D:\\Anaconda3\\lib\\";
      default -> std = "C:\\ProgramData\\Anaconda3\\lib\\";
    }
    site = std + "site-packages\\";
    String sparkHome =
        "C:\\spark\\spark-2.4." + rng.between(0, 7) + "-bin-hadoop2.7\\python\\lib\\";
    String spark = rng.chance(0.6) ? sparkHome + "pyspark.zip\\" : site;
    String py4j = spark.equals(site) ? site : sparkHome + "py4j-0.10.7-src.zip\\";
    char userSep = '\\';
    String userDir;
    switch (rng.weighted(new double[] {3.5, 2.5, 1.5, 1.5, 1})) {
      case 0 -> userDir = home + "\\Desktop\\" + rng.pick(PROJECTS) + "\\";
      case 1 -> {
        userDir = home.replace('\\', '/') + "/PycharmProjects/" + rng.pick(PROJECTS) + "/";
        userSep = '/';
      }
      case 2 -> userDir = "D:\\" + rng.pick(PROJECTS) + "\\";
      case 3 -> userDir = "";
      default -> userDir = home + "\\Documents\\" + rng.pick(PROJECTS) + "\\";
    }
    char libSep = '\\';
    if (rng.chance(0.1)) {
      site = site.replace('\\', '/');
      std = std.replace('\\', '/');
      spark = spark.replace('\\', '/');
      py4j = py4j.replace('\\', '/');
      libSep = '/';
    }
    if (ipython && rng.chance(0.5) && libSep == '\\') {
      site = tilde(site, home);
      std = tilde(std, home);
    }
    return new Environment("windows", site, std, spark, py4j, userDir, libSep, userSep);
  }

  private static String tilde(String path, String home) {
    return path.startsWith(home) ? "~" + path.substring(home.length()) : path;
  }

  /** The printed path of a catalogue frame. */
  String path(Catalog.Item item) {
    String rel = libSeparator == '/' ? item.path() : item.path().replace('/', libSeparator);
    return switch (item.root()) {
      case 'S' -> site + rel;
      case 'L' -> std + rel;
      case 'P' -> spark + rel;
      case 'J' -> py4j + rel;
      case 'X' -> os.equals("windows") ? item.path().replace('/', '\\') : item.path();
      default -> item.path();
    };
  }

  /** The printed path of a user script, e.g. {@code train.py}; relative when userDir is empty. */
  String userPath(String script) {
    return userDir + script;
  }

  /** A copy whose user scripts are printed with an absolute path. */
  Environment withAbsoluteUserDir(Rng rng) {
    if (!userDir.isEmpty()) {
      return this;
    }
    String dir =
        os.equals("windows")
            ? "C:\\Users\\" + rng.pick(WIN_USERS) + "\\Desktop\\"
            : "/home/" + rng.pick(UNIX_USERS) + "/";
    return new Environment(
        os, site, std, spark, py4j, dir, libSeparator, os.equals("windows") ? '\\' : '/');
  }
}
