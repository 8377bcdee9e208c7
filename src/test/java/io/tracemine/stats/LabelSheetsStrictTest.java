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
