package io.tracemine.cli;

import io.tracemine.config.RunKeys;
import io.tracemine.config.Settings;
import io.tracemine.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Options every command takes: where configuration comes from, where output goes, how to talk. */
public final class CommonOptions extends ConsoleOptions {
  @Option(
      names = "--profile",
      defaultValue = "local",
      description =
          "Configuration profile from conf/profiles (local, cluster, paper). Default:"
              + " ${DEFAULT-VALUE}.")
  String profile;

  @Option(
      names = "--conf-dir",
      description =
          "Configuration directory. Default: ./conf when present, else the copy inside the jar.")
  Path confDir;

  @Option(names = "--config", description = "Extra properties file, applied over the profile.")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set any configuration key (see conf/tracemine.properties); repeatable; wins over files.")
  List<String> assignments = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      description = "Output directory (output.dir). Default from config: output/run.")
  String output;

  /**
   * Hidden: spark-submit's own {@code --master} (which submit.sh passes through) decides the
   * master; this one only matters when the class is run without spark-submit, like {@code --set
   * spark.master=...}. Kept so that existing command lines still parse.
   */
  @Option(
      names = "--master",
      hidden = true,
      description = "Spark master without spark-submit (spark.master).")
  String master;

  @Option(
      names = "--force-unlock",
      description =
          "Take over the output directory's lock even if another run holds it (only when that run"
              + " is gone; a run still alive on this host is refused).")
  boolean forceUnlock;

  /** Options for a command that has no --profile of its own: the local profile, these flags. */
  static CommonOptions defaults(ConsoleOptions console) {
    CommonOptions options = new CommonOptions();
    options.profile = "local";
    options.quiet = console.quiet;
    options.json = console.json;
    options.verbose = console.verbose;
    options.debug = console.debug;
    options.report = console.report;
    return options;
  }

  /** Builds settings: defaults < libraries < profile < --config < --set < command options. */
  Settings settings(Map<String, String> commandOverrides) {
    List<Map<String, String>> layers =
        new ArrayList<>(Settings.baseLayers(confDirOrNull(), profile));
    List<Map<String, String>> userLayers = new ArrayList<>();
    if (configFile != null) {
      userLayers.add(Settings.loadFile(configFile));
    }
    userLayers.add(Settings.parseAssignments(assignments));
    layers.addAll(userLayers);
    Map<String, String> options = new TreeMap<>(commandOverrides);
    if (output != null) {
      options.put(RunKeys.OUTPUT_DIR, output);
    }
    if (master != null) {
      options.put(RunKeys.SPARK_MASTER, master);
    }
    layers.add(options);
    Settings settings = Settings.of(layers);
    for (Map<String, String> layer : userLayers) {
      IngestConfig.requireListedLibraries(settings, layer.keySet());
    }
    return settings;
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
