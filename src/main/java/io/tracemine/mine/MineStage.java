package io.tracemine.mine;

import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Mines closed contiguous patterns per library with {@link CcSpan}, distributed by (library, bucket
 * of the pattern's first item); see docs/MINING.md. The result does not depend on the input
 * partitioning, {@code spark.sql.shuffle.partitions} or {@code mine.buckets}.
 *
 * <p>One pass reads the input into {@link TraceChunk}s (cached on local disk), whose counts give
 * the item dictionary and library sizes; the route sends each trace of the chunks to the buckets of
 * its items; each (library, bucket) is one shuffle partition, mined by the pure miner and kept in
 * compact form ({@link MinedGroup}, serialized to local disk) for the two writes. Rows are in a
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
          required("items", DataTypes.createArrayType(IntegerType, false)));

  /**
   * A census key: kind 0 = item (file a, function b); kind 1 = traces of library a; kind 2 = Python
   * traces of library a (language "python").
   */
  static final class CensusKey implements Serializable {
    private static final long serialVersionUID = 1L;
    // a class, not a record: Kryo (the cluster profile's serializer) cannot set a record's fields
    private final int kind;
    private final String a;
    private final String b;

    CensusKey(int kind, String a, String b) {
      this.kind = kind;
      this.a = a;
      this.b = b;
    }

    int kind() {
      return kind;
    }

    String a() {
      return a;
    }

    String b() {
      return b;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CensusKey k
          && kind == k.kind
          && Objects.equals(a, k.a)
          && Objects.equals(b, k.b);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, a, b);
    }
  }

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
      Dataset<Row> frames = selection(traces);
      ColumnarInput.Batches batches = ColumnarInput.of(frames);
      JavaRDD<TraceChunk> chunks =
          (batches != null
                  ? batches.rdd().mapPartitions(new EncodeBatches(batches.columns()))
                  : internalRows(frames).mapPartitions(new Encode()))
              .persist(StorageLevel.DISK_ONLY());
      // one RDD aggregation: one Spark job with no generated code (a DataFrame groupBy ran two
      // jobs under adaptive execution and compiled its aggregation in the cold JVM first)
      List<Tuple2<CensusKey, Long>> census =
          JobGroups.withJobGroup(
              spark,
              "MINE",
              "MINE-1: item dictionary and library sizes",
              () ->
                  chunks
                      .flatMapToPair(new Census())
                      .reduceByKey(new Sum(), jsc.defaultParallelism())
                      .collect());
      ItemDictionary d = dictionary(census, jsc.defaultParallelism());
      Broadcast<ItemDictionary> dict = jsc.broadcast(d);
      TreeMap<String, Long> sizes = new TreeMap<>();
      Map<String, Long> python = new HashMap<>();
      for (Tuple2<CensusKey, Long> c : census) {
        if (c._1().kind() == 1) {
          sizes.put(c._1().a(), c._2());
        } else if (c._1().kind() == 2) {
          python.put(c._1().a(), c._2());
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
      Dataset<Row> routed =
          spark
              .internalCreateDataFrame(
                  chunks.mapPartitions(new Route(dict, libraries, partitionKeys(groups))).rdd(),
                  ROUTED,
                  false)
              .repartition(groups, col("key"));
      JavaRDD<MinedGroup> mined =
          internalRows(routed)
              .mapPartitions(new MineGroups(config, libraries, minSupport, dict))
              .persist(StorageLevel.MEMORY_AND_DISK());
      // internal rows: Scala's private[sql] is public to Java; it skips Row -> InternalRow
      Dataset<Row> storedPatterns =
          spark.internalCreateDataFrame(
              mined.flatMap(new PatternRows(config)).rdd(), Schemas.PATTERNS_STORED, false);
      Dataset<Row> items = itemTable(d);
      Dataset<Row> patternTraces =
          spark.internalCreateDataFrame(
              mined.flatMap(new TraceRows()).rdd(), Schemas.PATTERN_TRACES, false);
      return new MineResult(storedPatterns, items, patternTraces, mined, chunks, description);
    }
  }

  /** The item table ({@code pattern_items}): every item of the dictionary, by id. */
  private Dataset<Row> itemTable(ItemDictionary d) {
    List<Row> rows = new ArrayList<>(d.size());
    for (int i = 0; i < d.size(); i++) {
      rows.add(RowFactory.create(i, d.file(i), d.function(i)));
    }
    return spark.createDataFrame(rows, Schemas.PATTERN_ITEMS).coalesce(1);
  }

  /** The columns the stage reads: trace_id, question_id, library, files, functions, language. */
  static Dataset<Row> selection(Dataset<Row> traces) {
    return traces.select(
        col("trace_id"),
        col("question_id"),
        col("library"),
        col("frames.file").as("files"),
        col("frames.function").as("functions"),
        Arrays.asList(traces.columns()).contains("language")
            ? col("language")
            : lit(null).cast(StringType).as("language"));
  }

  /**
   * A Dataset's rows as Spark holds them (strings as UTF-8, arrays unconverted): reading the frames
   * this way spares decoding every frame string into a Java String (21 M frames at 1 M traces). The
   * rows may be reused by the iterator: copy what is kept.
   */
  private static JavaRDD<InternalRow> internalRows(Dataset<Row> rows) {
    return rows.queryExecution().toRdd().toJavaRDD();
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

  private ItemDictionary dictionary(List<Tuple2<CensusKey, Long>> census, int parallelism) {
    List<Tuple2<CensusKey, Long>> items = new ArrayList<>();
    for (Tuple2<CensusKey, Long> c : census) {
      if (c._1().kind() == 0) {
        items.add(c);
      }
    }
    // a few thousand distinct items: sorting them here saves Spark a sampling job
    items.sort(
        Comparator.comparing((Tuple2<CensusKey, Long> c) -> c._1().a())
            .thenComparing(c -> c._1().b()));
    String[] files = new String[items.size()];
    String[] functions = new String[items.size()];
    long[] counts = new long[items.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = items.get(i)._1().a();
      functions[i] = items.get(i)._1().b();
      counts[i] = items.get(i)._2();
    }
    long frames = Arrays.stream(counts).sum();
    int buckets = config.buckets() > 0 ? config.buckets() : autoBuckets(frames, parallelism);
    return new ItemDictionary(files, functions, counts, buckets);
  }

  /** Reads a partition of the input into {@link TraceChunk}s. */
  static final class Encode implements FlatMapFunction<Iterator<InternalRow>, TraceChunk> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<TraceChunk> call(Iterator<InternalRow> rows) {
      return TraceChunk.chunks(rows, TraceChunk.MAX_TRACES);
    }
  }

  /** Reads a partition of the input's column batches into {@link TraceChunk}s. */
  static final class EncodeBatches implements FlatMapFunction<Iterator<ColumnarBatch>, TraceChunk> {
    private static final long serialVersionUID = 1L;
    private final ColumnarInput.Columns columns;

    EncodeBatches(ColumnarInput.Columns columns) {
      this.columns = columns;
    }

    @Override
    public Iterator<TraceChunk> call(Iterator<ColumnarBatch> batches) {
      return TraceChunk.chunksOfBatches(batches, columns, TraceChunk.MAX_TRACES);
    }
  }

  /** A chunk's counts of items and of traces per library (partial counts, summed by Spark). */
  static final class Census implements PairFlatMapFunction<TraceChunk, CensusKey, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<CensusKey, Long>> call(TraceChunk c) {
      List<Tuple2<CensusKey, Long>> out = new ArrayList<>(c.files.length + 2 * c.libraries.length);
      for (int i = 0; i < c.files.length; i++) {
        out.add(new Tuple2<>(new CensusKey(0, c.files[i], c.functions[i]), c.itemCounts[i]));
      }
      for (int l = 0; l < c.libraries.length; l++) {
        out.add(new Tuple2<>(new CensusKey(1, c.libraries[l], null), c.libraryTraces[l]));
        if (c.pythonTraces[l] > 0) {
          out.add(new Tuple2<>(new CensusKey(2, c.libraries[l], null), c.pythonTraces[l]));
        }
      }
      return out.iterator();
    }
  }

  /** Sums two partial counts of the census. */
  static final class Sum implements Function2<Long, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long call(Long a, Long b) {
      return a + b;
    }
  }

  /** A distinct item as the dictionary holds it. */
  private record Item(String file, String function) {}

  /** Encodes each trace and emits one copy per distinct bucket among its items. */
  static final class Route implements FlatMapFunction<Iterator<TraceChunk>, InternalRow> {
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
    public Iterator<InternalRow> call(Iterator<TraceChunk> chunks) {
      ItemDictionary d = dict.value();
      Map<String, Integer> libraryIndex = new HashMap<>();
      for (int i = 0; i < libraries.length; i++) {
        libraryIndex.put(libraries[i], i);
      }
      Map<Item, Integer> itemIds = new HashMap<>(2 * d.size());
      for (int i = 0; i < d.size(); i++) {
        itemIds.put(new Item(d.file(i), d.function(i)), i);
      }
      int[] first = new int[d.buckets()];
      return LazyIterators.flatMap(
          chunks, (c, out) -> route(c, out, d, libraryIndex, itemIds, first, keys));
    }

    private static void route(
        TraceChunk c,
        Consumer<InternalRow> out,
        ItemDictionary d,
        Map<String, Integer> libraryIndex,
        Map<Item, Integer> itemIds,
        int[] first,
        int[] keys) {
      int[] libraryOf = new int[c.libraries.length];
      for (int l = 0; l < libraryOf.length; l++) {
        libraryOf[l] = libraryIndex.getOrDefault(c.libraries[l], -1);
      }
      int[] idOf = new int[c.files.length];
      for (int i = 0; i < idOf.length; i++) {
        idOf[i] = itemIds.getOrDefault(new Item(c.files[i], c.functions[i]), -1);
      }
      for (int t = 0; t < c.size(); t++) {
        int library = libraryOf[c.library[t]];
        int from = c.itemsFrom(t);
        int n = c.itemEnds[t] - from;
        int[] items = new int[n];
        Arrays.fill(first, -1);
        for (int i = 0; i < n; i++) {
          int id = library < 0 ? -1 : idOf[c.items[from + i]];
          if (id < 0) {
            throw new MalformedInputException(
                "Cannot mine trace '"
                    + c.traceId(t)
                    + "': "
                    + (library < 0 ? "library '" + c.libraries[c.library[t]] + "'" : "frame " + i)
                    + " is missing from the item dictionary (was the input changed while"
                    + " mining? re-run the stage)");
          }
          items[i] = id;
          int b = d.bucketOf(id);
          if (first[b] < 0) {
            first[b] = i;
          }
        }
        UTF8String traceId = null;
        for (int b = 0; b < first.length; b++) {
          if (first[b] >= 0) {
            // keep one item before the first start: left-closure needs it
            int start = Math.max(0, first[b] - 1);
            ArrayData suffix =
                UnsafeArrayData.fromPrimitiveArray(
                    items, Platform.INT_ARRAY_OFFSET + 4 * start, n - start, 4);
            int group = library * d.buckets() + b;
            if (traceId == null) {
              traceId =
                  UTF8String.fromBytes(c.traceIds, c.idFrom(t), c.traceIdEnds[t] - c.idFrom(t));
            }
            out.accept(
                new GenericInternalRow(
                    new Object[] {keys[group], group, traceId, c.questionIds[t], suffix}));
          }
        }
      }
    }
  }

  /** Mines each (library, bucket) of a partition: the closed patterns whose first item is in it. */
  static final class MineGroups implements FlatMapFunction<Iterator<InternalRow>, MinedGroup> {
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
    public Iterator<MinedGroup> call(Iterator<InternalRow> rows) {
      ItemDictionary d = dict.value();
      // usually one group per partition; several if the partition keys did not spread them
      TreeMap<Integer, List<Sequence>> dbs = new TreeMap<>();
      Map<Integer, List<byte[]>> ids = new HashMap<>();
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        int group = r.getInt(1);
        int[] items = r.getArray(4).toIntArray();
        dbs.computeIfAbsent(group, g -> new ArrayList<>()).add(new Sequence(items, r.getLong(3)));
        ids.computeIfAbsent(group, g -> new ArrayList<>()).add(r.getUTF8String(2).getBytes());
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
          return MinedGroup.mineUtf8(
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

  /** {@code row.apply(p)} for each p of {@code order} in turn, built as the iterator is read. */
  static Iterator<InternalRow> rowsInOrder(int[] order, IntFunction<InternalRow> row) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < order.length;
      }

      @Override
      public InternalRow next() {
        if (next == order.length) {
          throw new NoSuchElementException("no more rows");
        }
        return row.apply(order[next++]);
      }
    };
  }

  /**
   * PATTERNS_STORED rows of a group, by chosen support descending, then pattern id; built as
   * Spark's internal rows, which spares the generic {@code Row} conversion of 2.7 M rows at 1 M
   * traces. A pattern's items are their dictionary ids ({@code pattern_items}).
   */
  static final class PatternRows implements FlatMapFunction<MinedGroup, InternalRow> {
    private static final long serialVersionUID = 1L;
    private final MineConfig config;

    PatternRows(MineConfig config) {
      this.config = config;
    }

    @Override
    public Iterator<InternalRow> call(MinedGroup g) {
      long[] support = new long[g.size()];
      for (int p = 0; p < support.length; p++) {
        support[p] =
            config
                .supportMeasure()
                .pick(g.traceSupport(p), g.questionSupport(p), g.occurrenceSupport(p));
      }
      int[] order = MinedGroup.bySupportThenId(support, g.byId());
      UTF8String library = UTF8String.fromString(g.library());
      UTF8String measure = UTF8String.fromString(config.supportMeasure().key());
      return rowsInOrder(order, p -> row(g, p, library, measure));
    }

    private InternalRow row(MinedGroup g, int p, UTF8String library, UTF8String measure) {
      int[] items = g.items(p);
      return new GenericInternalRow(
          new Object[] {
            library,
            g.patternIdBytes(p),
            UnsafeArrayData.fromPrimitiveArray(items),
            items.length,
            g.traceSupport(p),
            g.questionSupport(p),
            g.occurrenceSupport(p),
            UnsafeArrayData.fromPrimitiveArray(g.examples(p, config.examples())),
            measure,
            g.minSupport()
          });
    }
  }

  /** PATTERN_TRACES rows of a group, by pattern id, as Spark's internal rows. */
  static final class TraceRows implements FlatMapFunction<MinedGroup, InternalRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<InternalRow> call(MinedGroup g) {
      TraceList.Encoder encoder = new TraceList.Encoder();
      UTF8String library = UTF8String.fromString(g.library());
      return rowsInOrder(
          g.byId(),
          p ->
              new GenericInternalRow(
                  new Object[] {library, g.patternIdBytes(p), g.packedTraces(p, encoder)}));
    }
  }
}
