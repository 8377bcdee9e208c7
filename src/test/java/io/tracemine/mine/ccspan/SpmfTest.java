package io.tracemine.mine.ccspan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    long n = Spmf.mine(TINY, out, SupportMeasure.TRACES, MinSupport.absolute(2));
    assertThat(n).isEqualTo(3);
    assertThat(Files.readAllLines(out))
        .containsExactly("2 3 #SUP: 4", "1 2 #SUP: 3", "1 2 3 #SUP: 2");
  }

  @Test
  void tinyDatabaseByOccurrencesCountsTheRepeatedItem() throws Exception {
    Path out = dir.resolve("out.txt");
    Spmf.mine(TINY, out, SupportMeasure.OCCURRENCES, MinSupport.absolute(2));
    assertThat(Files.readAllLines(out))
        .containsExactly("2 #SUP: 5", "2 3 #SUP: 4", "1 2 #SUP: 3", "1 2 3 #SUP: 2");
  }

  @Test
  void fractionIsOfTheNumberOfSequences() throws Exception {
    Path out = dir.resolve("out.txt");
    Spmf.mine(TINY, out, SupportMeasure.TRACES, MinSupport.fraction(0.75)); // ceil(3) of 4
    assertThat(Files.readAllLines(out)).containsExactly("2 3 #SUP: 4", "1 2 #SUP: 3");
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
