package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class TraceChunkTest {
  private static final String[] LIBRARIES = {"keras", "pandas", "numpy"};

  /** A trace as the input holds it: id, question, library, frames as "file:function", language. */
  record Trace(String id, long question, String library, List<String> frames, String language) {}

  private static List<Trace> randomTraces(long seed, int n) {
    Random random = new Random(seed);
    List<Trace> traces = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      List<String> frames = new ArrayList<>();
      int length = random.nextInt(6);
      for (int i = 0; i < length; i++) {
        frames.add("f" + random.nextInt(4) + ".py:g" + random.nextInt(3));
      }
      String language = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "python" : "java";
      traces.add(
          new Trace(
              "q" + t + "-ü" + random.nextInt(9),
              random.nextInt(1000),
              LIBRARIES[random.nextInt(LIBRARIES.length)],
              frames,
              language));
    }
    return traces;
  }

  private static InternalRow row(Trace t) {
    Object[] files = t.frames().stream().map(f -> utf8(f.split(":")[0])).toArray();
    Object[] functions = t.frames().stream().map(f -> utf8(f.split(":")[1])).toArray();
    return new GenericInternalRow(
        new Object[] {
          utf8(t.id()),
          t.question(),
          utf8(t.library()),
          new GenericArrayData(files),
          new GenericArrayData(functions),
          t.language() == null ? null : utf8(t.language())
        });
  }

  private static final StructType INPUT =
      new StructType()
          .add("trace_id", DataTypes.StringType, false)
          .add("question_id", DataTypes.LongType, false)
          .add("library", DataTypes.StringType, false)
          .add("files", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("functions", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("language", DataTypes.StringType, true);

  private static final UnsafeProjection TO_UNSAFE = UnsafeProjection.create(INPUT);

  /** The row as the Parquet scan hands it over: an UnsafeRow whose arrays are UnsafeArrayData. */
  private static InternalRow unsafeRow(Trace t) {
    return TO_UNSAFE.apply(row(t)).copy();
  }

  private static UTF8String utf8(String s) {
    return UTF8String.fromString(s);
  }

  @Property(tries = 50)
  void chunksHoldEveryTraceInOrderAndCountWhatTheyHold(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 9) int max,
      @ForAll boolean unsafe) {
    List<Trace> traces = randomTraces(seed, n);
    List<Trace> decoded = new ArrayList<>();
    Map<String, Long> items = new TreeMap<>();
    Map<String, Long> libraries = new TreeMap<>();
    Map<String, Long> python = new TreeMap<>();
    Iterator<TraceChunk> chunks =
        TraceChunk.chunks(
            traces.stream()
                .map(unsafe ? TraceChunkTest::unsafeRow : TraceChunkTest::row)
                .iterator(),
            max);
    while (chunks.hasNext()) {
      TraceChunk c = chunks.next();
      assertThat(c.size()).isBetween(1, max);
      for (int t = 0; t < c.size(); t++) {
        List<String> frames = new ArrayList<>();
        for (int i = c.itemsFrom(t); i < c.itemEnds[t]; i++) {
          frames.add(c.files[c.items[i]] + ":" + c.functions[c.items[i]]);
        }
        String library = c.libraries[c.library[t]];
        decoded.add(new Trace(c.traceId(t), c.questionIds[t], library, frames, null));
      }
      for (int i = 0; i < c.files.length; i++) {
        items.merge(c.files[i] + ":" + c.functions[i], c.itemCounts[i], Long::sum);
      }
      for (int l = 0; l < c.libraries.length; l++) {
        libraries.merge(c.libraries[l], c.libraryTraces[l], Long::sum);
        python.merge(c.libraries[l], c.pythonTraces[l], Long::sum);
      }
    }
    assertThat(decoded)
        .containsExactlyElementsOf(
            traces.stream()
                .map(t -> new Trace(t.id(), t.question(), t.library(), t.frames(), null))
                .toList());
    Map<String, Long> expectedItems = new TreeMap<>();
    Map<String, Long> expectedLibraries = new TreeMap<>();
    Map<String, Long> expectedPython = new TreeMap<>();
    for (Trace t : traces) {
      t.frames().forEach(f -> expectedItems.merge(f, 1L, Long::sum));
      expectedLibraries.merge(t.library(), 1L, Long::sum);
      expectedPython.merge(t.library(), "python".equals(t.language()) ? 1L : 0L, Long::sum);
    }
    assertThat(items).isEqualTo(expectedItems);
    assertThat(libraries).isEqualTo(expectedLibraries);
    assertThat(python).isEqualTo(expectedPython);
  }

  @Test
  void itemsAreKeyedByFileAndFunctionApartAcrossManyDistinctItems() {
    // "ab" + "c" and "a" + "bc" share their concatenated bytes; 3,000 items force rehashing
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      traces.add(
          new Trace(
              "t" + i,
              i,
              "numpy",
              List.of("ab" + i + ":c", "a:b" + i + "c", "ab" + i + ":c"),
              null));
    }
    for (boolean unsafe : new boolean[] {false, true}) {
      TraceChunk c =
          TraceChunk.chunks(
                  traces.stream()
                      .map(unsafe ? TraceChunkTest::unsafeRow : TraceChunkTest::row)
                      .iterator(),
                  10_000)
              .next();
      assertThat(c.files).hasSize(3000);
      for (int t = 0; t < c.size(); t++) {
        int at = c.itemsFrom(t);
        assertThat(c.files[c.items[at]] + ":" + c.functions[c.items[at]])
            .isEqualTo("ab" + t + ":c");
        assertThat(c.files[c.items[at + 1]] + ":" + c.functions[c.items[at + 1]])
            .isEqualTo("a:b" + t + "c");
        assertThat(c.items[at + 2]).isEqualTo(c.items[at]);
        assertThat(c.itemCounts[c.items[at]]).isEqualTo(2);
        assertThat(c.itemCounts[c.items[at + 1]]).isEqualTo(1);
      }
    }
  }

  @Test
  void aFrameWithoutAFunctionIsRejectedNamingTheTrace() {
    InternalRow r =
        new GenericInternalRow(
            new Object[] {
              utf8("q1-0-0"),
              1L,
              utf8("numpy"),
              new GenericArrayData(new Object[] {utf8("a.py")}),
              new GenericArrayData(new Object[] {null}),
              null
            });
    assertThatThrownBy(() -> TraceChunk.chunks(List.of(r).iterator(), 4).next())
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot mine trace 'q1-0-0': frame 0 has no file or no function (re-run extract)");
  }

  @Test
  void aNullTraceIdQuestionOrLibraryIsRejectedNamingTheColumn() {
    Object[][] keys = {
      {null, 1L, utf8("numpy")}, {utf8("q1-0-0"), null, utf8("numpy")}, {utf8("q1-0-0"), 1L, null}
    };
    String[] messages = {
      "Cannot mine a trace: its column 'trace_id' is null",
      "Cannot mine trace 'q1-0-0': its column 'question_id' is null",
      "Cannot mine trace 'q1-0-0': its column 'library' is null"
    };
    for (int k = 0; k < keys.length; k++) {
      InternalRow r =
          new GenericInternalRow(
              new Object[] {
                keys[k][0],
                keys[k][1],
                keys[k][2],
                new GenericArrayData(new Object[] {utf8("a.py")}),
                new GenericArrayData(new Object[] {utf8("f")}),
                null
              });
      assertThatThrownBy(() -> TraceChunk.chunks(List.of(r).iterator(), 4).next())
          .isInstanceOf(MalformedInputException.class)
          .hasMessage(messages[k] + ", which the traces table does not allow (re-run extract)");
    }
  }

  @Test
  void anEmptyPartitionHasNoChunk() {
    Iterator<TraceChunk> chunks = TraceChunk.chunks(List.<InternalRow>of().iterator(), 4);
    assertThat(chunks.hasNext()).isFalse();
    assertThatThrownBy(chunks::next)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no more traces");
  }
}
