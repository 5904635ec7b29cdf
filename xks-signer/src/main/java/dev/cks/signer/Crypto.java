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
  private static final byte[] NOTHING = new byte[0];

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

  /**
   * HMAC-SHA256 of {@code data[0, length)} under {@code key} into {@link #digest}: SHA-256 of the
   * outer pad and of SHA-256 of the inner pad and the data.
   */
  void hmac(SigningKey key, byte[] data, int length) {
    byte[] pads = key.pads();
    sha256.update(pads, 0, SigningKey.BLOCK);
    sha256.update(data, 0, length);
    finishInto(digest);
    sha256.update(pads, SigningKey.BLOCK, SigningKey.BLOCK);
    sha256.update(digest, 0, 32);
    finishInto(digest);
  }

  /** SHA-256 of {@code data[offset, offset + length)} into {@link #digest}. */
  void sha256(byte[] data, int offset, int length) {
    sha256.update(data, offset, length);
    finishInto(digest);
  }

  /**
   * Derives the signing key {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
   * "aws4_request")} for the UTC date at {@code date[dateAt, dateAt + 8)}, {@code yyyyMMdd}. Each
   * HMAC runs on the plain SHA-256 with pads built in scratch space, which spares the key objects
   * and key schedule a {@code Mac} would set up for one use; the scratch space is wiped afterwards,
   * and the only allocation is the key.
   */
  SigningKey deriveSigningKey(
      byte[] secret, byte[] date, int dateAt, byte[] region, byte[] service) {
    try {
      if (AWS4.length + secret.length <= SigningKey.BLOCK) {
        step(AWS4, secret, secret.length, date, dateAt, AmzDate.DATE_LENGTH);
      } else {
        // A key longer than a block is hashed first, as HMAC prescribes.
        sha256.update(AWS4);
        sha256.update(secret);
        finishInto(derived);
        step(NOTHING, derived, 32, date, dateAt, AmzDate.DATE_LENGTH);
      }
      step(NOTHING, derived, 32, region, 0, region.length);
      step(NOTHING, derived, 32, service, 0, service.length);
      step(NOTHING, derived, 32, AWS4_REQUEST, 0, AWS4_REQUEST.length);
      return new SigningKey(derived);
    } finally {
      Arrays.fill(derived, (byte) 0);
      Arrays.fill(inner, (byte) 0);
      Arrays.fill(pad, (byte) 0);
    }
  }

  /**
   * HMAC-SHA256 of {@code message[offset, offset + length)} under the key {@code head} followed by
   * {@code tail[0, tailLength)}, at most one block in all, into {@link #derived}.
   */
  private void step(
      byte[] head, byte[] tail, int tailLength, byte[] message, int offset, int length) {
    xorPad(head, tail, tailLength, 0x36);
    sha256.update(pad);
    sha256.update(message, offset, length);
    finishInto(inner);
    xorPad(head, tail, tailLength, 0x5c);
    sha256.update(pad);
    sha256.update(inner);
    finishInto(derived);
  }

  /** Fills {@link #pad} with the key {@code head + tail[0, tailLength)} XOR-ed with the value. */
  private void xorPad(byte[] head, byte[] tail, int tailLength, int value) {
    Arrays.fill(pad, (byte) value);
    for (int i = 0; i < head.length; i++) {
      pad[i] ^= head[i];
    }
    for (int i = 0; i < tailLength; i++) {
      pad[head.length + i] ^= tail[i];
    }
  }

  /**
   * Writes one HMAC pad block at {@code target[at, at + 64)}: {@code key}, zero-extended to a
   * block, XOR-ed with {@code value}.
   */
  static void xorPad(byte[] key, int value, byte[] target, int at) {
    Arrays.fill(target, at, at + SigningKey.BLOCK, (byte) value);
    for (int i = 0; i < key.length; i++) {
      target[at + i] ^= key[i];
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
