package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GroundTruthJsonTest {
  @Test
  void writesAPlantedTraceAsOneJsonLine() {
    PlantedTrace t = new PlantedTrace(1000010, 2, "pre", 1, "cpython", "chained", "windows", "KeyError", "'a\"b'\n\tc",
        List.of(new PlantedFrame("C:\\x\\train.py", "train", 3, "<module>"), new PlantedFrame("pandas/_libs/index.pyx", "index", null, "f")),
        0, "cause", List.of("scikit-learn"), List.of(new RunOccurrence(7, 1)), "python", null, null);
    assertThat(GroundTruthJson.trace(t)).isEqualTo(
        "{\"question_id\":1000010,\"block_index\":2,\"block_kind\":\"pre\",\"position\":1,\"format\":\"cpython\","
            + "\"variant\":\"chained\",\"os\":\"windows\",\"exception_type\":\"KeyError\",\"message\":\"'a\\\"b'\\n\\tc\","
            + "\"chained_from\":0,\"chain_kind\":\"cause\",\"libraries\":[\"scikit-learn\"],"
            + "\"language\":\"python\",\"parent_position\":null,\"common_frames_omitted\":null,\"frames\":["
            + "{\"raw_path\":\"C:\\\\x\\\\train.py\",\"file\":\"train\",\"line\":3,\"function\":\"<module>\"},"
            + "{\"raw_path\":\"pandas/_libs/index.pyx\",\"file\":\"index\",\"line\":null,\"function\":\"f\"}],"
            + "\"runs\":[{\"run_id\":7,\"start\":1}]}");
  }

  @Test
  void writesARun() {
    PlantedRun r = new PlantedRun(3, "x.y", List.of("keras", "tensorflow"), List.of(new RunItem("training", "fit")));
    assertThat(GroundTruthJson.run(r, 12)).isEqualTo(
        "{\"run_id\":3,\"name\":\"x.y\",\"libraries\":[\"keras\",\"tensorflow\"],\"items\":[{\"file\":\"training\",\"function\":\"fit\"}],\"planted_traces\":12}");
  }

  @Property
  void stringLiteralsDecodeBackToTheOriginal(@ForAll String s) {
    StringBuilder sb = new StringBuilder();
    GroundTruthJson.str(sb, s);
    assertThat(decode(sb.toString())).isEqualTo(s);
  }

  /** Oracle: a minimal RFC 8259 string decoder that rejects raw control characters. */
  private static String decode(String literal) {
    assertThat(literal).startsWith("\"").endsWith("\"");
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      assertThat((int) c).isGreaterThanOrEqualTo(0x20);
      if (c == '"') {
        throw new AssertionError("unescaped quote at " + i);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = literal.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '"', '\\', '/' -> out.append(e);
        case 'u' -> {
          out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new AssertionError("bad escape " + e);
      }
    }
    return out.toString();
  }
}
