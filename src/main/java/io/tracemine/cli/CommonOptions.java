package io.tracemine.cli;

import io.tracemine.config.ConfigKeys;
import io.tracemine.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Options every command takes: where configuration comes from, where output goes, how to talk. */
public final class CommonOptions {
  @Option(
      names = "--profile",
      defaultValue = "local",
      description = "Configuration profile from conf/profiles (local, cluster, paper). Default: ${DEFAULT-VALUE}.")
  String profile;

  @Option(
      names = "--conf-dir",
      description = "Configuration directory. Default: ./conf when present, else the copy inside the jar.")
  Path confDir;

  @Option(names = "--config", description = "Extra properties file, applied over the profile.")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Set any configuration key (see conf/tracemine.properties); repeatable; wins over files.")
  List<String> assignments = new ArrayList<>();

  @Option(names = {"-o", "--output"}, description = "Output directory (output.dir). Default from config: output/run.")
  String output;

  @Option(
      names = "--master",
      description = "Spark master when not launched by spark-submit, e.g. local[2] (spark.master).")
  String master;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors and one summary line per stage (no progress).")
  boolean quiet;

  @Option(names = "--json", description = "Print each stage's summary as one JSON line (for schedulers).")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's INFO logging.")
  boolean verbose;

  @Option(names = "--debug", description = "Print full stack traces of errors.")
  boolean debug;

  @Option(
      names = "--force-unlock",
      description = "Take over the output directory's lock even if another run holds it (only when that run is gone).")
  boolean forceUnlock;

  /** Builds settings: defaults < libraries < profile < --config < --set < command options. */
  Settings settings(Map<String, String> commandOverrides) {
    List<Map<String, String>> layers = new ArrayList<>(Settings.baseLayers(confDirOrNull(), profile));
    if (configFile != null) {
      layers.add(Settings.loadFile(configFile));
    }
    layers.add(Settings.parseAssignments(assignments));
    Map<String, String> options = new TreeMap<>(commandOverrides);
    if (output != null) {
      options.put(ConfigKeys.OUTPUT_DIR, output);
    }
    if (master != null) {
      options.put(ConfigKeys.SPARK_MASTER, master);
    }
    layers.add(options);
    return Settings.of(layers);
  }

  /**
   * {@code --conf-dir}, else {@code ./conf}, else the project's conf/ when launched by submit.sh
   * ({@code TRACEMINE_HOME}), else null: the configuration packaged in the jar.
   */
  Path confDirOrNull() {
    if (confDir != null) {
      return confDir;
    }
    if (Files.isDirectory(Path.of("conf", "profiles"))) {
      return Path.of("conf");
    }
    String home = System.getenv("TRACEMINE_HOME");
    if (home != null && Files.isDirectory(Path.of(home, "conf"))) {
      return Path.of(home, "conf");
    }
    return null;
  }
}
