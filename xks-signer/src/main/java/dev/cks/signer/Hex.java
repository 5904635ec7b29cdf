package dev.cks.signer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Lower-case hex, eight digits per machine word. Digests and signatures are hex-encoded and checked
 * on every request; doing it a word at a time instead of a byte at a time keeps that work small
 * next to the hashing itself. No table is looked up by a value, so the time taken does not depend
 * on the bytes encoded or compared: some of them are secret, such as the signature a verifier
 * expects.
 */
final class Hex {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Hex() {}

  /** Writes {@code count} bytes of {@code source} as lower-case hex at {@code target[at]}. */
  static void write(byte[] source, int offset, int count, byte[] target, int at) {
    int i = 0;
    for (; i + 8 <= count; i += 8) {
      long word = (long) LONG.get(source, offset + i);
      LONG.set(target, at + 2 * i, digits(spread((int) (word >>> 32))));
      LONG.set(target, at + 2 * i + 8, digits(spread((int) word)));
    }
    for (; i + 4 <= count; i += 4) {
      LONG.set(target, at + 2 * i, digits(spread((int) INT.get(source, offset + i))));
    }
    for (; i < count; i++) {
      long digits = digits(spread(source[offset + i] & 0xff));
      target[at + 2 * i] = (byte) (digits >>> 8);
      target[at + 2 * i + 1] = (byte) digits;
    }
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
   * Whether {@code text[at, at + 64)} is the lower-case hex of the 32 bytes of {@code value}. Each
   * word of the value is encoded and compared with its eight digits in the same pass, with no
   * scratch space, and the time taken does not depend on where, or whether, they differ.
   */
  static boolean matchesLower64(byte[] value, byte[] text, int at) {
    long difference = 0;
    for (int i = 0; i < 32; i += 8) {
      long word = (long) LONG.get(value, i);
      difference |= digits(spread((int) (word >>> 32))) ^ (long) LONG.get(text, at + 2 * i);
      difference |= digits(spread((int) word)) ^ (long) LONG.get(text, at + 2 * i + 8);
    }
    return difference == 0;
  }

  /** Moves each nibble of four bytes into a byte of its own, the high nibble of each byte first. */
  private static long spread(int word) {
    long x = word & 0xffffffffL;
    x = (x | x << 16) & 0x0000ffff0000ffffL;
    x = (x | x << 8) & 0x00ff00ff00ff00ffL;
    return (x | x << 4) & 0x0f0f0f0f0f0f0f0fL;
  }

  /** Turns eight nibble values, one per byte, into their hex digits. */
  private static long digits(long nibbles) {
    long letters = ((nibbles + 0x0606060606060606L) >>> 4) & ONES;
    return nibbles + 0x3030303030303030L + letters * ('a' - '0' - 10);
  }
}
