package io.tracemine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Display rounding as documented in {@link Format}. */
class FormatTest {
  @Test
  void aCountOfOneTakesTheSingular() {
    assertThat(Format.count(1, "instance", "instances")).isEqualTo("1 instance");
    assertThat(Format.count(0, "instance", "instances")).isEqualTo("0 instances");
    assertThat(Format.count(2000, "instance", "instances")).isEqualTo("2,000 instances");
  }

  @Test
  void roundsByColumnKind() {
    assertThat(Format.cell("with_trace_pct", 33.333333333333336)).isEqualTo("33.3");
    assertThat(Format.cell("with_trace_pct", 0.05)).isEqualTo("0.1");
    assertThat(Format.cell("views_p", 0.00099)).isEqualTo("<0.001");
    assertThat(Format.cell("views_p", 0.001)).isEqualTo("0.001");
    assertThat(Format.cell("accepted_p", 0.08326451666355017)).isEqualTo("0.083");
    assertThat(Format.cell("words_z", -6.95651)).isEqualTo("-6.957");
    assertThat(Format.cell("krippendorff_alpha", 0.8851)).isEqualTo("0.885");
    assertThat(Format.cell("accepted_ratio_trace", 2.0 / 3)).isEqualTo("0.667");
    assertThat(Format.cell("words_median_trace", 27.0)).isEqualTo("27");
    assertThat(Format.cell("words_median_trace", 25.5)).isEqualTo("25.5");
    assertThat(Format.cell("views_u", 156825.5)).isEqualTo("156,825.5");
    assertThat(Format.cell("hours", 1.005)).isEqualTo("1.01");
    assertThat(Format.cell("hours", -0.001)).isEqualTo("0");
    assertThat(Format.cell("questions", 1234567L)).isEqualTo("1,234,567");
    assertThat(Format.cell("questions", 7)).isEqualTo("7");
    assertThat(Format.cell("x", null)).isEqualTo("\u2014");
    assertThat(Format.cell("x_pct", Double.NaN)).isEqualTo("NaN");
    assertThat(Format.cell("x", Double.POSITIVE_INFINITY)).isEqualTo("\u221e");
    assertThat(Format.cell("views_mark", "***")).isEqualTo("***");
  }

  @Test
  void paperDigitsAreTruncatedTowardZeroAsTheStudyPrinted() {
    Format.Digits paper = Format.Digits.TRUNCATED;
    assertThat(Format.cell("accepted_answer_hours_median_trace", 3.9633, paper)).isEqualTo("3.96");
    assertThat(Format.cell("first_answer_hours_median_trace", 2.3983, paper)).isEqualTo("2.39");
    assertThat(Format.cell("words_z", -2.3983, paper)).isEqualTo("-2.39");
    assertThat(Format.cell("words_z", -0.004, paper)).isEqualTo("0.00");
    assertThat(Format.cell("questions_covered_pct", 91.4599999, paper)).isEqualTo("91.45");
    assertThat(Format.cell("accepted_ratio_trace", 1810.0 / 5436, paper)).isEqualTo("0.33");
    assertThat(Format.cell("words_median_trace", 2.3, paper)).isEqualTo("2.30");
    assertThat(Format.cell("words_median_trace", 27.0, paper)).isEqualTo("27.00");
    assertThat(Format.cell("views_u", 156825.559, paper)).isEqualTo("156,825.55");
    assertThat(Format.cell("views_p", 0.04999, paper)).isEqualTo("0.049");
    assertThat(Format.cell("views_p", 0.00099, paper)).isEqualTo("<0.001");
    assertThat(Format.cell("questions", 1234567L, paper)).isEqualTo("1,234,567");
    assertThat(Format.cell("x", null, paper)).isEqualTo("\u2014");
    assertThat(Format.cell("x", Double.NaN, paper)).isEqualTo("NaN");
    assertThat(Format.cell("views_mark", "***", paper)).isEqualTo("***");
    // the rounded style is unchanged
    assertThat(Format.cell("accepted_answer_hours_median_trace", 3.9663)).isEqualTo("3.97");
  }

  @Property
  void truncatedDecimalsHaveTwoDigitsAndNeverMoveAwayFromZero(
      @ForAll @DoubleRange(min = -1e9, max = 1e9) double v) {
    String s = Format.cell("median", v, Format.Digits.TRUNCATED);
    assertThat(s).matches("-?[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}");
    double shown = Double.parseDouble(s.replace(",", ""));
    BigDecimal exact = new BigDecimal(Double.toString(v));
    assertThat(new BigDecimal(s.replace(",", "")).abs()).isLessThanOrEqualTo(exact.abs());
    assertThat(Math.abs(shown - v)).isLessThan(0.01 + 1e-6);
    assertThat(shown == 0 || Math.signum(shown) == Math.signum(v)).isTrue();
  }

  @Property
  void percentagesHaveOneDecimalAndAreWithinHalfATenth(
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
    String s = Format.cell("x_pct", v);
    assertThat(s).matches("-?[0-9]+\\.[0-9]");
    assertThat(Math.abs(Double.parseDouble(s) - v)).isLessThanOrEqualTo(0.05 + 1e-9);
    assertThat(s)
        .isEqualTo(
            new BigDecimal(Double.toString(v))
                .setScale(1, RoundingMode.HALF_UP)
                .toPlainString()
                .replaceFirst("^-(0\\.0)$", "$1"));
  }

  @Property
  void otherDecimalsKeepAtMostTwoDecimalsAndParseBackWithinHalfAHundredth(
      @ForAll @DoubleRange(min = -1e9, max = 1e9) double v) {
    String s = Format.cell("median", v);
    assertThat(s).matches("-?[0-9]{1,3}(,[0-9]{3})*(\\.[0-9]{1,2})?");
    assertThat(Math.abs(Double.parseDouble(s.replace(",", "")) - v))
        .isLessThanOrEqualTo(0.005 + 1e-6);
  }

  @Property
  void pValuesAreThreeDecimalsOrBelowAThousandth(@ForAll @DoubleRange(min = 0, max = 1) double p) {
    String s = Format.cell("words_p", p);
    if (p < 0.001) {
      assertThat(s).isEqualTo("<0.001");
    } else {
      assertThat(s).matches("[01]\\.[0-9]{3}");
      assertThat(Math.abs(Double.parseDouble(s) - p)).isLessThanOrEqualTo(0.0005 + 1e-12);
    }
  }

  @Property
  void integersUseThousandsSeparators(
      @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long v) {
    String s = Format.cell("n", v);
    assertThat(Long.parseLong(s.replace(",", ""))).isEqualTo(v);
    assertThat(s).matches("-?[0-9]{1,3}(,[0-9]{3})*");
  }
}
