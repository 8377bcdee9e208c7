package io.tracemine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label sheets are read strictly: nothing in a sheet is dropped without a problem row or a failure.
 */
class LabelSheetsStrictTest {
  private static final Codebook CODEBOOK = Codebook.load(Path.of("conf/codebook.csv"));

  @Test
  void anUnclosedQuoteFailsNamingTheLineInsteadOfSwallowingTheLabelsAfterIt(@TempDir Path dir)
      throws IOException {
    Path sheet = dir.resolve("ann.csv");
    Files.writeString(
        sheet, "pattern_id,type,coder,notes\np1,Model copy,ann,\"oops\np2,Model copy,ann,\n");
    assertThatThrownBy(() -> LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1", "p2")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read label sheet '"
                + sheet
                + "': line 2: a quoted field starts here and is"
                + " never closed (a missing '\"')");
  }

  /**
   * Two sheets named alike in two folders, their coder cells blank, would be one coder named after
   * the file: refused naming both (before: one coder, the second person's labels lost as "labelled
   * twice", alpha undefined). Filled coder cells, or one sheet given twice, read as before.
   */
  @Test
  void twoSheetsWhoseBlankCodersWouldBeOnePersonAreRefused(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("a")).resolve("coder.csv");
    Path b = Files.createDirectories(dir.resolve("b")).resolve("coder.csv");
    Files.writeString(a, "pattern_id,type,coder\np1,Model copy,\np2,Model copy,\n");
    Files.writeString(b, "pattern_id,type,coder\np1,Model copy,\np2,Model copy,\n");
    assertThatThrownBy(() -> LabelSheets.read(List.of(a, b), CODEBOOK, Set.of("p1", "p2")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read label sheets '"
                + a
                + "' and '"
                + b
                + "': rows of both leave 'coder' blank, which names the coder after the file"
                + " ('coder'), so two people would count as one; fill in the coder column or"
                + " rename a sheet");
    Files.writeString(b, "pattern_id,type,coder\np1,Model copy,bob\np2,Model copy,bob\n");
    LabelSheets.Labels labels = LabelSheets.read(List.of(a, b), CODEBOOK, Set.of("p1", "p2"));
    assertThat(labels.labels()).extracting(LabelSheets.Label::coder).contains("coder", "bob");
  }

  /**
   * A sheet saved as Latin-1 (Excel's "CSV") names its first bad byte and line, as a config file
   * does (before: "MalformedInputException: Input length = 3"); a byte-order mark is dropped.
   */
  @Test
  void aSheetThatIsNotUtf8NamesTheByteAndLine(@TempDir Path dir) throws IOException {
    Path sheet = dir.resolve("ann.csv");
    Files.write(
        sheet,
        "pattern_id,type,coder,notes\np1,Model copy,ann,caf\u00e9\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read label sheet '"
                + sheet
                + "': it is not UTF-8 text (line 2, byte 49 is 0xe9); save it as UTF-8");
    Files.writeString(sheet, "\uFEFFpattern_id,type,coder\np1,Model copy,ann\n");
    assertThat(LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1")).finalTypes())
        .containsOnlyKeys("p1");
  }

  @Test
  void aRowWithTheWrongNumberOfColumnsIsAProblemWithItsLine(@TempDir Path dir) throws IOException {
    Path sheet = dir.resolve("ann.csv");
    Files.writeString(
        sheet,
        "pattern_id,type,coder,notes\np1,Model copy,ann,\np2,Model copy,ann,a,b\n"
            + "p3,Model copy,ann,\n");
    LabelSheets.Labels l = LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("p1", "p2", "p3"));
    assertThat(l.finalTypes()).containsOnlyKeys("p1", "p3");
    assertThat(l.problems())
        .containsExactly(
            new LabelSheets.Problem(
                "ann.csv",
                3,
                "p2",
                "ann",
                "p2,Model copy,ann,a,b",
                "row has 5 columns but the header has 4; not counted"));
  }

  @Test
  void anEmptySheetOrAHeaderNamingAColumnTwiceFails(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.csv"), "\n");
    assertThatThrownBy(() -> LabelSheets.read(List.of(empty), CODEBOOK, Set.of()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage("Cannot read label sheet '" + empty + "': it is empty (no header)");
    Path twice =
        Files.writeString(dir.resolve("twice.csv"), "pattern_id,type,coder,Type\np1,x,y,z\n");
    assertThatThrownBy(() -> LabelSheets.read(List.of(twice), CODEBOOK, Set.of()))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read label sheet '"
                + twice
                + "': the header [pattern_id, type, coder, type]"
                + " names a column twice");
  }

  @Test
  void theQuoteTheCsvCopiesAddToFormulaLikeTextIsRemovedWhenReadBack(@TempDir Path dir)
      throws IOException {
    Path sheet = dir.resolve("ann.csv");
    Files.writeString(sheet, "pattern_id,type,coder\n'-p1,Model copy,'@ann\n");
    LabelSheets.Labels l = LabelSheets.read(List.of(sheet), CODEBOOK, Set.of("-p1"));
    assertThat(l.labels()).containsExactly(new LabelSheets.Label("-p1", "@ann", "Model copy"));
    assertThat(l.finalTypes()).isEqualTo(Map.of("-p1", "Model copy"));
  }

  @Test
  void formulaLikeTextIsNeutralisedAndOtherTextIsNot() {
    assertThat(SpreadsheetText.neutralise("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
    assertThat(
            List.of("+1", "-x", "@SUM(A1)", "\tx", "\rx").stream().map(SpreadsheetText::neutralise))
        .allMatch(s -> s.startsWith("'"));
    assertThat(SpreadsheetText.neutralise("keras")).isEqualTo("keras");
    assertThat(SpreadsheetText.neutralise("'quoted")).isEqualTo("'quoted");
    assertThat(SpreadsheetText.neutralise("")).isEmpty();
    assertThat(SpreadsheetText.neutralise(null)).isNull();
    assertThat(SpreadsheetText.restore("'quoted")).isEqualTo("'quoted");
  }

  @Property
  void restoreUndoesNeutralise(@ForAll String text) {
    assertThat(SpreadsheetText.restore(SpreadsheetText.neutralise(text))).isEqualTo(text);
  }
}
