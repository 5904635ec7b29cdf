package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-thread cryptographic state and scratch buffers of signers and verifiers: one SHA-256, one
 * HMAC-SHA256 that stays keyed with the last signing key it used, and buffers for the canonical
 * request, the string to sign and the header values. Nothing here is shared between threads.
 */
final class Crypto {

  static final String HMAC_SHA256 = "HmacSHA256";

  private static final ThreadLocal<Crypto> LOCAL = ThreadLocal.withInitial(Crypto::new);

  private static final byte[] AWS4 = "AWS4".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AWS4_REQUEST = "aws4_request".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha256;
  private final Mac deriveHmac;

  /** The canonical request. */
  final AsciiBuffer canonical = new AsciiBuffer(1024);

  /** The string to sign. */
  final AsciiBuffer stringToSign = new AsciiBuffer(256);

  /** A header value being assembled. */
  final AsciiBuffer value = new AsciiBuffer(256);

  /** A digest or MAC result. */
  final byte[] digest = new byte[32];

  /** Room for one digest in hex, for the signature a verifier expects. */
  final byte[] hexScratch = new byte[64];

  private Crypto() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
      deriveHmac = Mac.getInstance(HMAC_SHA256);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256 or HmacSHA256", e);
    }
  }

  /** The calling thread's state. */
  static Crypto local() {
    return LOCAL.get();
  }

  /** SHA-256 of {@code data[offset, offset + length)} into {@link #digest}. */
  void sha256(byte[] data, int offset, int length) {
    sha256.update(data, offset, length);
    finish();
  }

  /**
   * HMAC-SHA256 of {@code data[0, length)} under {@code key} into {@link #digest}: SHA-256 of the
   * outer pad and of SHA-256 of the inner pad and the data.
   */
  void hmac(SigningKey key, byte[] data, int length) {
    sha256.update(key.innerPad());
    sha256.update(data, 0, length);
    finish();
    sha256.update(key.outerPad());
    sha256.update(digest, 0, 32);
    finish();
  }

  private void finish() {
    try {
      sha256.digest(digest, 0, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 failed", e);
    }
  }

  /**
   * Derives the signing key {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
   * "aws4_request")}.
   *
   * @param date the UTC date as ASCII {@code yyyyMMdd}
   */
  SigningKey deriveSigningKey(byte[] secret, byte[] date, String region, String service) {
    byte[] first = new byte[AWS4.length + secret.length];
    System.arraycopy(AWS4, 0, first, 0, AWS4.length);
    System.arraycopy(secret, 0, first, AWS4.length, secret.length);
    try {
      byte[] key = step(first, date);
      Arrays.fill(first, (byte) 0);
      key = step(key, region.getBytes(StandardCharsets.UTF_8));
      key = step(key, service.getBytes(StandardCharsets.UTF_8));
      return new SigningKey(step(key, AWS4_REQUEST));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 failed", e);
    }
  }

  private byte[] step(byte[] key, byte[] message) throws GeneralSecurityException {
    deriveHmac.init(new SecretKeySpec(key, HMAC_SHA256));
    return deriveHmac.doFinal(message);
  }
}
