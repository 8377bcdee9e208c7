package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracemine.mine.ccspan.CcSpan;
import io.tracemine.mine.ccspan.Sequence;
import io.tracemine.mine.ccspan.SupportMeasure;
import io.tracemine.mine.codec.TraceList;
import io.tracemine.spark.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@link OutputRows} writes the bytes Spark's own projection makes of the generic rows the stage
 * built before (one {@code GenericInternalRow} per pattern, its arrays by {@code
 * UnsafeArrayData.fromPrimitiveArray}), on random groups: random traces, ids (canonical or not,
 * non-ASCII), question ids (negative too), libraries and example counts.
 */
class OutputRowsTest {
  private static final String[] NAMES = {"a", "b", "c", "d", "é", "f"};

  @Property(tries = 150)
  void patternRowsAreTheProjectionOfTheGenericRows(
      @ForAll long seed,
      @ForAll @IntRange(max = 7) int examples,
      @ForAll @IntRange(max = 2) int measure) {
    Random r = new Random(seed);
    MinedGroup g = randomGroup(r);
    SupportMeasure m = SupportMeasure.values()[measure % SupportMeasure.values().length];
    UTF8String library = UTF8String.fromString(g.library());
    UTF8String key = UTF8String.fromString(m.key());
    UnsafeProjection projection = UnsafeProjection.create(Schemas.PATTERNS_STORED);
    OutputRows rows = OutputRows.patterns();
    long[] buffer = new long[examples];
    for (int p = 0; p < g.size(); p++) {
      int[] items = g.items(p);
      GenericInternalRow generic =
          new GenericInternalRow(
              new Object[] {
                library,
                g.patternIdBytes(p),
                UnsafeArrayData.fromPrimitiveArray(items),
                items.length,
                g.traceSupport(p),
                g.questionSupport(p),
                g.occurrenceSupport(p),
                UnsafeArrayData.fromPrimitiveArray(g.examples(p, examples)),
                key,
                g.minSupport()
              });
      UnsafeRow expected = projection.apply(generic).copy();
      UnsafeRow got = rows.pattern(g, p, library, key, examples, buffer);
      assertThat(got.getArray(2).toIntArray()).containsExactly(items);
      assertThat(got.getArray(7).toLongArray()).containsExactly(g.examples(p, examples));
      assertThat(got.getBinary(1)).isEqualTo(g.patternIdBytes(p));
      assertThat(got).isEqualTo(expected);
    }
  }

  @Property(tries = 100)
  void patternTraceRowsAreTheProjectionOfTheGenericRows(@ForAll long seed) {
    MinedGroup g = randomGroup(new Random(seed));
    UTF8String library = UTF8String.fromString(g.library());
    UnsafeProjection projection = UnsafeProjection.create(Schemas.PATTERN_TRACES);
    OutputRows rows = OutputRows.patternTraces();
    TraceList.Encoder encoder = new TraceList.Encoder();
    for (int p = 0; p < g.size(); p++) {
      UnsafeRow expected =
          projection
              .apply(
                  new GenericInternalRow(
                      new Object[] {library, g.patternIdBytes(p), g.packedTraces(p, encoder)}))
              .copy();
      assertThat(rows.patternTraces(g, p, library, encoder)).isEqualTo(expected);
    }
  }

  /** A mined group of 1..40 random traces over 6 items, min-support 1 or 2. */
  private static MinedGroup randomGroup(Random r) {
    int n = 1 + r.nextInt(40);
    List<Sequence> db = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>();
    while (ids.size() < n) {
      ids.add(
          r.nextBoolean()
              ? r.nextInt(1000) + "-" + r.nextInt(3) + "-" + r.nextInt(4)
              : "t" + NAMES[r.nextInt(NAMES.length)] + r.nextInt(100));
    }
    List<String> shuffled = new ArrayList<>(ids);
    java.util.Collections.shuffle(shuffled, r);
    for (int t = 0; t < n; t++) {
      int[] items = new int[1 + r.nextInt(8)];
      for (int i = 0; i < items.length; i++) {
        items[i] = r.nextInt(NAMES.length);
      }
      db.add(new Sequence(items, r.nextInt(50) - 10L));
    }
    long[] counts = new long[NAMES.length];
    java.util.Arrays.fill(counts, 1);
    ItemDictionary d = new ItemDictionary(NAMES, NAMES, counts, 1);
    long minSupport = 1 + r.nextInt(2);
    String library = r.nextBoolean() ? "keras" : "bibliothèque-" + r.nextInt(9);
    return MinedGroup.mine(
        library,
        db,
        shuffled,
        new CcSpan(SupportMeasure.TRACES, minSupport, null),
        minSupport,
        it -> true,
        d);
  }
}
