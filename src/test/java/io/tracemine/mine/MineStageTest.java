package io.tracemine.mine;

import static io.tracemine.testing.Serialization.roundTrip;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.BruteForce;
import io.tracemine.mine.ccspan.ClosedPattern;
import io.tracemine.mine.ccspan.MinSupport;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import io.tracemine.spark.Schemas;
import io.tracemine.spark.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

@ExtendWith(SharedSpark.class)
class MineStageTest {
  private static final String[] LIBS = {"keras", "tensorflow"};

  /** Sequence i of library LIBS[i % 2]; item k is frame (file "m{k % 3}", function "f{k}"). */
  static List<Sequence> randomDb(long seed, int n, int alphabet, int maxLen) {
    Random r = new Random(seed);
    List<Sequence> db = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = new int[r.nextInt(maxLen + 1)];
      for (int k = 0; k < s.length; k++) {
        s[k] = r.nextInt(alphabet);
      }
      db.add(new Sequence(s, 100 + r.nextInt(Math.max(1, n / 2))));
    }
    return db;
  }

  static Dataset<Row> traces(SparkSession spark, List<Sequence> db) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < db.size(); i++) {
      int[] s = db.get(i).items();
      Row[] frames = new Row[s.length];
      for (int k = 0; k < s.length; k++) {
        frames[k] = RowFactory.create(null, "m" + s[k] % 3, null, "f" + s[k], "unix", 0);
      }
      rows.add(
          RowFactory.create(
              String.format("t%05d", i),
              db.get(i).questionId(),
              LIBS[i % 2],
              0,
              "pre",
              0,
              "unix",
              null,
              null,
              null,
              null,
              null,
              s.length,
              frames,
              "python",
              null,
              null,
              "default",
              new Row[0]));
    }
    return spark.createDataFrame(rows, Schemas.TRACES);
  }

  /** Canonical strings of the brute-force result per library, with trace ids. */
  static Set<String> oracle(List<Sequence> db, SupportMeasure m, long minsup, Integer maxLength) {
    Set<String> out = new TreeSet<>();
    for (int lib = 0; lib < LIBS.length; lib++) {
      List<Sequence> part = new ArrayList<>();
      List<Integer> ids = new ArrayList<>();
      for (int i = lib; i < db.size(); i += 2) {
        part.add(db.get(i));
        ids.add(i);
      }
      for (ClosedPattern p : BruteForce.mine(part, m, minsup, maxLength)) {
        StringBuilder b = new StringBuilder(LIBS[lib]).append(' ');
        for (int it : p.items()) {
          b.append("m").append(it % 3).append('.').append("f").append(it).append(' ');
        }
        b.append(p.traceSupport())
            .append('/')
            .append(p.questionSupport())
            .append('/')
            .append(p.occurrenceSupport())
            .append(' ');
        for (int s : p.sequences()) {
          b.append(String.format("t%05d", ids.get(s))).append(',');
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  static Set<String> canonical(MineResult result) {
    Map<String, List<String>> traces = new TreeMap<>();
    for (Row r : PatternTraces.lists(result.patternTraces()).collectAsList()) {
      assertThat(traces.put(r.getString(1), r.getList(2))).as("one row per pattern").isNull();
      assertThat(r.<Long>getList(3)).hasSameSizeAs(r.getList(2));
    }
    Set<String> out = new TreeSet<>();
    for (Row r : result.patterns().collectAsList()) {
      StringBuilder b = new StringBuilder(r.getString(0)).append(' ');
      for (Row item : r.<Row>getList(2)) {
        b.append(item.getString(0)).append('.').append(item.getString(1)).append(' ');
      }
      b.append(r.getLong(4))
          .append('/')
          .append(r.getLong(5))
          .append('/')
          .append(r.getLong(6))
          .append(' ');
      for (String t : traces.get(r.getString(1))) {
        b.append(t).append(',');
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void patternsEqualTheOracleForEveryMeasure() {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db = randomDb(3, 60, 5, 8);
    Dataset<Row> in = traces(spark, db);
    // the pure miner is checked exhaustively in CcSpanTest; here each measure and minsup once
    Object[][] runs = {
      {SupportMeasure.TRACES, 1, null},
      {SupportMeasure.QUESTIONS, 2, 3},
      {SupportMeasure.OCCURRENCES, 3, null},
      {SupportMeasure.OCCURRENCES, 1, 2},
    };
    for (Object[] run : runs) {
      SupportMeasure m = (SupportMeasure) run[0];
      int minsup = (Integer) run[1];
      MineConfig c = new MineConfig(m, MinSupport.absolute(minsup), (Integer) run[2], 2, 3);
      MineResult got = new MineStage(spark, c).run(in);
      assertThat(canonical(got))
          .as("%s minsup %d", m, minsup)
          .isEqualTo(oracle(db, m, minsup, c.maxLength()))
          .isNotEmpty();
    }
  }

  /** A chunk's traces as "id question library file.function ..." strings. */
  private static Iterator<String> decoded(TraceChunk c) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < c.size(); t++) {
      StringBuilder b = new StringBuilder(c.traceId(t)).append(' ').append(c.questionIds[t]);
      b.append(' ').append(c.libraries[c.library[t]]);
      for (int i = c.itemsFrom(t); i < c.itemEnds[t]; i++) {
        b.append(' ').append(c.files[c.items[i]]).append('.').append(c.functions[c.items[i]]);
      }
      out.add(b.toString());
    }
    return out.iterator();
  }

  @Test
  void aParquetInputIsReadAsColumnBatchesWithTheSameResult(@TempDir Path dir) {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db = randomDb(5, 300, 9, 12);
    String path = dir.resolve("traces").toString();
    traces(spark, db).repartition(3).write().parquet(path);
    String key = "spark.sql.parquet.columnarReaderBatchSize";
    String before = spark.conf().get(key);
    try {
      // batches of 7 rows: chunks and dictionary look-ups cross batch boundaries
      spark.conf().set(key, "7");
      Dataset<Row> in = spark.read().schema(Schemas.TRACES).parquet(path);
      // a filter (true for every row) hides the scan: those rows are read as rows
      Dataset<Row> filtered = in.filter(col("question_id").geq(0));
      Dataset<Row> renamed =
          in.withColumnRenamed("library", "lib").withColumnRenamed("lib", "library");
      assertThat(ColumnarInput.of(MineStage.selection(in))).isNotNull();
      assertThat(ColumnarInput.of(MineStage.selection(renamed))).isNotNull();
      assertThat(ColumnarInput.of(MineStage.selection(in.drop("language")))).isNotNull();
      assertThat(ColumnarInput.of(MineStage.selection(filtered))).isNull();
      assertThat(ColumnarInput.of(MineStage.selection(traces(spark, db)))).isNull();
      // chunks of 5 traces split batches of 7: the same traces and items as read from rows
      ColumnarInput.Columns columns = ColumnarInput.of(MineStage.selection(in)).columns();
      List<String> fromBatches =
          ColumnarInput.of(MineStage.selection(in))
              .rdd()
              .mapPartitions(b -> TraceChunk.chunksOfBatches(b, columns, 5))
              .flatMap(MineStageTest::decoded)
              .collect();
      List<String> fromRows =
          MineStage.selection(in)
              .queryExecution()
              .toRdd()
              .toJavaRDD()
              .mapPartitions(r -> TraceChunk.chunks(r, 5))
              .flatMap(MineStageTest::decoded)
              .collect();
      assertThat(fromBatches).hasSize(db.size()).isEqualTo(fromRows);
      MineConfig c = new MineConfig(SupportMeasure.OCCURRENCES, MinSupport.absolute(2), null, 5, 3);
      Set<String> expected = oracle(db, SupportMeasure.OCCURRENCES, 2, null);
      assertThat(expected).isNotEmpty();
      for (Dataset<Row> input : List.of(in, filtered, renamed, in.drop("language"))) {
        assertThat(canonical(new MineStage(spark, c).run(input))).isEqualTo(expected);
      }
    } finally {
      spark.conf().set(key, before);
    }
  }

  @Test
  void schemasExamplesAndIdsFollowTheContract() {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db =
        List.of(
            new Sequence(new int[] {1, 2}, 9),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 3),
            new Sequence(new int[] {5}, 1),
            new Sequence(new int[] {1, 2}, 7));
    MineResult r =
        new MineStage(
                spark, new MineConfig(SupportMeasure.TRACES, MinSupport.absolute(2), null, 2, 0))
            .run(traces(spark, db));
    assertThat(r.patterns().schema()).isEqualTo(Schemas.PATTERNS);
    assertThat(r.patternTraces().schema()).isEqualTo(Schemas.PATTERN_TRACES);
    List<Row> rows = r.patterns().collectAsList();
    // keras holds sequences 0, 2, 4 (questions 9, 3, 7); tensorflow holds 1, 3 (question 1 twice)
    assertThat(rows).hasSize(2);
    Row keras = rows.get(0);
    assertThat(keras.getString(0)).isEqualTo("keras");
    assertThat(keras.getString(1))
        .isEqualTo(PatternIds.of("keras", new String[] {"m1", "m2"}, new String[] {"f1", "f2"}))
        .hasSize(40);
    assertThat(keras.getInt(3)).isEqualTo(2);
    assertThat(keras.<Long>getList(7)).containsExactly(3L, 7L);
    assertThat(keras.getString(8)).isEqualTo("traces");
    assertThat(keras.getLong(9)).isEqualTo(2L);
    Row tf = rows.get(1);
    assertThat(tf.getLong(4)).isEqualTo(2L);
    assertThat(tf.getLong(5)).isEqualTo(1L);
    assertThat(tf.<Long>getList(7)).containsExactly(1L);
    List<Row> links = PatternTraces.lists(r.patternTraces()).collectAsList();
    assertThat(links).hasSize(2);
    assertThat(links.get(0).getString(1)).isEqualTo(keras.getString(1));
    assertThat(links.get(0).<String>getList(2)).containsExactly("t00000", "t00002", "t00004");
    assertThat(links.get(0).<Long>getList(3)).containsExactly(9L, 3L, 7L);
    assertThat(links.get(1).getString(1)).isEqualTo(tf.getString(1));
    assertThat(links.get(1).<String>getList(2)).containsExactly("t00001", "t00003");
    assertThat(links.get(1).<Long>getList(3)).containsExactly(1L, 1L);
  }

  @Test
  void resultIsIdenticalForAnyPartitioningShuffleWidthAndBuckets() {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db = randomDb(11, 400, 12, 15);
    Dataset<Row> in = traces(spark, db);
    List<List<Row>> results = new ArrayList<>();
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      int[][] settings = {{1, 1, 2}, {3, 5, 1}, {64, 2, 0}, {7, 64, 13}};
      for (int[] s : settings) {
        spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(s[1]));
        MineConfig c =
            new MineConfig(SupportMeasure.OCCURRENCES, MinSupport.absolute(2), null, 5, s[2]);
        MineResult r = new MineStage(spark, c).run(in.repartition(s[0]));
        List<Row> rows = new ArrayList<>(r.patterns().collectAsList());
        rows.addAll(r.patternTraces().collectAsList());
        rows.addAll(PatternTraces.lists(r.patternTraces()).collectAsList());
        r.unpersist();
        results.add(rows);
      }
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
    assertThat(results.get(0)).hasSizeGreaterThan(100);
    // the same rows; their order is fixed within a (library, bucket) only
    for (List<Row> r : results) {
      assertThat(r).containsExactlyInAnyOrderElementsOf(results.get(0));
    }
  }

  @Test
  void fractionalMinSupportIsResolvedPerLibrary() {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db = randomDb(5, 41, 4, 6); // keras 21 traces, tensorflow 20
    MineResult r =
        new MineStage(
                spark, new MineConfig(SupportMeasure.TRACES, MinSupport.fraction(0.1), null, 5, 0))
            .run(traces(spark, db));
    Map<String, Long> used = new TreeMap<>();
    for (Row row : r.patterns().collectAsList()) {
      used.put(row.getString(0), row.getLong(9));
    }
    assertThat(used).containsEntry("keras", 3L).containsEntry("tensorflow", 2L);
    assertThat(canonical(r)).isNotEmpty();
  }

  @Test
  void longTracesFinishQuickly() {
    SparkSession spark = SharedSpark.session();
    List<Sequence> db = new ArrayList<>(randomDb(17, 200, 30, 20));
    Random rnd = new Random(5);
    for (int t = 0; t < 6; t++) {
      int[] s = new int[5000];
      for (int i = 0; i < s.length; i++) {
        s[i] = i % 3 == 0 ? 40 + rnd.nextInt(3) : 30 + i % 7;
      }
      db.add(new Sequence(s, 7));
    }
    long t0 = System.nanoTime();
    MineResult r = new MineStage(spark, MineConfig.defaults()).run(traces(spark, db));
    assertThat(r.patterns().count()).isPositive();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60);
  }

  @Test
  void automaticBucketsGrowWithTheInput() {
    assertThat(MineStage.autoBuckets(10_000, 2)).isEqualTo(4);
    assertThat(MineStage.autoBuckets(20_859_943, 2)).isEqualTo(6);
    assertThat(MineStage.autoBuckets(Long.MAX_VALUE / 2, 8)).isEqualTo(256);
  }

  @Test
  void partitionKeysSendEachGroupToItsOwnSparkPartition() {
    SparkSession spark = SharedSpark.session();
    for (int groups : new int[] {1, 2, 7, 30}) {
      int[] keys = MineStage.partitionKeys(groups);
      List<Row> rows = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        rows.add(RowFactory.create(keys[g], g));
      }
      List<Row> placed =
          spark
              .createDataFrame(
                  rows,
                  new org.apache.spark.sql.types.StructType().add("key", "int").add("group", "int"))
              .repartition(groups, org.apache.spark.sql.functions.col("key"))
              .select(
                  org.apache.spark.sql.functions.col("group"),
                  org.apache.spark.sql.functions.spark_partition_id())
              .collectAsList();
      assertThat(placed).hasSize(groups);
      for (Row r : placed) {
        assertThat(r.getInt(1)).as("group %d of %d", r.getInt(0), groups).isEqualTo(r.getInt(0));
      }
    }
  }

  @Test
  void missingColumnIsNamed() {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> in = traces(spark, List.of(new Sequence(new int[] {1}, 1))).drop("library");
    assertThatThrownBy(() -> new MineStage(spark, MineConfig.defaults()).run(in))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot mine traces: column 'library' is missing");
  }

  @Test
  void routeShipsOneTrimmedCopyPerBucket() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    ItemDictionary d =
        new ItemDictionary(
            new String[] {"a", "b", "c"}, new String[] {"x", "x", "x"}, new long[] {3, 2, 1}, 2);
    // LPT: a -> bucket 0, b -> bucket 1, c -> bucket 1
    Broadcast<ItemDictionary> bd = jsc.broadcast(d);
    InternalRow in =
        new GenericInternalRow(
            new Object[] {
              UTF8String.fromString("t1"),
              5L,
              UTF8String.fromString("keras"),
              utf8Array("a", "a", "b", "c"),
              utf8Array("x", "x", "x", "x"),
              null
            });
    List<InternalRow> out = new ArrayList<>();
    int[] keys = {70, 71, 72, 73};
    new MineStage.Route(bd, new String[] {"in", "keras"}, keys)
        .call(TraceChunk.chunks(List.of(in).iterator(), 10))
        .forEachRemaining(out::add);
    assertThat(out).hasSize(2);
    // keras is library 1 of 2: its groups are 2 (bucket 0) and 3 (bucket 1)
    assertThat(out.get(0).getInt(0)).isEqualTo(72);
    assertThat(out.get(0).getInt(1)).isEqualTo(2);
    assertThat(out.get(0).getArray(4).toIntArray()).containsExactly(0, 0, 1, 2);
    assertThat(out.get(0).getUTF8String(2).toString()).isEqualTo("t1");
    assertThat(out.get(0).getLong(3)).isEqualTo(5L);
    assertThat(out.get(1).getInt(0)).isEqualTo(73);
    assertThat(out.get(1).getInt(1)).isEqualTo(3);
    // from the "a" just before "b"
    assertThat(out.get(1).getArray(4).toIntArray()).containsExactly(0, 1, 2);
  }

  /**
   * The route's rows over several chunks (of 3 traces, some traces empty), checked against its
   * definition: for each trace in order, one row per bucket among its items, ascending, with the
   * items from just before its first item in that bucket.
   */
  @Test
  void routeShipsEveryTraceOfEveryChunkToEachOfItsBucketsInOrder() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    for (long seed = 0; seed < 25; seed++) {
      Random r = new Random(seed);
      int alphabet = 1 + r.nextInt(9);
      int buckets = 1 + r.nextInt(4);
      String[] files = new String[alphabet];
      String[] functions = new String[alphabet];
      long[] counts = new long[alphabet];
      for (int k = 0; k < alphabet; k++) {
        files[k] = "m";
        functions[k] = String.format("f%02d", k);
        counts[k] = 1 + r.nextInt(20);
      }
      ItemDictionary d = new ItemDictionary(files, functions, counts, buckets);
      List<InternalRow> in = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      int[] keys = new int[LIBS.length * buckets];
      for (int g = 0; g < keys.length; g++) {
        keys[g] = 1000 + g;
      }
      int n = r.nextInt(12);
      for (int t = 0; t < n; t++) {
        int library = r.nextInt(LIBS.length);
        int[] items = new int[r.nextInt(30)];
        String[] f = new String[items.length];
        String[] fn = new String[items.length];
        for (int i = 0; i < items.length; i++) {
          items[i] = r.nextInt(alphabet);
          f[i] = files[items[i]];
          fn[i] = functions[items[i]];
        }
        String id = "t" + t + (r.nextBoolean() ? "é" : "");
        long question = r.nextInt(1000) - 500L;
        in.add(
            new GenericInternalRow(
                new Object[] {
                  UTF8String.fromString(id),
                  question,
                  UTF8String.fromString(LIBS[library]),
                  utf8Array(f),
                  utf8Array(fn),
                  null
                }));
        for (int b = 0; b < buckets; b++) {
          int first = -1;
          for (int i = 0; i < items.length && first < 0; i++) {
            first = d.bucketOf(items[i]) == b ? i : -1;
          }
          if (first >= 0) {
            int group = library * buckets + b;
            int[] suffix = Arrays.copyOfRange(items, Math.max(0, first - 1), items.length);
            expected.add(
                (1000 + group)
                    + " "
                    + group
                    + " "
                    + id
                    + " "
                    + question
                    + " "
                    + Arrays.toString(suffix));
          }
        }
      }
      List<String> got = new ArrayList<>();
      new MineStage.Route(jsc.broadcast(d), LIBS, keys)
          .call(TraceChunk.chunks(in.iterator(), 3))
          .forEachRemaining(
              row ->
                  got.add(
                      row.getInt(0)
                          + " "
                          + row.getInt(1)
                          + " "
                          + row.getUTF8String(2)
                          + " "
                          + row.getLong(3)
                          + " "
                          + Arrays.toString(row.getArray(4).toIntArray())));
      assertThat(got).as("seed %d", seed).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void routeNamesATraceWhoseFrameOrLibraryIsNotInTheDictionary() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    Broadcast<ItemDictionary> bd =
        jsc.broadcast(
            new ItemDictionary(new String[] {"a"}, new String[] {"x"}, new long[] {1}, 1));
    InternalRow unknownFrame =
        new GenericInternalRow(
            new Object[] {
              UTF8String.fromString("t1"),
              5L,
              UTF8String.fromString("keras"),
              utf8Array("a", "b"),
              utf8Array("x", "x"),
              null
            });
    assertThatThrownBy(
            () ->
                new MineStage.Route(bd, new String[] {"keras"}, new int[] {0})
                    .call(TraceChunk.chunks(List.of(unknownFrame).iterator(), 10))
                    .forEachRemaining(r -> {}))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot mine trace 't1': frame 1 is missing from the item dictionary (was the input"
                + " changed while mining? re-run the stage)");
    assertThatThrownBy(
            () ->
                new MineStage.Route(bd, new String[] {"pandas"}, new int[] {0})
                    .call(TraceChunk.chunks(List.of(unknownFrame).iterator(), 10))
                    .forEachRemaining(r -> {}))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Cannot mine trace 't1': library 'keras' is missing");
  }

  private static ArrayData utf8Array(String... s) {
    return new GenericArrayData(Arrays.stream(s).map(UTF8String::fromString).toArray());
  }

  @Test
  void censusKeysSurviveKryoAsTheClusterProfileShufflesThem() {
    // conf/profiles/cluster.properties sets Kryo, which the census's reduceByKey then uses
    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    ClassTag<MineStage.CensusKey> tag = ClassTag$.MODULE$.apply(MineStage.CensusKey.class);
    for (MineStage.CensusKey k :
        List.of(
            new MineStage.CensusKey(0, "a.py", "f"), new MineStage.CensusKey(1, "keras", null))) {
      MineStage.CensusKey back = kryo.deserialize(kryo.serialize(k, tag), tag);
      assertThat(back).isEqualTo(k).hasSameHashCodeAs(k);
    }
  }

  @Test
  void functionsAndConfigSurviveSerialization() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    Broadcast<ItemDictionary> bd =
        jsc.broadcast(
            new ItemDictionary(new String[] {"a"}, new String[] {"x"}, new long[] {1}, 1));
    MineConfig c = new MineConfig(SupportMeasure.QUESTIONS, MinSupport.fraction(0.5), 4, 3, 2);
    assertThat(roundTrip(c)).isEqualTo(c);
    assertThat(roundTrip(new MineStage.Route(bd, new String[] {"k"}, new int[] {0})))
        .isInstanceOf(MineStage.Route.class);
    assertThat(roundTrip(new MineStage.Encode()).call(List.<InternalRow>of().iterator()).hasNext())
        .isFalse();
    assertThat(roundTrip(new MineStage.Census())).isInstanceOf(MineStage.Census.class);
    MineStage.MineGroups mg =
        roundTrip(new MineStage.MineGroups(c, new String[] {"k"}, new long[] {2}, bd));
    Iterator<MinedGroup> none = mg.call(List.<InternalRow>of().iterator());
    assertThat(none.hasNext()).isFalse();
    assertThat(roundTrip(new MineStage.PatternRows(c))).isInstanceOf(MineStage.PatternRows.class);
    assertThat(roundTrip(new MineStage.TraceRows())).isInstanceOf(MineStage.TraceRows.class);
  }
}
