package io.tracemine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracemine.MalformedInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged match index is refused when it is opened, naming the fix, instead of answering with
 * other matches: every single-bit flip and every cut of a real index is tried.
 */
class IndexIntegrityTest {
  @TempDir static Path dir;
  private static byte[] intact;

  @BeforeAll
  static void buildASmallIndex() throws IOException {
    Path file = dir.resolve("intact.tmm");
    SmallKnowledge.random(new Random(7), 6, 12, 30, 20, "keras", "nltk").build(file);
    intact = Files.readAllBytes(file);
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void theIntactIndexOpensAndEveryFlippedBitIsRefusedOnOpen() throws IOException {
    assertThat(KnowledgeIndex.open(write("ok.tmm", intact)).questionCount()).isPositive();
    assertThat(intact.length).isGreaterThan(IndexFormat.HEADER + 1000);
    int refused = 0;
    for (int at = 0; at < intact.length; at++) {
      int firstBit = at < IndexFormat.HEADER ? 0 : at % 8;
      int lastBit = at < IndexFormat.HEADER ? 7 : at % 8;
      for (int bit = firstBit; bit <= lastBit; bit++) {
        byte[] damaged = intact.clone();
        damaged[at] ^= (byte) (1 << bit);
        Path file = write("flipped.tmm", damaged);
        int offset = at;
        assertThatThrownBy(() -> KnowledgeIndex.open(file))
            .as("bit %d of byte %d", bit, offset)
            .isInstanceOf(MalformedInputException.class)
            .hasMessageStartingWith("Cannot read the match index " + file + ": ")
            .message()
            .containsAnyOf("rebuild it with './submit.sh index'", "not a TraceMine match index");
        refused++;
      }
    }
    assertThat(refused).isEqualTo(intact.length + 7 * IndexFormat.HEADER);
  }

  @Test
  void aFlipInASectionNamesTheSection() throws IOException {
    ByteBuffer header = ByteBuffer.wrap(intact).order(ByteOrder.LITTLE_ENDIAN);
    int entry = 16 + IndexFormat.Section.POSTINGS.ordinal() * IndexFormat.SECTION_ENTRY;
    long postingsAt = header.getLong(entry);
    byte[] damaged = intact.clone();
    damaged[(int) postingsAt] ^= 0x10;
    Path file = write("postings.tmm", damaged);
    assertThatThrownBy(() -> KnowledgeIndex.open(file))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read the match index "
                + file
                + ": section POSTINGS fails its checksum; it is damaged: rebuild it with"
                + " './submit.sh index'");
  }

  @Test
  void everyCutOfTheFileIsRefusedAsTruncatedAndExtraBytesAreRefusedToo() throws IOException {
    for (int length = 8; length < intact.length; length++) {
      Path file = write("cut.tmm", Arrays.copyOf(intact, length));
      int cut = length;
      assertThatThrownBy(() -> KnowledgeIndex.open(file))
          .as("cut to %d bytes", cut)
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining("it is truncated (" + cut + " bytes, within ")
          .hasMessageEndingWith("; it is damaged: rebuild it with './submit.sh index'");
    }
    Path longer = write("longer.tmm", Arrays.copyOf(intact, intact.length + 3));
    assertThatThrownBy(() -> KnowledgeIndex.open(longer))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(": it has 3 bytes after its last section; it is damaged");
  }

  @Test
  void anIndexOfAnotherVersionNamesBothVersionsAndTheFix() throws IOException {
    byte[] older = intact.clone();
    ByteBuffer.wrap(older).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1);
    Path file = write("v1.tmm", older);
    assertThatThrownBy(() -> KnowledgeIndex.open(file))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "Cannot read the match index "
                + file
                + ": it has format version 1, this TraceMine reads version 2"
                + " (rebuild it with './submit.sh index')");
  }
}
