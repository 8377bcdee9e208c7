package io.tracemine.stats;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-period tables against a brute-force oracle on seeded random inputs (several seeds, both
 * period kinds, 1, 2 and 7 input partitions), and properties of the period arithmetic.
 */
@ExtendWith(SharedSpark.class)
class PeriodTablesTest {
  private static final StructType QUESTIONS =
      Schemas.struct(
          Schemas.required("question_id", DataTypes.LongType),
          Schemas.required("library", DataTypes.StringType),
          Schemas.nullable("creation_date", DataTypes.TimestampType),
          Schemas.required("has_trace", DataTypes.BooleanType));
  private static final StructType TRACES =
      Schemas.struct(
          Schemas.required("trace_id", DataTypes.StringType),
          Schemas.required("question_id", DataTypes.LongType),
          Schemas.required("library", DataTypes.StringType),
          Schemas.nullable("exception_type", DataTypes.StringType),
          Schemas.nullable("template", DataTypes.StringType));
  private static final StructType PATTERNS =
      Schemas.struct(
          Schemas.required("library", DataTypes.StringType),
          Schemas.required("pattern_id", DataTypes.StringType),
          Schemas.required("pattern", DataTypes.createArrayType(Schemas.PATTERN_ITEM, false)));

  record Question(long id, String library, Timestamp created, boolean hasTrace) {}

  record Trace(String id, long questionId, String library, String type, String template) {}

  record Pattern(String library, String id, List<String> items, Set<String> traceIds) {}

  /** A seeded random input: 2 libraries, 4 years, undated questions, orphan links. */
  record Input(List<Question> questions, List<Trace> traces, List<Pattern> patterns) {
    static Input random(long seed) {
      Random rnd = new Random(seed);
      List<Question> questions = new ArrayList<>();
      List<Trace> traces = new ArrayList<>();
      String[] types = {"E1", "E2", "E3", null};
      String[] templates = {"T1", "T2", "T3", "T4", null};
      for (long q = 1; q <= 40; q++) {
        Timestamp created =
            rnd.nextInt(10) == 0
                ? null
                : Timestamp.from(
                    LocalDateTime.of(
                            2017 + rnd.nextInt(4),
                            1 + rnd.nextInt(12),
                            1 + rnd.nextInt(28),
                            rnd.nextInt(24),
                            0)
                        .toInstant(ZoneOffset.UTC));
        boolean hasTrace = rnd.nextInt(3) > 0;
        List<String> libraries =
            switch (rnd.nextInt(3)) {
              case 0 -> List.of("a");
              case 1 -> List.of("b");
              default -> List.of("a", "b");
            };
        int instances = hasTrace ? 1 + rnd.nextInt(3) : 0;
        List<String[]> shapes = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          shapes.add(
              new String[] {
                types[rnd.nextInt(types.length)], templates[rnd.nextInt(templates.length)]
              });
        }
        for (String library : libraries) {
          questions.add(new Question(q, library, created, hasTrace));
          for (int i = 0; i < instances; i++) {
            traces.add(new Trace(q + "-0-" + i, q, library, shapes.get(i)[0], shapes.get(i)[1]));
          }
        }
      }
      List<Pattern> patterns = new ArrayList<>();
      for (String library : List.of("a", "b")) {
        for (int p = 0; p < 5; p++) {
          Set<String> ids = new TreeSet<>();
          for (Trace t : traces) {
            if (t.library().equals(library) && rnd.nextInt(5) < 2) {
              ids.add(t.id());
            }
          }
          patterns.add(
              new Pattern(library, library + "p" + p, List.of("f" + p + ":g", "h:k"), ids));
        }
      }
      return new Input(questions, traces, patterns);
    }

    Map<String, Long> questionOf() {
      return traces.stream().collect(Collectors.toMap(Trace::id, Trace::questionId, (x, y) -> x));
    }

