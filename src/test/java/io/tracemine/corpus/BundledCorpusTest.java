package io.tracemine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus shipped in src/main/corpus is exactly what the documented command generates. */
class BundledCorpusTest {
  static final Path BUNDLED = Path.of("src/main/corpus");
  static final int QUESTIONS = 3000;
  static final long SEED = 42;

  @TempDir Path dir;

  @Test
  void shippedCorpusEqualsARegeneratedOne() throws IOException {
    GenerateCorpus.write(
        new CorpusGenerator(SEED, CorpusGenerator.DEFAULT_DUPLICATE_RATE),
        QUESTIONS,
        dir,
        GenerateCorpus.Compression.GZIP);
    // compare decompressed bytes: the deflate stream may differ between zlib builds
    assertThat(gunzip(dir.resolve("Posts.xml.gz")))
        .isEqualTo(gunzip(BUNDLED.resolve("Posts.xml.gz")));
    assertThat(gunzip(dir.resolve("planted.jsonl.gz")))
        .isEqualTo(gunzip(BUNDLED.resolve("planted.jsonl.gz")));
    assertThat(gunzip(dir.resolve("PostLinks.xml.gz")))
        .isEqualTo(gunzip(BUNDLED.resolve("PostLinks.xml.gz")));
    for (String plain : new String[] {"runs.jsonl", "duplicates.jsonl"}) {
      assertThat(Files.readAllBytes(dir.resolve(plain)))
          .as(plain)
          .isEqualTo(Files.readAllBytes(BUNDLED.resolve(plain)));
    }
    long total = 0;
    for (String f :
        new String[] {
          "Posts.xml.gz", "planted.jsonl.gz", "PostLinks.xml.gz", "runs.jsonl", "duplicates.jsonl"
        }) {
      total += Files.size(BUNDLED.resolve(f));
    }
    assertThat(total).isLessThan(3L * 1024 * 1024);
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }
}
