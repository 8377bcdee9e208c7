package io.tracemine.extract.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Templates of the 13,789 real messages of {@code ghadesi/Drain3-master
 * examples/final_pure_text.csv} (Stack Overflow, CC BY-SA), shipped gzipped in
 * src/test/resources/realdata; prints the figures quoted in {@code docs/EXTRACT.md}.
 */
class MessageTemplatesRealDataTest {
  /** See src/test/resources/realdata/ATTRIBUTION.md. */
  private static final Path MESSAGES =
      Path.of("src/test/resources/realdata/drain3-final_pure_text.csv.gz");

  @Test
  void groupsRealMessagesIntoFewerTemplates() throws IOException {
    List<String> messages;
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(MESSAGES))) {
      messages = messages(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Map<String, Integer> groups = new HashMap<>();
    Set<String> distinctMessages = new HashSet<>();
    long start = System.nanoTime();
    for (String m : messages) {
      distinctMessages.add(m);
      groups.merge(MessageTemplates.template(m), 1, Integer::sum);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<Map.Entry<String, Integer>> top = new ArrayList<>(groups.entrySet());
    top.sort(
        Map.Entry.<String, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    System.out.printf(
        "messages=%d distinctMessages=%d templates=%d (%d ms)%n",
        messages.size(), distinctMessages.size(), groups.size(), millis);
    for (Map.Entry<String, Integer> e : top.subList(0, 10)) {
      System.out.printf("%6d  %s%n", e.getValue(), e.getKey());
    }
    assertThat(messages).hasSize(13_789);
    assertThat(groups.size()).isLessThan(distinctMessages.size() * 9 / 10);
    assertThat(top.get(0).getKey()).isEqualTo("<STR> object has no attribute <STR>");
  }

  /** Second field of each {@code PostId,message} row (RFC-4180 quoting), empty messages kept. */
  static List<String> messages(String csv) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = csv.length();
    while (i < n) {
      int comma = csv.indexOf(',', i);
      if (comma < 0) {
        break;
      }
      StringBuilder field = new StringBuilder();
      int j = comma + 1;
      if (j < n && csv.charAt(j) == '"') {
        j++;
        while (j < n) {
          char c = csv.charAt(j);
          if (c == '"' && j + 1 < n && csv.charAt(j + 1) == '"') {
            field.append('"');
            j += 2;
          } else if (c == '"') {
            j++;
            break;
          } else {
            field.append(c);
            j++;
          }
        }
        while (j < n && csv.charAt(j) != '\n') {
          j++;
        }
      } else {
        int nl = csv.indexOf('\n', j);
        int end = nl < 0 ? n : nl;
        field.append(csv, j, end > j && csv.charAt(end - 1) == '\r' ? end - 1 : end);
        j = end;
      }
      out.add(field.toString());
      i = j + 1;
    }
    return out;
  }
}
