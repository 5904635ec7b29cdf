package dev.cks.signer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Lower-case hex, eight digits per machine word. Digests and signatures are hex-encoded and checked
 * on every request; doing it a word at a time instead of a byte at a time keeps that work small
 * next to the hashing itself.
 */
final class Hex {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Writes {@code count} bytes of {@code source} as lower-case hex at {@code target[at]}. */
  static void write(byte[] source, int offset, int count, byte[] target, int at) {
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      int word = (int) INT.get(source, offset + i);
      LONG.set(target, at + 2 * i, digits(spread(word)));
    }
    for (; i < count; i++) {
      int b = source[offset + i] & 0xff;
      target[at + 2 * i] = (byte) DIGITS[b >>> 4];
      target[at + 2 * i + 1] = (byte) DIGITS[b & 0xf];
    }
  }

  /** Moves each nibble of four bytes into a byte of its own, the high nibble of each byte first. */
  private static long spread(int word) {
    long x = word & 0xffffffffL;
    x = (x & 0xffff0000L) << 16 | (x & 0xffffL);
    x = (x & 0x0000ff000000ff00L) << 8 | (x & 0x000000ff000000ffL);
    return (x & 0x00f000f000f000f0L) << 4 | (x & 0x000f000f000f000fL);
  }

  /** Turns eight nibble values, one per byte, into their hex digits. */
  private static long digits(long nibbles) {
    long letters = ((nibbles + 0x0606060606060606L) >>> 4) & ONES;
    return nibbles + 0x3030303030303030L + letters * ('a' - '0' - 10);
  }

  /**
   * Whether {@code text[at, at + 64)} is 64 lower-case hex digits; its time does not depend on the
   * digits.
   */
  static boolean isLowerHex64(byte[] text, int at) {
    long invalid = 0;
    for (int i = 0; i < 64; i += 8) {
      long w = (long) LONG.get(text, at + i);
      // With every byte below 0x80, adding (0x80 - n) sets a byte's top bit exactly when it is >=
      // n.
      long digit = (w + 0x5050505050505050L) & ~(w + 0x4646464646464646L);
      long letter = (w + 0x1f1f1f1f1f1f1f1fL) & ~(w + 0x1919191919191919L);
      invalid |= w & HIGH_BITS | ~(digit | letter) & HIGH_BITS;
    }
    return invalid == 0;
  }

  /**
   * Whether the 32 bytes of {@code value}, hex-encoded, equal {@code hex[at, at + 64)}; its time
   * does not depend on where they differ. {@code scratch} must hold 64 bytes.
   */
  static boolean equalsInConstantTime(byte[] value, byte[] hex, int at, byte[] scratch) {
    write(value, 0, 32, scratch, 0);
    long difference = 0;
    for (int i = 0; i < 64; i += 8) {
      difference |= (long) LONG.get(scratch, i) ^ (long) LONG.get(hex, at + i);
    }
    return difference == 0;
  }
}
