package io.tracemine.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PatternIdsTest {
  private static final ItemDictionary DICT =
      new ItemDictionary(
          new String[] {"m1", "m2", "ä.py"},
          new String[] {"f1", "f2", "f"},
          new long[] {1, 1, 1},
          1);

  @Test
  void idsAreTheSha1OfLibraryAndItemsAsPythonsHashlibComputesThem() {
    // hashlib.sha1(b'keras\nm1\tf1\nm2\tf2\n').hexdigest()
    assertThat(PatternIds.of("keras", new String[] {"m1", "m2"}, new String[] {"f1", "f2"}))
        .isEqualTo("6143d9219bc537c7f9b336d7b111146ba217270e");
    // hashlib.sha1('lib\nä.py\tf\n'.encode()).hexdigest()
    assertThat(PatternIds.hex(PatternIds.sha1("lib", new int[] {2}, DICT), 0))
        .isEqualTo("05bc12eedac45d44a30f734f59e303c7cf0ec303");
  }

  @Property(tries = 50)
  void theDictionaryFormAndTheStringFormAgreeAfterAnyEarlierDigest(
      @ForAll @IntRange(min = 0, max = 2) int a, @ForAll @IntRange(min = 0, max = 2) int b) {
    PatternIds.sha1("other", new int[] {b, a, b}, DICT);
    String expected =
        PatternIds.of(
            "keras",
            new String[] {DICT.file(a), DICT.file(b)},
            new String[] {DICT.function(a), DICT.function(b)});
    assertThat(PatternIds.hex(PatternIds.sha1("keras", new int[] {a, b}, DICT), 0))
        .isEqualTo(expected);
  }

  @Test
  void threadsHashingAtOnceGetTheSameIdsAsOneThread() throws Exception {
    String expected = PatternIds.of("keras", new String[] {"m1", "m2"}, new String[] {"f1", "f2"});
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<Boolean> task =
          () -> {
            for (int i = 0; i < 2_000; i++) {
              String id = PatternIds.hex(PatternIds.sha1("keras", new int[] {0, 1}, DICT), 0);
              if (!id.equals(expected)) {
                return false;
              }
            }
            return true;
          };
      List<Future<Boolean>> results = pool.invokeAll(List.of(task, task, task, task));
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}
