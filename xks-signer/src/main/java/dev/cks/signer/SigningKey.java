package dev.cks.signer;

/**
 * A derived SigV4 signing key for one (secret, date, region, service), kept in the form HMAC-SHA256
 * uses it: the key XOR-ed with the inner and with the outer pad, each one SHA-256 block long. An
 * HMAC under this key is then two plain SHA-256 runs with no key schedule and no allocation.
 */
final class SigningKey {

  static final int BLOCK = 64;

  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];

  /** A signing key from the 32 bytes the derivation gives. */
  SigningKey(byte[] key) {
    if (key.length > BLOCK) {
      throw new IllegalArgumentException("a signing key is at most 64 bytes, was " + key.length);
    }
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < key.length ? key[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  byte[] innerPad() {
    return innerPad;
  }

  byte[] outerPad() {
    return outerPad;
  }

  /** The first {@code length} bytes of the key itself, recovered from the inner pad. */
  byte[] keyBytes(int length) {
    byte[] key = new byte[length];
    for (int i = 0; i < length; i++) {
      key[i] = (byte) (innerPad[i] ^ 0x36);
    }
    return key;
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "SigningKey[redacted]";
  }
}
