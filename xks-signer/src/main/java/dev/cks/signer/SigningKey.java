package dev.cks.signer;

import javax.crypto.spec.SecretKeySpec;

/**
 * A derived SigV4 signing key for one (secret, date, region, service), ready to key an HMAC. The
 * object's identity tells a thread's HMAC whether it is already keyed with it.
 */
final class SigningKey {

  private final SecretKeySpec spec;

  SigningKey(byte[] key) {
    this.spec = new SecretKeySpec(key, Crypto.HMAC_SHA256);
  }

  SecretKeySpec spec() {
    return spec;
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "SigningKey[redacted]";
  }
}
