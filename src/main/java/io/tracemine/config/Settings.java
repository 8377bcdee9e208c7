package io.tracemine.config;

import io.tracemine.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The merged configuration, as plain strings, with typed accessors whose errors name the key.
 *
 * <p>Precedence, lowest first: {@code conf/tracemine.properties} (the defaults) &lt; {@code
 * conf/libraries.properties} &lt; {@code conf/profiles/<profile>.properties} &lt; a user's {@code
 * --config FILE} &lt; {@code --set key=value} and dedicated command-line options. The {@code conf/}
 * directory is read from the file system when present (or from {@code --conf-dir}), otherwise from
 * the copy packaged in the jar, so a cluster-mode driver finds it too.
 */
public final class Settings {
  private final Map<String, String> values;

  /** The file that set each key read from one ({@link #loadFile}: a --config file, a profile). */
  private final Map<String, String> files;

  private Settings(Map<String, String> values, Map<String, String> files) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /** The settings of a file read by {@link #loadFile}, which remember the file. */
  private static final class FileLayer extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;
    private final String file;

    FileLayer(String file, Map<String, String> values) {
      super(values);
      this.file = file;
    }
  }

  /** Builds settings from layers (lowest precedence first), rejecting any unknown key. */
  public static Settings of(List<Map<String, String>> layers) {
    Map<String, String> merged = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    for (Map<String, String> layer : layers) {
      for (var e : layer.entrySet()) {
        if (!KnownKeys.isKnown(e.getKey())) {
          throw new InvalidConfigException(unknownKeyMessage(e.getKey()));
        }
        merged.put(e.getKey(), e.getValue().trim());
        if (layer instanceof FileLayer f) {
          files.put(e.getKey(), f.file);
        } else {
          files.remove(e.getKey());
        }
      }
    }
    return new Settings(merged, files);
  }

  /** {@code message} about a key that the config file {@code file} set, naming the file. */
  public static String inConfigFile(String file, String message) {
    return "In config file '" + file + "': " + message;
  }

  /**
   * The file whose value of {@code key} these settings hold (a {@code --config} file, or a profile
   * or default read from a {@code conf/} directory), or null when the value came from elsewhere
   * ({@code --set}, a command's option, the configuration packaged in the jar).
   */
  public String fileOf(String key) {
    return files.get(key);
  }

  public static Settings of(Map<String, String> values) {
    return of(List.of(values));
  }

  /**
   * The defaults and libraries packaged in the jar (no profile): what a stage's {@code defaults()}
   * reads, so every default is written once, in {@code conf/tracemine.properties}.
   */
  public static Settings packagedDefaults() {
    return of(baseLayers(null, null));
  }

  /** A profile name: the name of a file in {@code conf/profiles/} without its extension. */
  private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** Loads defaults, libraries and the named profile from {@code confDir} (or the jar's copy). */
  public static List<Map<String, String>> baseLayers(Path confDir, String profile) {
    List<Map<String, String>> layers = new ArrayList<>();
    layers.add(load(confDir, "tracemine.properties", true));
    layers.add(load(confDir, "libraries.properties", true));
    if (profile != null) {
      if (profile.isBlank()) { // --profile '': an unset variable in a scheduler's template
        throw new InvalidConfigException(
            "Cannot load profile '"
                + profile
                + "': the name is empty (valid: "
                + String.join(", ", profiles(confDir))
                + ")");
      }
      if (!PROFILE_NAME.matcher(profile).matches()) {
        throw new InvalidConfigException(
            "Cannot load profile '"
                + profile
                + "': a profile is named, not a path (valid: "
                + String.join(", ", profiles(confDir))
                + "); give a file of settings with --config FILE");
      }
      Map<String, String> layer = load(confDir, "profiles/" + profile + ".properties", false);
      if (layer == null) {
        throw new InvalidConfigException(
            "Cannot load profile '"
                + profile
                + "': no file profiles/"
                + profile
                + ".properties in "
                + describe(confDir)
                + " (valid: "
                + String.join(", ", profiles(confDir))
                + ")");
      }
      layers.add(layer);
    }
    return layers;
  }

  /**
   * Reads a user's properties file (UTF-8, each key once); a missing, unreadable or non-UTF-8 file
   * and a key set twice are errors naming the file.
   */
  public static Map<String, String> loadFile(Path file) {
    String cannot = "Cannot read config file '" + file + "': ";
    if (Files.isDirectory(file)) {
      throw new InvalidConfigException(cannot + "it is a directory, not a properties file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new InvalidConfigException(cannot + "it is not a regular file (a device or a pipe)");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(cannot + "no such file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InvalidConfigException(cannot + "permission denied");
    } catch (IOException e) {
      throw new InvalidConfigException(cannot + e.getMessage());
    }
    Map<String, String> values;
    try {
      values = toMap(new StringReader(Utf8Text.decode(bytes)));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException(cannot + e.getMessage());
    }
    for (String key : values.keySet()) {
      if (!KnownKeys.isKnown(key)) {
        throw new InvalidConfigException(inConfigFile(file.toString(), unknownKeyMessage(key)));
      }
    }
    return new FileLayer(file.toString(), values);
  }

  /**
   * Parses {@code key=value} assignments given with {@code --set}; a key given twice is an error,
   * as in a config file (which one was meant?).
   */
  public static Map<String, String> parseAssignments(List<String> assignments) {
    Map<String, String> map = new TreeMap<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new InvalidConfigException("Cannot parse --set '" + a + "': expected key=value");
      }
      String key = a.substring(0, eq).trim();
      String before = map.put(key, a.substring(eq + 1).trim());
      if (before != null) {
        throw new InvalidConfigException(
            "Cannot use --set: key '"
                + key
                + "' is set twice ('"
                + before
                + "', then '"
                + map.get(key)
                + "'); give it once");
      }
    }
    return map;
  }

  /** These settings with {@code overrides} on top (unknown keys rejected as in {@link #of}). */
  public Settings with(Map<String, String> overrides) {
    return of(List.of(values, overrides));
  }

  public Map<String, String> asMap() {
    return values;
  }

  /**
   * The settings without those whose key names a secret ({@link #isSecret}), sorted by key: what a
   * manifest records and a report shows.
   */
  public Map<String, String> withoutSecrets() {
    return withoutSecrets(values);
  }

  /** {@code settings} without the keys that name a secret ({@link #isSecret}), sorted by key. */
  public static Map<String, String> withoutSecrets(Map<String, String> settings) {
    Map<String, String> shown = new java.util.TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (!isSecret(k)) {
            shown.put(k, v == null ? "" : v);
          }
        });
    return shown;
  }

  /**
   * Whether {@code key} contains {@code credentials}, {@code password}, {@code secret} or {@code
   * token} (any case).
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }

  private static final List<String> SECRET_WORDS =
      List.of("credentials", "password", "secret", "token");

  /** Whether {@code key} is given with an empty value (which {@link #has} counts as not set). */
  public boolean isGivenEmpty(String key) {
    String v = values.get(key);
    return v != null && v.isEmpty();
  }

  public boolean has(String key) {
    String v = values.get(key);
    return v != null && !v.isEmpty();
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new InvalidConfigException("Missing configuration key '" + key + "'");
    }
    if (v.isEmpty()) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '' (empty) but needs a value (see conf/tracemine.properties)");
    }
    return v;
  }

  public String stringOr(String key, String fallback) {
    return has(key) ? values.get(key) : fallback;
  }

  public long longValue(String key, long min) {
    return integer(key, min, Long.MAX_VALUE);
  }

  public int intValue(String key, int min) {
    return (int) integer(key, min, Integer.MAX_VALUE);
  }

  /** {@link #intValue(String, int)} with an upper bound too. */
  public int intValue(String key, int min, int max) {
    return (int) integer(key, min, max);
  }

  private long integer(String key, long min, long max) {
    String v = string(key);
    BigInteger parsed;
    try {
      parsed = new BigInteger(v);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '" + v + "' but must be an integer");
    }
    if (parsed.compareTo(BigInteger.valueOf(min)) < 0) {
      throw new InvalidConfigException("'" + key + "' is set to " + v + " but must be >= " + min);
    }
    if (parsed.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidConfigException("'" + key + "' is set to " + v + " but must be <= " + max);
    }
    return parsed.longValueExact();
  }

  /** A number in {@code [0, 1]}, e.g. a share of rows. */
  public double fraction(String key) {
    String v = string(key);
    double parsed;
    try {
      parsed = DecimalText.parse(v);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '" + v + "' but must be a decimal number such as 0.05");
    }
    if (!(parsed >= 0 && parsed <= 1)) {
      throw new InvalidConfigException(
          "'" + key + "' is set to " + v + " but must be between 0 and 1");
    }
    return parsed;
  }

  public Integer optionalInt(String key, int min) {
    return has(key) ? intValue(key, min) : null;
  }

  public boolean bool(String key) {
    String v = string(key);
    if (!v.equals("true") && !v.equals("false")) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '" + v + "' but must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  /** A value that must be one of {@code valid}. */
  public String choice(String key, List<String> valid) {
    String v = string(key);
    if (!valid.contains(v)) {
      throw new InvalidConfigException(
          "'" + key + "' is set to '" + v + "' (valid: " + String.join(", ", valid) + ")");
    }
    return v;
  }

  /**
   * A comma-separated list. An empty entry ({@code keras,,nltk}, a trailing comma) is refused: it
   * is a name left out or a stray comma, and either way the list would silently mean something else
   * than what was written.
   */
  public List<String> list(String key) {
    String v = string(key);
    List<String> entries = Arrays.stream(v.split(",", -1)).map(String::trim).toList();
    if (entries.contains("")) {
      throw new InvalidConfigException(
          "'"
              + key
              + "' is set to '"
              + v
              + "', which has an empty entry; give names separated by"
              + " single commas");
    }
    return entries;
  }

  /** Spark settings given as {@code spark.conf.spark.x=v}, returned as {@code spark.x -> v}. */
  public Map<String, String> sparkConf() {
    Map<String, String> conf = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(RunKeys.SPARK_CONF_PREFIX)) {
            conf.put(k.substring(RunKeys.SPARK_CONF_PREFIX.length()), v);
          }
        });
    return conf;
  }

  private static String unknownKeyMessage(String key) {
    Set<String> similar = KnownKeys.withPrefixOf(key);
    String hint = similar.isEmpty() ? "see conf/tracemine.properties" : String.join(", ", similar);
    return "Unknown configuration key '"
        + key
        + "' (known keys with that prefix: "
        + hint
        + "; library stems are library.<name>.stems, Spark settings spark.conf.spark.*)";
  }

  private static Map<String, String> load(Path confDir, String name, boolean required) {
    try {
      if (confDir != null) {
        Path file = confDir.resolve(name);
        if (Files.isRegularFile(file)) {
          return loadFile(file);
        }
      } else {
        try (InputStream in = Settings.class.getResourceAsStream("/tracemine-conf/" + name)) {
          if (in != null) {
            return toMap(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException(
          "Cannot read " + name + " from " + describe(confDir) + ": " + e.getMessage());
    }
    if (required) {
      throw new InvalidConfigException("Cannot find " + name + " in " + describe(confDir));
    }
    return null;
  }

  private static List<String> profiles(Path confDir) {
    List<String> names = new ArrayList<>();
    if (confDir != null && Files.isDirectory(confDir.resolve("profiles"))) {
      try (var files = Files.list(confDir.resolve("profiles"))) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".properties"))
            .map(n -> n.substring(0, n.length() - ".properties".length()))
            .sorted()
            .forEach(names::add);
      } catch (IOException e) {
        return List.of("local", "cluster", "paper");
      }
      return names;
    }
    return List.of("local", "cluster", "paper");
  }

  private static String describe(Path confDir) {
    return confDir == null ? "the configuration packaged in the jar" : "'" + confDir + "'";
  }

  /** Parses a properties file; a key given twice in it is an error (which one was meant?). */
  private static Map<String, String> toMap(Reader reader) throws IOException {
    Properties p =
        new Properties() {
          @Override
          public synchronized Object put(Object key, Object value) {
            Object before = super.put(key, value);
            if (before != null) {
              throw new IllegalArgumentException(
                  "key '" + key + "' is set twice ('" + before + "', then '" + value + "')");
            }
            return null;
          }
        };
    p.load(reader);
    Map<String, String> map = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      map.put(name, p.getProperty(name));
    }
    return map;
  }
}
