package dev.cks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The cryptographic work of one SigV4 signature, with nothing else around it. */
final class Floor {

  private static final byte[] FIRST_KEY =
      ("AWS4" + XksEncrypt.SECRET).getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATE = "20261203".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REGION = XksEncrypt.REGION.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVICE = XksEncrypt.SERVICE.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TERMINATOR = "aws4_request".getBytes(StandardCharsets.US_ASCII);

  private Floor() {}

  /** SHA-256 of the body, SHA-256 of the canonical request, HMAC of the string to sign. */
  static byte[] sign(MessageDigest sha256, Mac keyedHmac, byte[] digest, byte[] mac)
      throws Exception {
    sha256.update(XksEncrypt.BODY);
    sha256.digest(digest, 0, 32);
    sha256.update(XksEncrypt.CANONICAL_REQUEST);
    sha256.digest(digest, 0, 32);
    keyedHmac.update(XksEncrypt.STRING_TO_SIGN);
    keyedHmac.doFinal(mac, 0);
    return mac;
  }

  /**
   * Derives a signing key with four HMACs on a reused {@code Mac} and keys {@code target} with it.
   */
  static Mac derive(Mac steps, Mac target) throws Exception {
    byte[] key = step(steps, FIRST_KEY, DATE);
    key = step(steps, key, REGION);
    key = step(steps, key, SERVICE);
    key = step(steps, key, TERMINATOR);
    target.init(new SecretKeySpec(key, "HmacSHA256"));
    return target;
  }

  private static byte[] step(Mac mac, byte[] key, byte[] message) throws Exception {
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }
}
