package io.tracemine.mine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * The distinct (file, function) items of a {@link TraceChunk}, numbered 0, 1, … in order of first
 * appearance. An item is looked up by the UTF-8 bytes of its file and function wherever they lie
 * (Spark's row memory or a byte array), so a lookup allocates nothing: only a new item's bytes are
 * copied (open addressing, linear probing).
 */
final class ItemTable {
  private static final int SEED = 42;

  /** Item i's file bytes, then its function bytes, from {@code from[i]}. */
  private byte[] bytes = new byte[8 * 1024];

  private int used;
  private int[] from = new int[256];
  private int[] fileLength = new int[256];
  private int[] functionLength = new int[256];
  private int[] hashes = new int[256];
  private int size;

  /** item + 1 per slot, 0 when empty; a power of two, at most half full. */
  private int[] slots = new int[512];

  int size() {
    return size;
  }

  /**
   * The id of the item (file, function), added if new; each is given as (base object, offset,
   * length) in {@link Platform}'s addressing.
   */
  int idOf(
      Object fileBase,
      long fileOffset,
      int fileBytes,
      Object functionBase,
      long functionOffset,
      int functionBytes) {
    int h =
        Murmur3_x86_32.hashUnsafeBytes(
            functionBase,
            functionOffset,
            functionBytes,
            Murmur3_x86_32.hashUnsafeBytes(fileBase, fileOffset, fileBytes, SEED));
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int item = slots[s] - 1;
      if (item < 0) {
        item = add(h, fileBase, fileOffset, fileBytes, functionBase, functionOffset, functionBytes);
        slots[s] = item + 1;
        if (2 * size > slots.length) {
          rehash();
        }
        return item;
      }
      if (hashes[item] == h
          && fileLength[item] == fileBytes
          && functionLength[item] == functionBytes
          && ByteArrayMethods.arrayEquals(
              fileBase, fileOffset, bytes, Platform.BYTE_ARRAY_OFFSET + from[item], fileBytes)
          && ByteArrayMethods.arrayEquals(
              functionBase,
              functionOffset,
              bytes,
              Platform.BYTE_ARRAY_OFFSET + from[item] + fileBytes,
              functionBytes)) {
        return item;
      }
    }
  }

  /** The id of (file, function) given as byte arrays, added if new. */
  int idOf(byte[] file, byte[] function) {
    return idOf(
        file,
        Platform.BYTE_ARRAY_OFFSET,
        file.length,
        function,
        Platform.BYTE_ARRAY_OFFSET,
        function.length);
  }

  String file(int item) {
    return new String(bytes, from[item], fileLength[item], StandardCharsets.UTF_8);
  }

  String function(int item) {
    return new String(
        bytes, from[item] + fileLength[item], functionLength[item], StandardCharsets.UTF_8);
  }

  private int add(
      int hash,
      Object fileBase,
      long fileOffset,
      int fileBytes,
      Object functionBase,
      long functionOffset,
      int functionBytes) {
    if (size == from.length) {
      int n = 2 * size;
      from = Arrays.copyOf(from, n);
      fileLength = Arrays.copyOf(fileLength, n);
      functionLength = Arrays.copyOf(functionLength, n);
      hashes = Arrays.copyOf(hashes, n);
    }
    int need = Math.addExact(Math.addExact(used, fileBytes), functionBytes);
    if (need > bytes.length) {
      bytes =
          Arrays.copyOf(bytes, Math.max(need, (int) Math.min(Integer.MAX_VALUE - 8, 2L * need)));
    }
    Platform.copyMemory(fileBase, fileOffset, bytes, Platform.BYTE_ARRAY_OFFSET + used, fileBytes);
    Platform.copyMemory(
        functionBase,
        functionOffset,
        bytes,
        Platform.BYTE_ARRAY_OFFSET + used + fileBytes,
        functionBytes);
    from[size] = used;
    fileLength[size] = fileBytes;
    functionLength[size] = functionBytes;
    hashes[size] = hash;
    used = need;
    return size++;
  }

  private void rehash() {
    slots = new int[2 * slots.length];
    int mask = slots.length - 1;
    for (int item = 0; item < size; item++) {
      int s = hashes[item] & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = item + 1;
    }
  }
}
