package io.tracemine.mine;

import static io.tracemine.spark.Schemas.required;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.tracemine.MalformedInputException;
import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.ClosedPattern;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.spark.Schemas;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Mines closed contiguous patterns per library with {@link CcSpan}, distributed by (library,
 * bucket of the pattern's first item); see docs/MINING.md. The result does not depend on the input
 * partitioning, {@code spark.sql.shuffle.partitions} or {@code mine.buckets}.
 */
public final class MineStage {
  /** A trace routed to one bucket: the suffix from just before its first item of that bucket. */
  static final StructType ROUTED =
      Schemas.struct(
          required("library", StringType),
          required("bucket", IntegerType),
          required("trace_id", StringType),
          required("question_id", LongType),
          required("items", BinaryType));

  static final StructType TRACE_REF =
      Schemas.struct(required("trace_id", StringType), required("question_id", LongType));

  /** PATTERNS plus the supporting traces, from which PATTERN_TRACES is exploded. */
  static final StructType MINED =
      Schemas.PATTERNS.add(required("traces", createArrayType(TRACE_REF, false)));

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
    jsc.setJobGroup("MINE", "MINE-1: item dictionary and library sizes", false);
    try {
      Broadcast<ItemDictionary> dict =
          jsc.broadcast(dictionary(traces, config.buckets(), jsc.defaultParallelism()));
      int buckets = dict.value().buckets();
      Map<String, Long> minSupport = thresholds(traces);
      jsc.setJobGroup(
          "MINE",
          String.format(
              "MINE-2: closed contiguous patterns (%s, min-support=%s, buckets=%d)",
              config.supportMeasure().key(), config.minSupport(), buckets),
          false);
      Dataset<Row> routed =
          traces
              .select(
                  col("trace_id"),
                  col("question_id"),
                  col("library"),
                  col("frames.file").as("files"),
                  col("frames.function").as("functions"))
              .mapPartitions(new Route(dict), Encoders.row(ROUTED));
      Dataset<Row> mined =
          routed
              .groupByKey(new BucketKey(), Encoders.tuple(Encoders.STRING(), Encoders.INT()))
              .flatMapGroups(new MineBucket(config, minSupport, dict), Encoders.row(MINED))
              .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> patterns =
          mined
              .select(columns(Schemas.PATTERNS))
              .orderBy(col("library"), supportColumn().desc(), col("pattern_id"));
      Dataset<Row> patternTraces =
          mined
              .select(col("library"), col("pattern_id"), explode(col("traces")).as("t"))
              .select(col("library"), col("pattern_id"), col("t.trace_id"), col("t.question_id"))
              .orderBy(col("library"), col("pattern_id"), col("trace_id"));
      return new MineResult(patterns, patternTraces);
    } finally {
      jsc.clearJobGroup();
    }
  }

  private Column supportColumn() {
    switch (config.supportMeasure()) {
      case TRACES:
        return col("trace_support");
      case QUESTIONS:
        return col("question_support");
      default:
        return col("occurrence_support");
    }
  }

  private static Column[] columns(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(n -> col(n)).toArray(Column[]::new);
  }

  private static void checkColumns(Dataset<Row> traces) {
    StructType s = traces.schema();
    for (String c : List.of("trace_id", "question_id", "library", "frames")) {
      if (!Arrays.asList(s.fieldNames()).contains(c)) {
        throw new MalformedInputException(
            "Cannot mine traces: column '" + c + "' is missing (expected the TRACES table, has "
                + Arrays.toString(s.fieldNames()) + ")");
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

  private static ItemDictionary dictionary(Dataset<Row> traces, int configured, int parallelism) {
    List<Row> items =
        traces
            .select(explode(col("frames")).as("f"))
            .groupBy(col("f.file").as("file"), col("f.function").as("function"))
            .count()
            .collectAsList();
    // a few thousand distinct items: sorting them here saves Spark a sampling job
    items = new ArrayList<>(items);
    items.sort(
        Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1)));
    String[] files = new String[items.size()];
    String[] functions = new String[items.size()];
    long[] counts = new long[items.size()];
    for (int i = 0; i < files.length; i++) {
      files[i] = items.get(i).getString(0);
      functions[i] = items.get(i).getString(1);
      counts[i] = items.get(i).getLong(2);
    }
    long frames = Arrays.stream(counts).sum();
    int buckets = configured > 0 ? configured : autoBuckets(frames, parallelism);
    return new ItemDictionary(files, functions, counts, buckets);
  }

  private Map<String, Long> thresholds(Dataset<Row> traces) {
    Map<String, Long> out = new HashMap<>();
    if (config.minSupport().absolute() == 0) {
      for (Row r : traces.groupBy("library").count().collectAsList()) {
        out.put(r.getString(0), config.minSupport().resolve(r.getLong(1)));
      }
      // a fraction is of the library's Python instances (when it has any), so JVM traces do not
      // move the threshold of its Python patterns
      if (Arrays.asList(traces.columns()).contains("language")) {
        Dataset<Row> python = traces.filter(col("language").equalTo("python"));
        for (Row r : python.groupBy("library").count().collectAsList()) {
          out.put(r.getString(0), config.minSupport().resolve(r.getLong(1)));
        }
      }
    }
    return out;
  }

  /** Encodes each trace and emits one copy per distinct bucket among its items. */
  static final class Route implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ItemDictionary> dict;

    Route(Broadcast<ItemDictionary> dict) {
      this.dict = dict;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ItemDictionary d = dict.value();
      int[] first = new int[d.buckets()];
      return new Iterator<>() {
        private final List<Row> pending = new ArrayList<>();
        private int next;

        @Override
        public boolean hasNext() {
          while (next == pending.size() && rows.hasNext()) {
            pending.clear();
            next = 0;
            route(rows.next());
          }
          return next < pending.size();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return pending.get(next++);
        }

        private void route(Row r) {
          List<String> files = r.getList(3);
          List<String> functions = r.getList(4);
          int n = files.size();
          int[] items = new int[n];
          Arrays.fill(first, -1);
          for (int i = 0; i < n; i++) {
            items[i] = d.idOf(files.get(i), functions.get(i));
            if (items[i] < 0) {
              throw new MalformedInputException(
                  "Cannot mine trace '" + r.getString(0) + "': frame " + i
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
              pending.add(RowFactory.create(r.getString(2), b, r.getString(0), r.getLong(1), buf.array()));
            }
          }
        }
      };
    }
  }

  /** The grouping key (library, bucket). */
  static final class BucketKey implements MapFunction<Row, Tuple2<String, Integer>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple2<String, Integer> call(Row r) {
      return new Tuple2<>(r.getString(0), r.getInt(1));
    }
  }

  /** Mines one (library, bucket): the closed patterns whose first item is in the bucket. */
  static final class MineBucket implements FlatMapGroupsFunction<Tuple2<String, Integer>, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final MineConfig config;
    private final Map<String, Long> minSupport;
    private final Broadcast<ItemDictionary> dict;

    MineBucket(MineConfig config, Map<String, Long> minSupport, Broadcast<ItemDictionary> dict) {
      this.config = config;
      this.minSupport = new HashMap<>(minSupport);
      this.dict = dict;
    }

    @Override
    public Iterator<Row> call(Tuple2<String, Integer> key, Iterator<Row> rows) {
      ItemDictionary d = dict.value();
      String library = key._1();
      int bucket = key._2();
      List<Sequence> db = new ArrayList<>();
      List<String> traceIds = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        ByteBuffer buf = ByteBuffer.wrap((byte[]) r.get(4));
        int[] items = new int[buf.remaining() / 4];
        for (int i = 0; i < items.length; i++) {
          items[i] = buf.getInt();
        }
        db.add(new Sequence(items, r.getLong(3)));
        traceIds.add(r.getString(2));
      }
      long min = minSupport.getOrDefault(library, config.minSupport().absolute());
      // keep the compact ClosedPatterns (int arrays) and build the much larger Rows one at a time
      List<ClosedPattern> found = new ArrayList<>();
      new CcSpan(config.supportMeasure(), min, config.maxLength())
          .mine(db, it -> d.bucketOf(it) == bucket, found::add);
      Iterator<ClosedPattern> it = found.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          return row(library, min, it.next(), db, traceIds, d);
        }
      };
    }

    private Row row(
        String library,
        long min,
        ClosedPattern p,
        List<Sequence> db,
        List<String> traceIds,
        ItemDictionary d) {
      int k = p.items().length;
      String[] files = new String[k];
      String[] functions = new String[k];
      Row[] pattern = new Row[k];
      for (int i = 0; i < k; i++) {
        files[i] = d.file(p.items()[i]);
        functions[i] = d.function(p.items()[i]);
        pattern[i] = RowFactory.create(files[i], functions[i]);
      }
      Row[] traces = new Row[p.sequences().length];
      long[] questions = new long[traces.length];
      for (int i = 0; i < traces.length; i++) {
        int s = p.sequences()[i];
        questions[i] = db.get(s).questionId();
        traces[i] = RowFactory.create(traceIds.get(s), questions[i]);
      }
      Long[] examples =
          Arrays.stream(questions).sorted().distinct().limit(config.examples()).boxed()
              .toArray(Long[]::new);
      return RowFactory.create(
          library,
          PatternIds.of(library, files, functions),
          pattern,
          k,
          p.traceSupport(),
          p.questionSupport(),
          p.occurrenceSupport(),
          examples,
          config.supportMeasure().key(),
          min,
          traces);
    }
  }
}
