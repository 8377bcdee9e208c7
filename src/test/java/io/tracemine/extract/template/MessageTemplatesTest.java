package io.tracemine.extract.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplatesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Found array with dim 4. Estimator expected <= 2. | Found array with dim <NUM>. Estimator expected <= <NUM>.
          X has 23 features per sample; expecting 24 | X has <NUM> features per sample; expecting <NUM>
          'KMeans' object has no attribute '_n_threads' | <STR> object has no attribute <STR>
          can't pickle _thread.lock objects | can't pickle _thread.lock objects
          Expected 2D array, got 1D array instead: | Expected 2D array, got 1D array instead:
          Cannot feed value of shape (100, 784) for Tensor 'x:0', which has shape '(?, 28, 28, 1)' | Cannot feed value of shape <SHAPE> for Tensor <STR>, which has shape <SHAPE>
          Found arrays with inconsistent numbers of samples: [  1 343] | Found arrays with inconsistent numbers of samples: <SHAPE>
          Got tensor.size() = torch.Size([1800, 800]). | Got tensor.size() = torch.Size(<SHAPE>).
          learning rate 1e-5 too small, use 0.001 | learning rate <NUM> too small, use <NUM>
          object at 0x7f72a1b2c3d0 is gone | object at <HEX> is gone
          checkpoint a1b2c3d4e5f6a7b8 missing | checkpoint <HEX> missing
          Unable to open file /tmp/model_3.h5 now | Unable to open file <PATH> now
          No such file: 'C:\\Users\\me\\data.csv' | No such file: <PATH>
          see https://www.tensorflow.org/install/errors for help | see <URL> for help
          Shapes () and (562500,) are not compatible | Shapes <SHAPE> and <SHAPE> are not compatible
          dtype float32 vs float64 on cuda:0 | dtype float32 vs float64 on cuda:<NUM>
          a   b\t\tc | a b c
          """)
  void replacesVariableParts(String message, String expected) {
    assertThat(MessageTemplates.template(message.replace("\\t", "\t")))
        .isEqualTo(expected.replace("\\\\", "\\"));
  }

  @Test
  void sameErrorWithOtherValuesSharesATemplate() {
    assertThat(
            MessageTemplates.template(
                "Error when checking input: expected dense_1_input to have shape (None, 784) but"
                    + " got array with shape (60000, 28, 28)"))
        .isEqualTo(
            MessageTemplates.template(
                "Error when checking input: expected dense_1_input to have shape (None, 10) but got"
                    + " array with shape (32, 5)"));
    assertThat(MessageTemplates.template("'list' object has no attribute 'shape'"))
        .isEqualTo(MessageTemplates.template("'Tensor' object has no attribute 'numpy'"));
    assertThat(MessageTemplates.template("CUDA out of memory. Tried to allocate 132.00 MiB"))
        .isEqualTo(MessageTemplates.template("CUDA out of memory. Tried to allocate 2.5 MiB"));
    assertThat(MessageTemplates.template("No module named 'tensorflow.contrib'"))
        .isEqualTo(MessageTemplates.template("No module named \"keras\""));
  }

  @Test
  void differentErrorsKeepDifferentTemplates() {
    assertThat(MessageTemplates.template("'list' object has no attribute 'shape'"))
        .isNotEqualTo(MessageTemplates.template("'list' object is not callable"));
    assertThat(MessageTemplates.template("Expected 2D array, got 1D array instead"))
        .isNotEqualTo(MessageTemplates.template("Expected 3D array, got 2D array instead"));
    assertThat(MessageTemplates.template("No module named 'x'"))
        .isNotEqualTo(MessageTemplates.template("cannot import name 'x'"));
  }

  @Test
  void nullStaysNull() {
    assertThat(MessageTemplates.template(null)).isNull();
    assertThat(MessageTemplates.template("")).isEmpty();
  }

  @Test
  void linearOnAdversarialInput() {
    String[] seeds = {"'a", "(", "[1 ", "/a", "0x", "1e", "' ", "a/"};
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (String seed : seeds) {
            String big = seed.repeat(2_000_000 / seed.length());
            assertThat(MessageTemplates.template(big)).isNotNull();
          }
        });
  }

  @Property(tries = 300)
  void deterministicAndIdempotentOnPlaceholders(@ForAll String message) {
    String t = MessageTemplates.template(message);
    assertThat(MessageTemplates.template(message)).isEqualTo(t);
    assertThat(t).doesNotContain("  ");
    assertThat(t).isEqualTo(t.strip());
  }

  @Property(tries = 300)
  void numbersNeverSurviveAsStandaloneTokens(@ForAll("ints") int a, @ForAll("ints") int b) {
    assertThat(MessageTemplates.template("got " + a + " expected " + b))
        .isEqualTo("got <NUM> expected <NUM>");
    assertThat(MessageTemplates.template("shape [" + a + ", " + b + "] bad"))
        .isEqualTo("shape <SHAPE> bad");
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> ints() {
    return net.jqwik.api.Arbitraries.integers().between(-100000, 100000);
  }
}
