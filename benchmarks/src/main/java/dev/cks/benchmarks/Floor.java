package dev.cks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The cryptographic work of one SigV4 signature of {@link XksEncrypt}, with nothing else around it:
 * every SHA-256 a signer must run, on the real inputs, straight on the JDK's SHA-256.
 *
 * <p>An HMAC is written out as its definition, two SHA-256 runs over the key XOR-ed with the inner
 * and the outer pad, so that the floor holds the same compressions as any signer and none of the
 * bookkeeping of {@code javax.crypto.Mac} (key objects, key copies, a result array per call), which
 * is not cryptography. The result is the request's real signature, so a benchmark can check that
 * the floor hashed exactly what a signer hashes.
 *
 * <p>One instance per thread: it keeps its digest and scratch arrays.
 */
final class Floor {

  private static final int BLOCK = 64;
  private static final byte[] FIRST_KEY =
      ("AWS4" + XksEncrypt.SECRET).getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATE =
      XksEncrypt.AMZ_DATE.substring(0, 8).getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REGION = XksEncrypt.REGION.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVICE = XksEncrypt.SERVICE.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TERMINATOR = "aws4_request".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest sha256;
  private final byte[] pad = new byte[BLOCK];
  private final byte[] inner = new byte[32];
  private final byte[] key = new byte[32];

  /** The pads of the signing key, derived once, for the key hit. */
  private final byte[] cachedInnerPad = new byte[BLOCK];

  private final byte[] cachedOuterPad = new byte[BLOCK];

  /** The pads of the signing key derived by the last key miss. */
  private final byte[] innerPad = new byte[BLOCK];

  private final byte[] outerPad = new byte[BLOCK];

  private final byte[] digest = new byte[32];

  Floor() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
    derive(cachedInnerPad, cachedOuterPad);
  }

  /** SHA-256 of the body and of the canonical request, one HMAC with the derived key's pads. */
  byte[] signKeyHit() {
    return sign(cachedInnerPad, cachedOuterPad);
  }

  /** The same after deriving the signing key with four HMACs. */
  byte[] signKeyMiss() {
    derive(innerPad, outerPad);
    return sign(innerPad, outerPad);
  }

  /**
   * Fails unless both variants give {@code signatureHex}, the signature a signer made for the same
   * request.
   */
  void check(String signatureHex) {
    String hit = HexFormat.of().formatHex(signKeyHit());
    String miss = HexFormat.of().formatHex(signKeyMiss());
    if (!hit.equals(signatureHex) || !miss.equals(signatureHex)) {
      throw new IllegalStateException(
          "the floor hashes other input than the signer: "
              + hit
              + ", "
              + miss
              + ", "
              + signatureHex);
    }
  }

  private byte[] sign(byte[] keyInnerPad, byte[] keyOuterPad) {
    sha256.update(XksEncrypt.BODY);
    finish(digest);
    sha256.update(XksEncrypt.CANONICAL_REQUEST);
    finish(digest);
    sha256.update(keyInnerPad);
    sha256.update(XksEncrypt.STRING_TO_SIGN);
    finish(digest);
    sha256.update(keyOuterPad);
    sha256.update(digest);
    finish(digest);
    return digest;
  }

  /** The four HMACs of the key derivation, then the pads of the key they give. */
  private void derive(byte[] keyInnerPad, byte[] keyOuterPad) {
    step(FIRST_KEY, DATE);
    step(key, REGION);
    step(key, SERVICE);
    step(key, TERMINATOR);
    xorPad(key, 0x36, keyInnerPad);
    xorPad(key, 0x5c, keyOuterPad);
  }

  /** HMAC-SHA256 of {@code message} under {@code stepKey} (at most one block) into {@link #key}. */
  private void step(byte[] stepKey, byte[] message) {
    xorPad(stepKey, 0x36, pad);
    sha256.update(pad);
    sha256.update(message);
    finish(inner);
    xorPad(stepKey, 0x5c, pad);
    sha256.update(pad);
    sha256.update(inner);
    finish(key);
  }

  private static void xorPad(byte[] stepKey, int value, byte[] target) {
    Arrays.fill(target, (byte) value);
    for (int i = 0; i < stepKey.length; i++) {
      target[i] ^= stepKey[i];
    }
  }

  private void finish(byte[] target) {
    try {
      sha256.digest(target, 0, 32);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 failed", e);
    }
  }
}
