package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for canonical requests and strings to sign. Text that is known to be ASCII
 * is written by narrowing each char; anything else goes through {@link #appendUtf8(CharSequence,
 * int, int)}.
 */
final class AsciiBuffer {

  /** Above this capacity a buffer is not kept between requests, so one huge request costs once. */
  private static final int RETAINED_CAPACITY = 16 * 1024;

  private final int initialCapacity;
  byte[] bytes;
  int length;

  AsciiBuffer(int initialCapacity) {
    this.initialCapacity = initialCapacity;
    this.bytes = new byte[initialCapacity];
  }

  /** Empties the buffer, dropping a storage array that grew past the retained capacity. */
  AsciiBuffer clear() {
    if (bytes.length > RETAINED_CAPACITY) {
      bytes = new byte[initialCapacity];
    }
    length = 0;
    return this;
  }

  void ensure(int extra) {
    int needed = length + extra;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  AsciiBuffer append(byte b) {
    ensure(1);
    bytes[length++] = b;
    return this;
  }

  AsciiBuffer append(byte[] source) {
    return append(source, 0, source.length);
  }

  AsciiBuffer append(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
    return this;
  }

  /** Appends text whose chars are all below 0x80. */
  AsciiBuffer appendAscii(String text) {
    return appendAscii(text, 0, text.length());
  }

  /** Appends {@code text[from, to)} whose chars are all below 0x80. */
  AsciiBuffer appendAscii(CharSequence text, int from, int to) {
    int count = to - from;
    ensure(count);
    byte[] b = bytes;
    int n = length;
    for (int i = from; i < to; i++) {
      b[n++] = (byte) text.charAt(i);
    }
    length = n;
    return this;
  }

  /** Appends {@code text[from, to)} as UTF-8; an unpaired surrogate becomes {@code ?}. */
  AsciiBuffer appendUtf8(CharSequence text, int from, int to) {
    ensure((to - from) * 3);
    byte[] b = bytes;
    int n = length;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        b[n++] = (byte) c;
      } else if (c < 0x800) {
        b[n++] = (byte) (0xc0 | (c >> 6));
        b[n++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        b[n++] = (byte) (0xf0 | (cp >> 18));
        b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[n++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        b[n++] = '?';
      } else {
        b[n++] = (byte) (0xe0 | (c >> 12));
        b[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[n++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    length = n;
    return this;
  }

  /** Appends {@code count} bytes of {@code source} as lower-case hex. */
  AsciiBuffer appendHex(byte[] source, int offset, int count) {
    ensure(count * 2);
    writeHex(source, offset, count, bytes, length);
    length += count * 2;
    return this;
  }

  /** Writes {@code count} bytes of {@code source} as lower-case hex at {@code target[at]}. */
  static void writeHex(byte[] source, int offset, int count, byte[] target, int at) {
    Hex.write(source, offset, count, target, at);
  }

  /** The contents as a Latin-1 string, which for ASCII contents is the text itself. */
  String toLatin1String() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
