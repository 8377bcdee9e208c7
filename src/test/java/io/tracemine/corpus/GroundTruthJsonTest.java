package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GroundTruthJsonTest {
  @Test
  void writesAPlantedTraceAsOneJsonLine() {
    PlantedTrace t =
        new PlantedTrace(
            1000010,
            2,
            "pre",
            1,
            "cpython",
            "chained",
            "windows",
            "KeyError",
            "'a\"b'\n\tc",
            List.of(
                new PlantedFrame("C:\\x\\train.py", "train", 3, "<module>"),
                new PlantedFrame("pandas/_libs/index.pyx", "index", null, "f")),
            0,
            "cause",
            List.of("scikit-learn"),
            List.of(new RunOccurrence(7, 1)),
            "python",
            null,
            null);
    String expected =
        """
        {"question_id":1000010,"block_index":2,"block_kind":"pre","position":1,"format":"cpython",\
        "variant":"chained","os":"windows","exception_type":"KeyError","message":"'a\\"b'\\n\\tc",\
        "chained_from":0,"chain_kind":"cause","libraries":["scikit-learn"],"language":"python",\
        "parent_position":null,"common_frames_omitted":null,"frames":[\
        {"raw_path":"C:\\\\x\\\\train.py","file":"train","line":3,"function":"<module>"},\
        {"raw_path":"pandas/_libs/index.pyx","file":"index","line":null,"function":"f"}],\
        "runs":[{"run_id":7,"start":1}]}\
        """;
    assertThat(GroundTruthJson.trace(t)).isEqualTo(expected);
  }

  @Test
  void writesARun() {
    PlantedRun r =
        new PlantedRun(
            3, "x.y", List.of("keras", "tensorflow"), List.of(new RunItem("training", "fit")));
    assertThat(GroundTruthJson.run(r, 12))
        .isEqualTo(
            "{\"run_id\":3,\"name\":\"x.y\",\"libraries\":[\"keras\",\"tensorflow\"],\"items\":[{\"file\":\"training\",\"function\":\"fit\"}],\"planted_traces\":12}");
  }

  @Property
  void anyMessageStaysOnOneLineAndReadsBackUnchanged(@ForAll String message) throws Exception {
    PlantedTrace t =
        new PlantedTrace(
            1,
            0,
            "pre",
            0,
            "cpython",
            "plain",
            "unix",
            "ValueError",
            message,
            List.of(new PlantedFrame("a.py", "a", 1, "f")),
            null,
            null,
            List.of("keras"),
            List.of(),
            "python",
            null,
            null);
    String line = GroundTruthJson.trace(t);
    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(new ObjectMapper().readTree(line).get("message").asText()).isEqualTo(message);
  }
}
