package io.tracemine.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's frame catalogue: shared runs and failure scenarios per library, parsed from the
 * resource {@value #RESOURCE} (its header comment gives the syntax).
 */
final class Catalog {
  /** One library-internal frame. */
  record Item(char root, String path, String function, String code, String args) {
    String file() {
      return FileNames.normalise(path);
    }
  }

  record Run(int id, String name, List<Item> items) {}

  /** A run, or a user frame ({@code run == null}) with its function and source line. */
  record Segment(Run run, String userFunction, String userCode) {}

  record Raise(String type, String template) {}

  /** One traceback of a scenario; {@code link} is how it chains to the previous one. */
  record Part(boolean userFrames, List<Segment> segments, List<Raise> raises, String link) {}

  record Scenario(
      String library, double weight, String name, String call, String os, List<Part> parts) {}

  static final String RESOURCE = "/corpus/catalog.txt";
  static final Catalog INSTANCE = parse(resourceText());

  private static String resourceText() {
    try (var in = Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot generate traces: the resource " + RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the resource " + RESOURCE, e);
    }
  }

  final List<Run> runs;
  final Map<String, List<Scenario>> scenariosByLibrary;
  final List<PlantedRun> plantedRuns;

  private Catalog(List<Run> runs, Map<String, List<Scenario>> scenarios) {
    this.runs = List.copyOf(runs);
    this.scenariosByLibrary = scenarios;
    this.plantedRuns = plantedRuns(runs, scenarios);
  }

  List<Scenario> scenarios(String library) {
    List<Scenario> list = scenariosByLibrary.get(library);
    if (list == null) {
      throw new IllegalStateException(
          "Cannot generate traces: no scenario for library '" + library + "'");
    }
    return list;
  }

  private static List<PlantedRun> plantedRuns(
      List<Run> runs, Map<String, List<Scenario>> scenarios) {
    List<Set<String>> libs = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      libs.add(new LinkedHashSet<>());
    }
    for (List<Scenario> list : scenarios.values()) {
      for (Scenario s : list) {
        for (Part p : s.parts()) {
          for (Segment seg : p.segments()) {
            if (seg.run() != null) {
              libs.get(seg.run().id()).add(s.library());
            }
          }
        }
      }
    }
    List<PlantedRun> out = new ArrayList<>();
    for (Run r : runs) {
      List<RunItem> items = new ArrayList<>();
      for (Item it : r.items()) {
        items.add(new RunItem(it.file(), it.function()));
      }
      out.add(new PlantedRun(r.id(), r.name(), new ArrayList<>(libs.get(r.id())), items));
    }
    return List.copyOf(out);
  }

  static Catalog parse(String text) {
    List<Run> runs = new ArrayList<>();
    Map<String, Run> byName = new LinkedHashMap<>();
    Map<String, List<Scenario>> scenarios = new LinkedHashMap<>();
    String runName = null;
    List<Item> items = null;
    ScenarioBuilder sb = null;
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] head = line.split(" ", 2);
      String rest = head.length > 1 ? head[1] : "";
      switch (head[0]) {
        case "run" -> {
          if (runName != null) {
            addRun(runs, byName, runName, items);
          }
          runName = rest.trim();
          items = new ArrayList<>();
        }
        case "S", "L", "X", "F", "P", "J" -> {
          String[] f = (rest + " ").split("\\|", -1);
          if (items == null || f.length < 3) {
            throw new IllegalStateException("Cannot parse catalog line " + lineNo + ": " + line);
          }
          String args = f.length > 3 ? f[3].trim() : "";
          items.add(new Item(head[0].charAt(0), f[0].trim(), f[1].trim(), f[2].trim(), args));
        }
        case "scenario" -> {
          if (runName != null) {
            addRun(runs, byName, runName, items);
            runName = null;
            items = null;
          }
          if (sb != null) {
            sb.add(scenarios);
          }
          String[] f = rest.split(" ");
          sb = new ScenarioBuilder(f[0], Double.parseDouble(f[1]), f[2]);
        }
        case "call" -> sb.call = rest;
        case "os" -> sb.os = rest.trim();
        case "nouser" -> sb.user = false;
        case "chain" -> {
          String userFunction = null;
          StringBuilder userCode = new StringBuilder();
          for (String token : (rest.trim() + " ").split(" ", -1)) {
            Run r = byName.get(token);
            if (userFunction != null && (r != null || token.isEmpty() || token.startsWith("@"))) {
              sb.segments.add(new Segment(null, userFunction, userCode.toString().trim()));
              userFunction = null;
            }
            if (token.startsWith("@")) {
              int colon = token.indexOf(':');
              userFunction = token.substring(1, colon);
              userCode.setLength(0);
              userCode.append(token.substring(colon + 1));
            } else if (userFunction != null) {
              userCode.append(' ').append(token);
            } else if (r != null) {
              sb.segments.add(new Segment(r, null, null));
            } else if (!token.isEmpty()) {
              throw new IllegalStateException(
                  "Cannot parse catalog line " + lineNo + ": unknown run '" + token + "'");
            }
          }
        }
        case "raise" -> {
          String[] f = rest.split(" \\| ", 2);
          sb.raises.add(new Raise(f[0].trim(), unescape(f[1])));
        }
        case "link" -> sb.endPart(rest.trim());
        default ->
            throw new IllegalStateException("Cannot parse catalog line " + lineNo + ": " + line);
      }
    }
    if (sb != null) {
      sb.add(scenarios);
    }
    return new Catalog(runs, scenarios);
  }

  private static void addRun(
      List<Run> runs, Map<String, Run> byName, String name, List<Item> items) {
    Run r = new Run(runs.size(), name, List.copyOf(items));
    runs.add(r);
    byName.put(name, r);
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\t", "\t");
  }

  private static final class ScenarioBuilder {
    final String library;
    final double weight;
    final String name;
    String call;
    String os;
    boolean user = true;
    String link;
    List<Segment> segments = new ArrayList<>();
    List<Raise> raises = new ArrayList<>();
    final List<Part> parts = new ArrayList<>();

    ScenarioBuilder(String library, double weight, String name) {
      this.library = library;
      this.weight = weight;
      this.name = name;
    }

    void endPart(String nextLink) {
      parts.add(new Part(user, List.copyOf(segments), List.copyOf(raises), link));
      link = nextLink;
      user = true;
      segments = new ArrayList<>();
      raises = new ArrayList<>();
    }

    void add(Map<String, List<Scenario>> scenarios) {
      endPart(null);
      scenarios
          .computeIfAbsent(library, k -> new ArrayList<>())
          .add(new Scenario(library, weight, name, call, os, List.copyOf(parts)));
    }
  }
}
