package io.tracemine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** {@link Utf8#firstInvalidByte} against the JDK's strict decoder. */
class Utf8Test {
  /** The offset where the JDK's strict UTF-8 decoder stops on a malformed byte, or -1. */
  static int strictDecoderMalformedAt(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
    CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : -1;
  }

  @Property(tries = 2000)
  void theValidatorFindsTheSameByteAsTheStrictDecoder(@ForAll @Size(max = 24) byte[] bytes) {
    assertThat(Utf8.firstInvalidByte(bytes)).isEqualTo(strictDecoderMalformedAt(bytes));
  }

  /** Random bytes are nearly always invalid early; these are mostly valid text with a few flips. */
  @Test
  void mostlyValidTextWithRareDamageAgreesWithTheStrictDecoder() {
    Random random = new Random(24);
    int invalid = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i >= 0; i--) {
        int kind = random.nextInt(4);
        text.appendCodePoint(
            switch (kind) {
              case 0 -> 0x20 + random.nextInt(0x5f);
              case 1 -> 0x80 + random.nextInt(0x780);
              case 2 -> 0x800 + random.nextInt(0xd000 - 0x800);
              default -> 0x10000 + random.nextInt(0x100000);
            });
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0 && random.nextInt(3) == 0) {
        int at = random.nextInt(bytes.length);
        bytes[at] = (byte) (0x80 + random.nextInt(0x80));
      }
      if (bytes.length > 0 && random.nextInt(5) == 0) {
        bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      int expected = strictDecoderMalformedAt(bytes);
      invalid += expected >= 0 ? 1 : 0;
      assertThat(Utf8.firstInvalidByte(bytes)).as(Utf8.hex(bytes, 0, 64)).isEqualTo(expected);
    }
    assertThat(invalid).isBetween(2_000, 18_000); // both outcomes well represented
  }

  @Test
  void boundariesOfTheTable() {
    assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xc0, (byte) 0x80})).isEqualTo(1);
    assertThat(Utf8.firstInvalidByte(hex("e0a080"))).isEqualTo(-1); // U+0800, the first 3-byte
    assertThat(Utf8.firstInvalidByte(hex("e09f80"))).isZero(); // overlong
    assertThat(Utf8.firstInvalidByte(hex("ed9fbf"))).isEqualTo(-1); // U+D7FF
    assertThat(Utf8.firstInvalidByte(hex("eda080"))).isZero(); // a surrogate
    assertThat(Utf8.firstInvalidByte(hex("f48fbfbf"))).isEqualTo(-1); // U+10FFFF
    assertThat(Utf8.firstInvalidByte(hex("f4908080"))).isZero(); // above it
    assertThat(Utf8.firstInvalidByte(hex("41f09f98"))).isEqualTo(1); // cut off at the end
    assertThat(Utf8.firstInvalidByte(hex("efbfbd"))).isEqualTo(-1); // U+FFFD itself is valid
  }

  private static byte[] hex(String h) {
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  /** A value inside a larger array, as Spark's vectors hold strings, is checked in place. */
  @Property(tries = 1000)
  void aRangeOfALargerArrayIsCheckedAsItsOwnBytes(
      @ForAll @Size(max = 24) byte[] bytes,
      @ForAll @Size(max = 6) byte[] before,
      @ForAll @Size(max = 6) byte[] after) {
    byte[] buffer = new byte[before.length + bytes.length + after.length];
    System.arraycopy(before, 0, buffer, 0, before.length);
    System.arraycopy(bytes, 0, buffer, before.length, bytes.length);
    System.arraycopy(after, 0, buffer, before.length + bytes.length, after.length);

    assertThat(Utf8.firstInvalidByte(buffer, before.length, bytes.length))
        .isEqualTo(strictDecoderMalformedAt(bytes));
    UTF8String stored = UTF8String.fromBytes(buffer, before.length, bytes.length);
    String detail = InvalidUtf8Columns.detail("Body", stored);
    if (strictDecoderMalformedAt(bytes) < 0) {
      assertThat(detail).isNull();
    } else {
      assertThat(detail)
          .startsWith(
              "column 'Body': malformed byte sequence at byte "
                  + strictDecoderMalformedAt(bytes)
                  + " ("
                  + Utf8.hex(bytes, strictDecoderMalformedAt(bytes), 4)
                  + ")");
    }
  }

  @Test
  void theFirstInvalidColumnIsNamedInTheOrderTitleTagsBody() {
    UTF8String valid = UTF8String.fromBytes(hex("41"));
    assertThat(InvalidUtf8Columns.firstInvalid(valid, null, UTF8String.fromBytes(hex("42"))))
        .isNull();
    assertThat(InvalidUtf8Columns.firstInvalid(null, null, null)).isNull();
    assertThat(
            InvalidUtf8Columns.firstInvalid(valid, null, UTF8String.fromBytes(hex("42c3")))
                .toString())
        .isEqualTo("column 'Body': malformed byte sequence at byte 1 (c3) of: B\uFFFD");
    assertThat(
            InvalidUtf8Columns.firstInvalid(
                    valid, UTF8String.fromBytes(hex("ff")), UTF8String.fromBytes(hex("42c3")))
                .toString())
        .startsWith("column 'Tags': malformed byte sequence at byte 0 (ff)");
  }
}
