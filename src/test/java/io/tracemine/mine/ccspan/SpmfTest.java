package io.tracemine.mine.ccspan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.InvalidConfigException;
import io.tracemine.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpmfTest {
  private static final Path TINY = Path.of("src/test/resources/mine/tiny.spmf");

  @TempDir Path dir;

  @Test
  void tinyDatabaseByTraces() throws Exception {
    Path out = dir.resolve("out.txt");
    long n = Spmf.mine(TINY, out, SupportMeasure.TRACES, MinSupport.absolute(2), null);
    assertThat(n).isEqualTo(3);
    assertThat(Files.readAllLines(out))
        .containsExactly("2 3 #SUP: 4", "1 2 #SUP: 3", "1 2 3 #SUP: 2");
  }

  @Test
  void tinyDatabaseByOccurrencesCountsTheRepeatedItem() throws Exception {
    Path out = dir.resolve("out.txt");
    Spmf.mine(TINY, out, SupportMeasure.OCCURRENCES, MinSupport.absolute(2), null);
    assertThat(Files.readAllLines(out))
        .containsExactly("2 #SUP: 5", "2 3 #SUP: 4", "1 2 #SUP: 3", "1 2 3 #SUP: 2");
  }

  @Test
  void fractionIsOfTheNumberOfSequences() throws Exception {
    Path out = dir.resolve("out.txt");
    Spmf.mine(TINY, out, SupportMeasure.TRACES, MinSupport.fraction(0.75), null); // ceil(3) of 4
    assertThat(Files.readAllLines(out)).containsExactly("2 3 #SUP: 4", "1 2 #SUP: 3");
  }

  /** --max-length reaches the miner (before, it was checked and then ignored). */
  @Test
  void theLongestPatternIsMaxLength() throws Exception {
    Path in = Files.writeString(dir.resolve("len4.spmf"), "1 -1 2 -1 3 -1 4 -1 -2\n1 2 3 4\n1 2\n");
    Path out = dir.resolve("out.txt");
    Spmf.mine(in, out, SupportMeasure.TRACES, MinSupport.absolute(2), null);
    assertThat(Files.readAllLines(out)).containsExactly("1 2 #SUP: 3", "1 2 3 4 #SUP: 2");
    Spmf.mine(in, out, SupportMeasure.TRACES, MinSupport.absolute(2), 2);
    assertThat(Files.readAllLines(out)).containsExactly("1 2 #SUP: 3");
  }

  /**
   * Items are numbered densely before mining: ids up to Integer.MAX_VALUE give the patterns of the
   * same database with small ids, the ids written back (before: out of memory from a 40-byte file).
   */
  @Test
  void sparseItemIdsGiveTheSamePatternsAsDenseOnes() throws Exception {
    Path sparse =
        Files.writeString(
            dir.resolve("sparse.spmf"),
            "7 2147483647 100000000\n7 2147483647 100000000 3\n3 7 2147483647\n");
    Path small = Files.writeString(dir.resolve("small.spmf"), "1 9 5\n1 9 5 0\n0 1 9\n");
    Path outSparse = dir.resolve("sparse.txt");
    Path outSmall = dir.resolve("small.txt");
    Spmf.mine(sparse, outSparse, SupportMeasure.TRACES, MinSupport.absolute(2), null);
    Spmf.mine(small, outSmall, SupportMeasure.TRACES, MinSupport.absolute(2), null);
    // 3, 7, 100000000, 2147483647 stand where 0, 1, 5, 9 stand, in the same order
    assertThat(Files.readAllLines(outSparse))
        .containsExactly("7 2147483647 #SUP: 3", "3 #SUP: 2", "7 2147483647 100000000 #SUP: 2");
    assertThat(Files.readAllLines(outSmall))
        .containsExactly("1 9 #SUP: 3", "0 #SUP: 2", "1 9 5 #SUP: 2");
  }

  /** A second sequence after '-2' on one line is an error naming it (before: dropped silently). */
  @Test
  void textAfterTheSequencesEndIsAnError() throws Exception {
    Path in = Files.writeString(dir.resolve("after.spmf"), "1 -1 5 -1 -2\n1 -1 5 -1 -2 3 -1 -2\n");
    assertThatThrownBy(() -> Spmf.read(in))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read SPMF database "
                + in
                + " line 2: '3 -1 -2' follows the sequence's end '-2' (one sequence per line: a"
                + " line break missing?)");
  }

  /**
   * The input named as the output is refused and kept (before: replaced by the patterns); a
   * directory or a missing parent is a bad setting; a previous output is replaced whole.
   */
  @Test
  void theOutputIsAnotherFileWrittenWhole() throws Exception {
    Path in = Files.writeString(dir.resolve("db.spmf"), "1 2 3\n1 2 3\n");
    assertThatThrownBy(() -> Spmf.mine(in, in, SupportMeasure.TRACES, MinSupport.absolute(2), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "Cannot write SPMF patterns to "
                + in
                + ": it is the input database (--spmf); choose another --spmf-output");
    assertThat(in).hasContent("1 2 3\n1 2 3\n");
    assertThatThrownBy(
            () -> Spmf.mine(in, dir, SupportMeasure.TRACES, MinSupport.absolute(2), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith("it is a directory (--spmf-output)");
    assertThatThrownBy(
            () ->
                Spmf.mine(
                    in,
                    dir.resolve("no/such/out.txt"),
                    SupportMeasure.TRACES,
                    MinSupport.absolute(2),
                    null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith("its directory does not exist (--spmf-output)");
    Path out = Files.writeString(dir.resolve("out.txt"), "old\nold\nold\n");
    Spmf.mine(in, out, SupportMeasure.TRACES, MinSupport.absolute(2), null);
    assertThat(Files.readAllLines(out)).containsExactly("1 2 3 #SUP: 2");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void readsBothLineForms() {
    assertThat(Spmf.read(TINY)).extracting(s -> s.items().length).containsExactly(3, 4, 3, 4);
  }

  @Test
  void threadedMiningEqualsSingleThreaded() {
    Random r = new Random(9);
    List<Sequence> db = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int[] s = new int[1 + r.nextInt(12)];
      for (int k = 0; k < s.length; k++) {
        s[k] = r.nextInt(15);
      }
      db.add(new Sequence(s, i));
    }
    CcSpan miner = new CcSpan(SupportMeasure.TRACES, 2, null);
    assertThat(BruteForce.canonical(Spmf.mineParallel(miner, db, 3)))
        .isEqualTo(BruteForce.canonical(miner.mine(db)))
        .hasSizeGreaterThan(50);
  }

  @Test
  void badLinesAreReportedWithTheirNumber() throws Exception {
    Path in = dir.resolve("bad.spmf");
    Files.writeString(in, "1 -1 2 -1 -2\n1 2 -1 3 -1 -2\n");
    assertThatThrownBy(() -> Spmf.read(in))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read SPMF database "
                + in
                + " line 2: itemset with several items before '2' (contiguous patterns need one"
                + " item per itemset)");
    Files.writeString(in, "1 x\n");
    assertThatThrownBy(() -> Spmf.read(in))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot read SPMF database " + in + " line 1: token 'x' is not an integer");
  }
}
