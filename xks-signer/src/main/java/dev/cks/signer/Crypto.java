package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The per-thread cryptographic state and scratch buffers of signers and verifiers: one SHA-256,
 * which also computes every HMAC-SHA256, and buffers for the canonical request, the string to sign
 * and the header values. Nothing here is shared between threads.
 */
final class Crypto {

  private static final ThreadLocal<Crypto> LOCAL = ThreadLocal.withInitial(Crypto::new);

  private static final byte[] AWS4 = "AWS4".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AWS4_REQUEST = "aws4_request".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha256;

  /** Scratch space of the key derivation: one HMAC pad, the inner hash, the key so far. */
  private final byte[] pad = new byte[SigningKey.BLOCK];

  private final byte[] inner = new byte[32];
  private final byte[] derived = new byte[32];

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
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
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
   * "aws4_request")}. Each HMAC runs on the plain SHA-256 with pads built in scratch space, which
   * spares the key objects and key schedule a {@code Mac} would set up for one use; the scratch
   * space is wiped afterwards.
   *
   * @param date the UTC date as ASCII {@code yyyyMMdd}
   */
  SigningKey deriveSigningKey(byte[] secret, byte[] date, String region, String service) {
    byte[] first = new byte[AWS4.length + secret.length];
    System.arraycopy(AWS4, 0, first, 0, AWS4.length);
    System.arraycopy(secret, 0, first, AWS4.length, secret.length);
    try {
      step(first, date);
      Arrays.fill(first, (byte) 0);
      step(derived, region.getBytes(StandardCharsets.UTF_8));
      step(derived, service.getBytes(StandardCharsets.UTF_8));
      step(derived, AWS4_REQUEST);
      return new SigningKey(derived);
    } finally {
      Arrays.fill(derived, (byte) 0);
      Arrays.fill(pad, (byte) 0);
    }
  }

  /** HMAC-SHA256 of {@code message} under {@code key} into {@link #derived}. */
  private void step(byte[] key, byte[] message) {
    if (key.length > SigningKey.BLOCK) {
      sha256.update(key);
      finishInto(derived);
      key = derived;
    }
    xorPad(key, 0x36);
    sha256.update(pad);
    sha256.update(message);
    finishInto(inner);
    xorPad(key, 0x5c);
    sha256.update(pad);
    sha256.update(inner);
    finishInto(derived);
  }

  /** Fills {@link #pad} with the key, zero-extended to one block, XOR-ed with {@code value}. */
  private void xorPad(byte[] key, int value) {
    for (int i = 0; i < SigningKey.BLOCK; i++) {
      pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ value);
    }
  }

  private void finishInto(byte[] target) {
    try {
      sha256.digest(target, 0, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 failed", e);
    }
  }
}
