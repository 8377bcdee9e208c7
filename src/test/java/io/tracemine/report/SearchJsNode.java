package io.tracemine.report;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tracemine.extract.html.Block;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The report's {@code search.js} parser run by Node.js ({@code /usr/bin/node}, the Debian {@code
 * nodejs} package that {@code .ci/install-tools} installs; another with {@code -Dsearchjs.node}):
 * one process answers every request, one JSON line each, through {@code
 * src/test/resources/report/search-parse-driver.js}. The script parsed is {@code
 * src/main/resources/report/search.js}, or the file named by the system property {@code
 * searchjs.file} (to measure another version).
 */
final class SearchJsNode implements AutoCloseable {
  static final Path NODE = Path.of(System.getProperty("searchjs.node", "/usr/bin/node"));
  static final Path DRIVER = Path.of("src/test/resources/report/search-parse-driver.js");
  private static final long TIMEOUT_SECONDS = 60;

  // every non-ASCII character escaped, so lone surrogates of generated strings survive the pipe
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final Process process;
  private final Writer in;
  private final BufferedReader out;
  private final Path stderr;
  private final ExecutorService reader = Executors.newSingleThreadExecutor();

  SearchJsNode() throws IOException {
    Path script =
        Path.of(System.getProperty("searchjs.file", "src/main/resources/report/search.js"));
    stderr = Files.createTempFile("search-js-node", ".err");
    process =
        new ProcessBuilder(NODE.toString(), DRIVER.toString(), script.toString())
            .redirectError(stderr.toFile())
            .start();
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static boolean available() {
    return Files.isExecutable(NODE);
  }

  /** The tracebacks search.js finds in {@code text} with {@code profile}, as JSON. */
  JsonNode parse(String text, String profile) throws Exception {
    return ask(Map.of("text", text, "profile", profile), text);
  }

  /** The tracebacks search.js finds in a post's {@code blocks} with {@code profile}, as JSON. */
  JsonNode parseBlocks(List<Block> blocks, String profile) throws Exception {
    List<Map<String, Object>> json = new ArrayList<>();
    for (Block b : blocks) {
      json.add(Map.of("index", b.index(), "kind", b.kind().name(), "text", b.text()));
    }
    return ask(Map.of("blocks", json, "profile", profile), blocks.toString());
  }

  private JsonNode ask(Map<String, Object> request, String input) throws Exception {
    in.write(JSON.writeValueAsString(request));
    in.write('\n');
    in.flush();
    Future<String> line = reader.submit(out::readLine);
    String answer;
    try {
      answer = line.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "search.js did not answer within " + TIMEOUT_SECONDS + " s; input:\n" + input, e);
    }
    if (answer == null) {
      throw new IllegalStateException(
          "node ended: " + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    JsonNode node = JSON.readTree(answer);
    if (node.has("error")) {
      throw new IllegalStateException(
          "search.js threw " + node.get("error").asText() + "\non input:\n" + input);
    }
    return node.get("tracebacks");
  }

  @Override
  public void close() throws IOException {
    reader.shutdownNow();
    in.close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(stderr);
  }
}
