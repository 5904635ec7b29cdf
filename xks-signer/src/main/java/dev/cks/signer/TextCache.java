package dev.cks.signer;

/**
 * A small bounded cache from a pair of strings to bytes derived from them, such as the canonical
 * form of a request path and host. Signers and verifiers meet the same few paths and hosts over and
 * over; looking their canonical bytes up costs two string comparisons and saves scanning and
 * encoding them char by char.
 *
 * <p>It is direct-mapped: the slot comes from the lengths and a few sampled chars of the strings,
 * so finding it never reads a whole string, and a hit is confirmed by comparing both strings in
 * full. A new pair replaces whatever held its slot. Entries are immutable and published without
 * locks, so a racing reader sees a complete entry or none.
 */
final class TextCache {

  private final Entry[] slots;
  private final int mask;

  /** A cache of {@code size} slots; a power of two. */
  TextCache(int size) {
    if (Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two, was " + size);
    }
    this.slots = new Entry[size];
    this.mask = size - 1;
  }

  /** The bytes kept for this pair, or null. */
  byte[] get(String first, String second) {
    Entry entry = slots[slot(first, second)];
    return entry != null && entry.first.equals(first) && entry.second.equals(second)
        ? entry.value
        : null;
  }

  /** Keeps bytes for a pair; the array must not change afterwards. */
  void put(String first, String second, byte[] value) {
    slots[slot(first, second)] = new Entry(first, second, value);
  }

  private int slot(String first, String second) {
    int h = sample(first) * 31 + sample(second);
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 15;
    return h & mask;
  }

  /** Length and four chars spread over the string, the last included. */
  private static int sample(String text) {
    int length = text.length();
    if (length == 0) {
      return 0;
    }
    int h = length;
    h = h * 31 + text.charAt(length - 1);
    h = h * 31 + text.charAt(length >>> 1);
    h = h * 31 + text.charAt(length - 1 - (length >>> 2));
    h = h * 31 + text.charAt(length - 1 - (length >>> 3));
    return h;
  }

  private static final class Entry {
    final String first;
    final String second;
    final byte[] value;

    Entry(String first, String second, byte[] value) {
      this.first = first;
      this.second = second;
      this.value = value;
    }
  }
}
