package dev.cks.signer;

/**
 * A derived SigV4 signing key for one (secret, date, region, service), kept in the form HMAC-SHA256
 * uses it: the key XOR-ed with the inner pad, then the key XOR-ed with the outer pad, each one
 * SHA-256 block long, in one array. An HMAC under this key is then two plain SHA-256 runs with no
 * key schedule and no allocation.
 */
final class SigningKey {

  static final int BLOCK = 64;

  /** The inner pad block, then the outer pad block. */
  private final byte[] pads = new byte[2 * BLOCK];

  /** A signing key from the 32 bytes the derivation gives. */
  SigningKey(byte[] key) {
    if (key.length > BLOCK) {
      throw new IllegalArgumentException("a signing key is at most 64 bytes, was " + key.length);
    }
    Crypto.xorPad(key, 0x36, pads, 0);
    Crypto.xorPad(key, 0x5c, pads, BLOCK);
  }

  /** The inner pad block at {@code [0, 64)} and the outer pad block at {@code [64, 128)}. */
  byte[] pads() {
    return pads;
  }

  /** The first {@code length} bytes of the key itself, recovered from the inner pad. */
  byte[] keyBytes(int length) {
    byte[] key = new byte[length];
    for (int i = 0; i < length; i++) {
      key[i] = (byte) (pads[i] ^ 0x36);
    }
    return key;
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "SigningKey[redacted]";
  }
}
