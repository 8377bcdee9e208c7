package io.tracemine.mine;

import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.codec.TraceList;
import io.tracemine.spark.JobGroups;
import io.tracemine.spark.LazyIterators;
import io.tracemine.spark.Schemas;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * Mines closed contiguous patterns per library with {@link CcSpan}, distributed by (library, bucket
 * of the pattern's first item); see docs/MINING.md. The result does not depend on the input
 * partitioning, {@code spark.sql.shuffle.partitions} or {@code mine.buckets}.
 *
 * <p>One pass over the input counts items and libraries, a second routes each trace to the buckets
 * of its items; each (library, bucket) is one shuffle partition, mined by the pure miner and kept
 * in compact form ({@link MinedGroup}, serialized to local disk) for the two writes. Rows are in a
 * deterministic order within each (library, bucket); there is no global sort.
 */
public final class MineStage {
  /** A trace routed to one (library, bucket): the suffix from just before its first such item. */
  static final StructType ROUTED =
      Schemas.struct(
          required("key", IntegerType),
          required("group", IntegerType),
          required("trace_id", StringType),
          required("question_id", LongType),
          required("items", BinaryType));

  /**
   * Census rows and their count: kind 0 = item (file, function); kind 1 = traces of a library
   * (library, null); kind 2 = Python traces of a library (language "python").
   */
  static final StructType CENSUS =
      Schemas.struct(
          required("kind", IntegerType),
          required("a", StringType),
          Schemas.nullable("b", StringType),
          required("n", LongType));

  /** The seed of Spark's hash partitioning (HashPartitioning: pmod(murmur3(key, 42), n)). */
  private static final int SPARK_HASH_SEED = 42;

  private final SparkSession spark;
  private final MineConfig config;

  public MineStage(SparkSession spark, MineConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * @param traces rows of {@code Schemas.TRACES} (trace_id, question_id, library, frames are used)
   * @throws MalformedInputException if a needed column is missing
   */
  public MineResult run(Dataset<Row> traces) {
    checkColumns(traces);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    {
      Dataset<Row> frames =
          traces.select(
              col("trace_id"),
              col("question_id"),
              col("library"),
              col("frames.file").as("files"),
              col("frames.function").as("functions"),
              Arrays.asList(traces.columns()).contains("language")
                  ? col("language")
                  : lit(null).cast(StringType).as("language"));
      List<Row> census =
          JobGroups.withJobGroup(
              spark,
              "MINE",
              "MINE-1: item dictionary and library sizes",
              () ->
                  frames
                      .mapPartitions(new Census(), Encoders.row(CENSUS))
                      .groupBy("kind", "a", "b")
                      .sum("n")
                      .collectAsList());
      ItemDictionary d = dictionary(census, jsc.defaultParallelism());
      Broadcast<ItemDictionary> dict = jsc.broadcast(d);
      TreeMap<String, Long> sizes = new TreeMap<>();
      Map<String, Long> python = new HashMap<>();
      for (Row r : census) {
        if (r.getInt(0) == 1) {
          sizes.put(r.getString(1), r.getLong(3));
        } else if (r.getInt(0) == 2) {
          python.put(r.getString(1), r.getLong(3));
        }
      }
      // a fraction is of the library's Python instances (when it has any), so JVM traces do not
      // move the threshold of its Python patterns
      for (Map.Entry<String, Long> e : sizes.entrySet()) {
        e.setValue(python.getOrDefault(e.getKey(), e.getValue()));
      }
      String[] libraries = sizes.keySet().toArray(String[]::new);
      long[] minSupport = new long[libraries.length];
      for (int i = 0; i < libraries.length; i++) {
        minSupport[i] = config.minSupport().resolve(sizes.get(libraries[i]));
      }
      int groups = Math.max(1, libraries.length * d.buckets());
      String description =
          String.format(
              "MINE-2: closed contiguous patterns (%s, min-support=%s, buckets=%d)",
              config.supportMeasure().key(), config.minSupport(), d.buckets());
      JavaRDD<Row> routed =
          frames
              .mapPartitions(
                  new Route(dict, libraries, partitionKeys(groups)), Encoders.row(ROUTED))
              .repartition(groups, col("key"))
              .javaRDD();
      JavaRDD<MinedGroup> mined =
          routed
              .mapPartitions(new MineGroups(config, libraries, minSupport, dict))
              .persist(StorageLevel.DISK_ONLY());
      Dataset<Row> patterns =
          spark.createDataFrame(mined.flatMap(new PatternRows(config, dict)), Schemas.PATTERNS);
      Dataset<Row> patternTraces =
          spark.createDataFrame(mined.flatMap(new TraceRows()), Schemas.PATTERN_TRACES);
      return new MineResult(patterns, patternTraces, mined, description);
    }
  }

  private static void checkColumns(Dataset<Row> traces) {
    StructType s = traces.schema();
    for (String c : List.of("trace_id", "question_id", "library", "frames")) {
      if (!Arrays.asList(s.fieldNames()).contains(c)) {
        throw new MalformedInputException(
            "Cannot mine traces: column '"
                + c
                + "' is missing (expected the TRACES table, has "
                + Arrays.toString(s.fieldNames())
                + ")");
      }
    }
  }

  /** Frames per bucket aimed at by the automatic bucket count (keeps a task's heap small). */
  static final long FRAMES_PER_BUCKET = 4_000_000L;

  /**
   * The automatic bucket count: at least twice the parallelism, and enough that a bucket holds
   * about {@link #FRAMES_PER_BUCKET} frames; capped at 256 (each trace is copied to at most that
   * many buckets).
   */
  static int autoBuckets(long frames, int parallelism) {
    long bySize = (frames + FRAMES_PER_BUCKET - 1) / FRAMES_PER_BUCKET;
    return (int) Math.min(256, Math.max(2L * parallelism, bySize));
  }

  /**
   * Keys such that Spark's hash partitioning into {@code groups} partitions sends key {@code
   * keys[g]} to partition {@code g}: one (library, bucket) per task. Only balance depends on it;
   * the grouping itself is by the group number.
   */
  static int[] partitionKeys(int groups) {
    int[] keys = new int[groups];
    boolean[] found = new boolean[groups];
    int missing = groups;
    for (int k = 0; missing > 0; k++) {
      int p = Math.floorMod(Murmur3_x86_32.hashInt(k, SPARK_HASH_SEED), groups);
      if (!found[p]) {
        found[p] = true;
        keys[p] = k;
        missing--;
      }
    }
    return keys;
  }

  private ItemDictionary dictionary(List<Row> census, int parallelism) {
    List<Row> items = new ArrayList<>();
    for (Row r : census) {
      if (r.getInt(0) == 0) {
        items.add(r);
      }
    }
    // a few thousand distinct items: sorting them here saves Spark a sampling job
    items.sort(Comparator.comparing((Row r) -> r.getString(1)).thenComparing(r -> r.getString(2)));
    String[] files = new String[items.size()];
    String[] functions = new String[items.size()];
    long[] counts = new long[items.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = items.get(i).getString(1);
      functions[i] = items.get(i).getString(2);
      counts[i] = items.get(i).getLong(3);
    }
    long frames = Arrays.stream(counts).sum();
    int buckets = config.buckets() > 0 ? config.buckets() : autoBuckets(frames, parallelism);
    return new ItemDictionary(files, functions, counts, buckets);
  }

  /** Counts items and traces per library in one partition (partial counts, summed by Spark). */
  static final class Census implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<List<String>, long[]> items = new HashMap<>();
      Map<String, long[]> libraries = new HashMap<>();
      Map<String, long[]> python = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        libraries.computeIfAbsent(r.getString(2), k -> new long[1])[0]++;
        if ("python".equals(r.getString(5))) {
          python.computeIfAbsent(r.getString(2), k -> new long[1])[0]++;
        }
        List<String> files = r.getList(3);
        List<String> functions = r.getList(4);
        for (int i = 0; i < files.size(); i++) {
          items.computeIfAbsent(List.of(files.get(i), functions.get(i)), k -> new long[1])[0]++;
        }
      }
      List<Row> out = new ArrayList<>(items.size() + libraries.size());
      items.forEach((k, n) -> out.add(RowFactory.create(0, k.get(0), k.get(1), n[0])));
      libraries.forEach((k, n) -> out.add(RowFactory.create(1, k, null, n[0])));
      python.forEach((k, n) -> out.add(RowFactory.create(2, k, null, n[0])));
      return out.iterator();
    }
  }

  /** Encodes each trace and emits one copy per distinct bucket among its items. */
  static final class Route implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ItemDictionary> dict;
    private final String[] libraries;
    private final int[] keys;

    Route(Broadcast<ItemDictionary> dict, String[] libraries, int[] keys) {
      this.dict = dict;
      this.libraries = libraries;
      this.keys = keys;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ItemDictionary d = dict.value();
      Map<String, Integer> libraryIndex = new HashMap<>();
      for (int i = 0; i < libraries.length; i++) {
        libraryIndex.put(libraries[i], i);
      }
      int[] first = new int[d.buckets()];
      return LazyIterators.flatMap(rows, (r, out) -> route(r, out, d, libraryIndex, first, keys));
    }

    private static void route(
        Row r,
        Consumer<Row> out,
        ItemDictionary d,
        Map<String, Integer> libraryIndex,
        int[] first,
        int[] keys) {
      Integer library = libraryIndex.get(r.getString(2));
      List<String> files = r.getList(3);
      List<String> functions = r.getList(4);
      int n = files.size();
      int[] items = new int[n];
      Arrays.fill(first, -1);
      for (int i = 0; i < n; i++) {
        items[i] = d.idOf(files.get(i), functions.get(i));
        if (items[i] < 0 || library == null) {
          throw new MalformedInputException(
              "Cannot mine trace '"
                  + r.getString(0)
                  + "': "
                  + (library == null ? "library '" + r.getString(2) + "'" : "frame " + i)
                  + " is missing from the item dictionary (was the input changed while"
                  + " mining? re-run the stage)");
        }
        int b = d.bucketOf(items[i]);
        if (first[b] < 0) {
          first[b] = i;
        }
      }
      for (int b = 0; b < first.length; b++) {
        if (first[b] >= 0) {
          // keep one item before the first start: left-closure needs it
          int from = Math.max(0, first[b] - 1);
          ByteBuffer buf = ByteBuffer.allocate(4 * (n - from));
          for (int i = from; i < n; i++) {
            buf.putInt(items[i]);
          }
          int group = library * d.buckets() + b;
          out.accept(
              RowFactory.create(keys[group], group, r.getString(0), r.getLong(1), buf.array()));
        }
      }
    }
  }

  /** Mines each (library, bucket) of a partition: the closed patterns whose first item is in it. */
  static final class MineGroups implements FlatMapFunction<Iterator<Row>, MinedGroup> {
    private static final long serialVersionUID = 1L;
    private final MineConfig config;
    private final String[] libraries;
    private final long[] minSupport;
    private final Broadcast<ItemDictionary> dict;

    MineGroups(
        MineConfig config, String[] libraries, long[] minSupport, Broadcast<ItemDictionary> dict) {
      this.config = config;
      this.libraries = libraries;
      this.minSupport = minSupport;
      this.dict = dict;
    }

    @Override
    public Iterator<MinedGroup> call(Iterator<Row> rows) {
      ItemDictionary d = dict.value();
      // usually one group per partition; several if the partition keys did not spread them
      TreeMap<Integer, List<Sequence>> dbs = new TreeMap<>();
      Map<Integer, List<String>> ids = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        int group = r.getInt(1);
        ByteBuffer buf = ByteBuffer.wrap((byte[]) r.get(4));
        int[] items = new int[buf.remaining() / 4];
        for (int i = 0; i < items.length; i++) {
          items[i] = buf.getInt();
        }
        dbs.computeIfAbsent(group, g -> new ArrayList<>()).add(new Sequence(items, r.getLong(3)));
        ids.computeIfAbsent(group, g -> new ArrayList<>()).add(r.getString(2));
      }
      Iterator<Map.Entry<Integer, List<Sequence>>> groups = dbs.entrySet().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return groups.hasNext();
        }

        @Override
        public MinedGroup next() {
          Map.Entry<Integer, List<Sequence>> e = groups.next();
          groups.remove();
          int library = e.getKey() / d.buckets();
          int bucket = e.getKey() % d.buckets();
          long min = minSupport[library];
          CcSpan miner = new CcSpan(config.supportMeasure(), min, config.maxLength());
          return MinedGroup.mine(
              libraries[library],
              e.getValue(),
              ids.remove(e.getKey()),
              miner,
              min,
              it -> d.bucketOf(it) == bucket,
              d);
        }
      };
    }
  }

  /** PATTERNS rows of a group, by chosen support descending, then pattern id. */
  static final class PatternRows implements FlatMapFunction<MinedGroup, Row> {
    private static final long serialVersionUID = 1L;
    private final MineConfig config;
    private final Broadcast<ItemDictionary> dict;

    PatternRows(MineConfig config, Broadcast<ItemDictionary> dict) {
      this.config = config;
      this.dict = dict;
    }

    @Override
    public Iterator<Row> call(MinedGroup g) {
      ItemDictionary d = dict.value();
      long[] support = new long[g.size()];
      for (int p = 0; p < support.length; p++) {
        support[p] =
            config
                .supportMeasure()
                .pick(g.traceSupport(p), g.questionSupport(p), g.occurrenceSupport(p));
      }
      int[] order = MinedGroup.bySupportThenId(support, g.byId());
      String measure = config.supportMeasure().key();
      return Arrays.stream(order).mapToObj(p -> row(g, p, d, measure)).iterator();
    }

    private Row row(MinedGroup g, int p, ItemDictionary d, String measure) {
      int[] items = g.items(p);
      Row[] pattern = new Row[items.length];
      for (int i = 0; i < items.length; i++) {
        pattern[i] = RowFactory.create(d.file(items[i]), d.function(items[i]));
      }
      long[] smallest = g.examples(p, config.examples());
      Long[] examples = new Long[smallest.length];
      for (int i = 0; i < examples.length; i++) {
        examples[i] = smallest[i];
      }
      return RowFactory.create(
          g.library(),
          g.patternId(p),
          pattern,
          items.length,
          g.traceSupport(p),
          g.questionSupport(p),
          g.occurrenceSupport(p),
          examples,
          measure,
          g.minSupport());
    }
  }

  /** PATTERN_TRACES rows of a group, by pattern id. */
  static final class TraceRows implements FlatMapFunction<MinedGroup, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(MinedGroup g) {
      TraceList.Encoder encoder = new TraceList.Encoder();
      return Arrays.stream(g.byId())
          .mapToObj(p -> RowFactory.create(g.library(), g.patternId(p), g.packedTraces(p, encoder)))
          .iterator();
    }
  }
}