    StatsInputs toSpark(SparkSession spark, int partitions) {
      List<Row> q =
          questions.stream()
              .map(x -> RowFactory.create(x.id(), x.library(), x.created(), x.hasTrace()))
              .toList();
      List<Row> t =
          traces.stream()
              .map(
                  x ->
                      RowFactory.create(
                          x.id(), x.questionId(), x.library(), x.type(), x.template()))
              .toList();
      List<Row> p = new ArrayList<>();
      List<Row> links = new ArrayList<>();
      Map<String, Long> questionOf = questionOf();
      for (Pattern x : patterns) {
        p.add(
            RowFactory.create(
                x.library(),
                x.id(),
                x.items().stream()
                    .map(i -> RowFactory.create(i.split(":")[0], i.split(":")[1]))
                    .toArray(Row[]::new)));
        links.add(
            RowFactory.create(
                x.library(),
                x.id(),
                x.traceIds().toArray(String[]::new),
                x.traceIds().stream().map(questionOf::get).toArray(Long[]::new)));
      }
      links.add(
          RowFactory.create(
              "a",
              "not-mined",
              new String[] {traces.get(0).id()},
              new Long[] {traces.get(0).questionId()}));
      return StatsInputs.of(
          spark.createDataFrame(q, QUESTIONS).repartition(partitions),
          spark.createDataFrame(t, TRACES).repartition(partitions),
          spark.createDataFrame(p, PATTERNS).repartition(partitions),
          spark.createDataFrame(links, Schemas.PATTERN_TRACE_LISTS).repartition(partitions));
    }
  }

  /** The five tables computed by brute force from the definitions in docs/TABLES-stats.md. */
  static Map<String, List<String>> oracle(Input in, PeriodConfig config) {
    Map<String, String> periodOfQuestion = new HashMap<>();
    Set<String> periods = new TreeSet<>();
    for (Question q : in.questions()) {
      String period = config.periodOf(q.created() == null ? null : q.created().toInstant());
      if (period != null) {
        periodOfQuestion.put(q.id() + "/" + q.library(), period);
        periods.add(period);
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    List<String> questionRows = new ArrayList<>();
    for (String period : periods) {
      for (String library : List.of("a", "b", "all")) {
        Set<Long> questions = new HashSet<>();
        Set<Long> withTrace = new HashSet<>();
        for (Question q : in.questions()) {
          if (period.equals(periodOfQuestion.get(q.id() + "/" + q.library()))
              && (library.equals("all") || q.library().equals(library))) {
            questions.add(q.id());
            if (q.hasTrace()) {
              withTrace.add(q.id());
            }
          }
        }
        Set<String> instances = new HashSet<>();
        long instanceRows = 0;
        for (Trace t : in.traces()) {
          if (period.equals(periodOfQuestion.get(t.questionId() + "/" + t.library()))
              && (library.equals("all") || t.library().equals(library))) {
            instances.add(t.id());
            instanceRows++;
          }
        }
        if (!questions.isEmpty()) {
          questionRows.add(
              String.join(
                  "|",
                  period,
                  library,
                  "" + questions.size(),
                  "" + withTrace.size(),
                  fmt(100.0 * withTrace.size() / questions.size()),
                  "" + (library.equals("all") ? instances.size() : instanceRows)));
        }
      }
    }
    out.put("period_questions", questionRows);
    Map<List<String>, long[]> templateSupport =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (String column : List.of("exception_type", "template")) {
      Map<List<String>, List<Trace>> groups = new TreeMap<>(Comparator.comparing(Object::toString));
      for (Trace t : in.traces()) {
        String period = periodOfQuestion.get(t.questionId() + "/" + t.library());
        String value = column.equals("template") ? t.template() : t.type();
        if (period != null && value != null) {
          groups
              .computeIfAbsent(List.of(period, t.library(), value), k -> new ArrayList<>())
              .add(t);
        }
      }
      Map<List<String>, List<String[]>> ranked =
          new TreeMap<>(Comparator.comparing(Object::toString));
      groups.forEach(
          (k, traces) -> {
            long questions = traces.stream().map(Trace::questionId).distinct().count();
            ranked
                .computeIfAbsent(k.subList(0, 2), x -> new ArrayList<>())
                .add(new String[] {k.get(2), "" + traces.size(), "" + questions});
            if (column.equals("template")) {
              templateSupport.put(k, new long[] {traces.size()});
            }
          });
      List<String> rows = new ArrayList<>();
      ranked.forEach(
          (k, values) -> {
            values.sort(
                Comparator.comparing((String[] v) -> -Long.parseLong(v[1]))
                    .thenComparing(v -> v[0]));
            for (int r = 0; r < Math.min(config.top(), values.size()); r++) {
              rows.add(
                  String.join(
                      "|",
                      k.get(0),
                      k.get(1),
                      "" + (r + 1),
                      values.get(r)[0],
                      values.get(r)[1],
                      values.get(r)[2]));
            }
          });
      out.put(column.equals("template") ? "period_templates" : "period_exceptions", rows);
    }
    Map<String, String> periodOfTrace = new HashMap<>();
    for (Trace t : in.traces()) {
      String period = periodOfQuestion.get(t.questionId() + "/" + t.library());
      if (period != null) {
        periodOfTrace.put(t.library() + "/" + t.id(), period);
      }
    }
    Map<String, Long> questionOf = in.questionOf();
    List<String> supportRows = new ArrayList<>();
    Map<List<String>, long[]> patternSupport =
        new TreeMap<>(Comparator.comparing(Object::toString));
    Map<String, String> labels = new HashMap<>();
    for (Pattern p : in.patterns()) {
      labels.put(p.library() + "/" + p.id(), String.join(" > ", p.items()));
      Map<String, Set<String>> traces = new TreeMap<>();
      for (String id : p.traceIds()) {
        String period = periodOfTrace.get(p.library() + "/" + id);
        if (period != null) {
          traces.computeIfAbsent(period, x -> new TreeSet<>()).add(id);
        }
      }
      traces.forEach(
          (period, ids) -> {
            long questions = ids.stream().map(questionOf::get).distinct().count();
            supportRows.add(
                String.join("|", period, p.library(), p.id(), "" + ids.size(), "" + questions));
            patternSupport.put(List.of(period, p.library(), p.id()), new long[] {ids.size()});
          });
    }
    out.put("period_pattern_support", supportRows);
    List<String> rising = new ArrayList<>();
    String first = periods.isEmpty() ? null : periods.iterator().next();
    for (String kind : List.of("pattern", "template")) {
      Map<List<String>, long[]> support = kind.equals("pattern") ? patternSupport : templateSupport;
      Map<List<String>, List<String[]>> candidates =
          new TreeMap<>(Comparator.comparing(Object::toString));
      support.forEach(
          (k, s) -> {
            if (k.get(0).compareTo(first) > 0 && s[0] >= config.risingMinSupport()) {
              String previous = config.previous(k.get(0));
              long[] ps = support.get(List.of(previous, k.get(1), k.get(2)));
              long before = ps == null ? 0 : ps[0];
              if (s[0] - before > 0) {
                String label =
                    kind.equals("pattern") ? labels.get(k.get(1) + "/" + k.get(2)) : k.get(2);
                candidates
                    .computeIfAbsent(List.of(k.get(1), k.get(0)), x -> new ArrayList<>())
                    .add(
                        new String[] {
                          k.get(2),
                          label,
                          "" + s[0],
                          "" + before,
                          "" + (s[0] - before),
                          before == 0 ? "null" : fmt(100.0 * (s[0] - before) / before),
                          previous
                        });
              }
            }
          });
      candidates.forEach(
          (k, rows) -> {
            rows.sort(
                Comparator.comparing((String[] v) -> -Long.parseLong(v[4]))
                    .thenComparing(v -> -Long.parseLong(v[2]))
                    .thenComparing(v -> v[0]));
            for (int r = 0; r < Math.min(config.top(), rows.size()); r++) {
              String[] v = rows.get(r);
              rising.add(
                  String.join(
                      "|",
                      kind,
                      k.get(0),
                      k.get(1),
                      v[6],
                      "" + (r + 1),
                      v[0],
                      v[1],
                      v[2],
                      v[3],
                      v[4],
                      v[5]));
            }
          });
    }
    out.put("rising", rising);
    out.replaceAll((k, v) -> v.stream().sorted().toList());
    return out;
  }

  private static String fmt(double d) {
    return String.format(java.util.Locale.ROOT, "%.6f", d);
  }

  private static Map<String, List<String>> spark(Input in, PeriodConfig config, int partitions) {
    return text(new PeriodTables(config).run(in.toSpark(SharedSpark.session(), partitions)));
  }

  /** Each table's rows as sorted text, a binary value (a pattern_id) as its lower-case hex. */
  private static Map<String, List<String>> text(Map<String, Dataset<Row>> tables) {
    Map<String, List<String>> out = new TreeMap<>();
    tables.forEach(
        (name, table) ->
            out.put(
                name,
                table.collectAsList().stream()
                    .map(
                        r -> {
                          List<String> cells = new ArrayList<>();
                          for (int i = 0; i < r.size(); i++) {
                            Object v = r.get(i);
                            cells.add(
                                v instanceof Double d
                                    ? fmt(d)
                                    : v instanceof byte[] b ? "0x" + hex(b) : String.valueOf(v));
                          }
                          return String.join("|", cells);
                        })
                    .sorted()
                    .toList()));
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  /**
   * The input with every pattern id replaced by the lower-case hex of 20 bytes (a SHA-1's shape),
   * bytes chosen so that the hex and the bytes order alike and some exceed 0x7f (signed bytes would
   * order them first).
   */
  private static Input hexIds(Input in) {
    List<Pattern> patterns = new ArrayList<>();
    for (Pattern p : in.patterns()) {
      byte[] id = new byte[20];
      int h = p.id().hashCode();
      for (int i = 0; i < id.length; i++) {
        id[i] = (byte) (h >>> (8 * (i % 4)) ^ (i * 37));
      }
      patterns.add(new Pattern(p.library(), hex(id), p.items(), p.traceIds()));
    }
    return new Input(in.questions(), in.traces(), patterns);
  }

  @ParameterizedTest
  @CsvSource({"1, year, 10, 2, 2", "2, quarter, 2, 1, 3"})
  void readsBinaryPatternIdsAsTheirHex(
      long seed, String period, int top, int minSupport, int partitions) {
    Input in = hexIds(Input.random(seed));
    PeriodConfig config = new PeriodConfig(period, top, minSupport);
    Map<String, List<String>> expected = oracle(in, config);
    assertThat(expected.get("rising"))
        .as("rising has patterns")
        .anyMatch(r -> r.startsWith("pattern|"));
    StatsInputs hex = in.toSpark(SharedSpark.session(), partitions);
    // pattern_id as the mine stage stores it: 20 binary bytes (the oracle's hex, unhexed)
    StatsInputs binary =
        StatsInputs.of(
            hex.questions(),
            hex.traces(),
            hex.patterns()
                .withColumn("pattern_id", org.apache.spark.sql.functions.unhex(col("pattern_id"))),
            hex.patternTraces()
                .withColumn("pattern_id", org.apache.spark.sql.functions.unhex(col("pattern_id"))));
    Map<String, List<String>> actual = text(new PeriodTables(config).run(binary));
    // period_pattern_support keeps the binary column; every other table names patterns in hex
    List<String> support = new ArrayList<>();
    actual.get("period_pattern_support").forEach(r -> support.add(r.replace("|0x", "|")));
    actual.put("period_pattern_support", support.stream().sorted().toList());
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1, year, 10, 2, 1", "2, quarter, 2, 1, 2", "3, year, 1, 3, 7"})
  void matchesTheBruteForceOracle(
      long seed, String period, int top, int minSupport, int partitions) {
    Input in = Input.random(seed);
    PeriodConfig config = new PeriodConfig(period, top, minSupport);
    Map<String, List<String>> expected = oracle(in, config);
    assertThat(expected.get("rising")).as("the input exercises rising").isNotEmpty();
    assertThat(expected.get("period_pattern_support")).isNotEmpty();
    assertThat(spark(in, config, partitions)).isEqualTo(expected);
  }

  @Test
  void writesTheTablesInOrderWithOrderedRows() {
    Map<String, Dataset<Row>> tables =
        new PeriodTables(PeriodConfig.defaults())
            .run(Input.random(5).toSpark(SharedSpark.session(), 3));
    assertThat(tables.keySet()).containsExactlyElementsOf(PeriodTables.TABLES);
    List<Row> questions = tables.get("period_questions").collectAsList();
    assertThat(questions)
        .extracting(r -> r.getString(0) + (r.getString(1).equals("all") ? "~" : r.getString(1)))
        .isSorted();
    assertThat(tables.get("rising").columns())
        .containsExactly(
            "kind",
            "library",
            "period",
            "previous_period",
            "rank",
            "key",
            "label",
            "support",
            "previous_support",
            "growth",
            "growth_pct");
  }

  @Property(tries = 200)
  void previousIsThePeriodOneStepEarlier(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long epochSecond,
      @ForAll boolean quarters) {
    PeriodConfig config = new PeriodConfig(quarters ? "quarter" : "year", 10, 2);
    var t = java.time.Instant.ofEpochSecond(epochSecond);
    var earlier = t.atZone(ZoneOffset.UTC).minusMonths(quarters ? 3 : 12).toInstant();
    assertThat(config.previous(config.periodOf(t))).isEqualTo(config.periodOf(earlier));
    assertThat(config.periodOf(earlier)).isLessThan(config.periodOf(t));
  }

  @Property(tries = 50)
  void risingRowsGrowAndRespectTheMinimumSupport(
      @ForAll @IntRange(min = 0, max = 1000) int seed,
      @ForAll @IntRange(min = 1, max = 4) int min) {
    PeriodConfig config = new PeriodConfig("year", 3, min);
    for (String row : oracle(Input.random(seed), config).get("rising")) {
      String[] f = row.split("\\|");
      assertThat(Long.parseLong(f[7])).isGreaterThanOrEqualTo(min);
      assertThat(Long.parseLong(f[9]))
          .isPositive()
          .isEqualTo(Long.parseLong(f[7]) - Long.parseLong(f[8]));
      assertThat(Integer.parseInt(f[4])).isBetween(1, 3);
    }
  }

  @Test
  void configSurvivesSerialization() throws Exception {
    PeriodConfig quarters = new PeriodConfig("quarter", 3, 2);
    assertThat(io.tracemine.testing.Serialization.roundTrip(quarters)).isEqualTo(quarters);
  }

  /**
   * The Spark column of the periods equals {@link PeriodConfig#periodOf} of the instant Spark
   * stores, for years and quarters, in any session time zone: day and quarter boundaries on both
   * sides of 1970, dates before 1582 (0001-01-01) and at 9999, and seeded random instants.
   */
  @Test
  void periodColumnIsPeriodOf() {
    SparkSession spark = SharedSpark.session();
    List<java.time.Instant> instants = new ArrayList<>();
    for (String t :
        List.of(
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999Z",
            "1969-12-31T00:00:00Z",
            "1969-01-01T00:00:00Z",
            "1968-12-31T23:59:59.999999Z",
            "2019-03-31T23:59:59.999999Z",
            "2019-04-01T00:00:00Z",
            "2019-12-31T23:59:59.999999Z",
            "2020-01-01T00:00:00Z",
            "1582-10-04T12:00:00Z",
            "1582-10-15T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "0100-03-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z")) {
      instants.add(java.time.Instant.parse(t));
    }
    Random rnd = new Random(24);
    long min = java.time.Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = java.time.Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 2_000; i++) {
      long second = min + (long) (rnd.nextDouble() * (max - min));
      instants.add(java.time.Instant.ofEpochSecond(second, rnd.nextInt(1_000_000) * 1_000L));
    }
    List<Row> rows = new ArrayList<>();
    for (java.time.Instant t : instants) {
      rows.add(RowFactory.create(io.tracemine.spark.SparkTimestamps.of(t)));
    }
    rows.add(RowFactory.create((Object) null));
    StructType schema = new StructType().add("creation_date", DataTypes.TimestampType, true);
    String zone = spark.conf().get("spark.sql.session.timeZone");
    try {
      for (String sessionZone : List.of("UTC", "America/Los_Angeles", "Asia/Kolkata")) {
        spark.conf().set("spark.sql.session.timeZone", sessionZone);
        for (String period : PeriodConfig.PERIODS) {
          PeriodConfig config = new PeriodConfig(period, 3, 2);
          List<Row> out =
              spark
                  .createDataFrame(rows, schema)
                  .select(col("creation_date"), PeriodTables.periodOf(config, "creation_date"))
                  .collectAsList();
          assertThat(out).hasSize(rows.size());
          for (Row r : out) {
            String expected =
                r.isNullAt(0)
                    ? null
                    : config.periodOf(
                        io.tracemine.spark.SparkTimestamps.instantOf(r.getTimestamp(0)));
            assertThat(r.getString(1))
                .as("%s in %s periods, session zone %s", r.get(0), period, sessionZone)
                .isEqualTo(expected);
          }
        }
      }
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  @Test
  void rejectsBadSettingsNamingTheKey() {
    assertThatThrownBy(() -> PeriodConfig.from(settings("stats.period", "month")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.period' is set to 'month' (valid: year, quarter)");
    assertThatThrownBy(() -> PeriodConfig.from(settings("stats.period-top", "0")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.period-top' is set to 0 but must be >= 1");
    assertThatThrownBy(() -> PeriodConfig.from(settings("stats.rising-min-support", "x")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.rising-min-support' is set to 'x' but must be an integer");
    assertThatThrownBy(() -> new PeriodConfig("year", 1, 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("'stats.rising-min-support' is set to 0 but must be >= 1");
    assertThat(PeriodConfig.defaults()).isEqualTo(new PeriodConfig("year", 10, 2));
  }

  private static io.tracemine.config.Settings settings(String key, String value) {
    return io.tracemine.config.Settings.packagedDefaults().with(Map.of(key, value));
  }
}
