package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void normalisesLikeTheParser() {
    assertThat(
            FileNames.normalise("/usr/local/lib/python3.7/dist-packages/keras/engine/training.py"))
        .isEqualTo("training");
    assertThat(
            FileNames.normalise(
                "C:\\Users\\x\\Anaconda3\\lib\\site-packages\\sklearn\\utils\\validation.py"))
        .isEqualTo("validation");
    assertThat(FileNames.normalise("C:/Users/x/PycharmProjects/p/main.py")).isEqualTo("main");
    assertThat(FileNames.normalise("pandas\\_libs\\index.pyx")).isEqualTo("index");
    assertThat(FileNames.normalise("pandas/_libs/hashtable_class_helper.pxi"))
        .isEqualTo("hashtable_class_helper.pxi");
    assertThat(FileNames.normalise("/x/lib/pyspark.zip/pyspark/ml/base.py")).isEqualTo("base");
    assertThat(FileNames.normalise("<ipython-input-12-3f2a9b1c0d4e>")).isEqualTo("<ipython-input>");
    assertThat(FileNames.normalise("<stdin>")).isEqualTo("<stdin>");
    assertThat(FileNames.normalise("<frozen importlib._bootstrap>"))
        .isEqualTo("<frozen importlib._bootstrap>");
    assertThat(FileNames.normalise("train.py")).isEqualTo("train");
    assertThat(FileNames.normalise("~/anaconda3/lib/python3.7/site-packages/torch/tensor.pyc"))
        .isEqualTo("tensor");
  }

  @Property
  void keepsOnlyTheLastComponentWithoutExtension(
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String dir,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String name) {
    assertThat(FileNames.normalise("/" + dir + "/" + name + ".py")).isEqualTo(name);
    assertThat(FileNames.normalise("C:\\" + dir + "\\" + name + ".pyx")).isEqualTo(name);
    assertThat(FileNames.normalise(dir + "/" + name)).isEqualTo(name);
  }
}
