package dev.cks.xks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ciphertext data integrity value (CDIV) of the XKS proxy API: SHA-256 over the additional
 * authenticated data, the ciphertext metadata, the IV, the ciphertext and the tag, concatenated as
 * raw bytes without lengths; an absent part counts as empty.
 *
 * <pre>{@code
 * byte[] cdiv = CiphertextIntegrity.sha256(aad, metadata, iv, ciphertext, tag);
 * }</pre>
 */
public final class CiphertextIntegrity {

  /** The only algorithm the API defines, as it appears on the wire. */
  public static final String SHA_256 = "SHA_256";

  private CiphertextIntegrity() {}

  /**
   * Computes the value. Any argument may be {@code null} for an absent part.
   *
   * @return the 32-byte SHA-256 digest
   */
  public static byte[] sha256(
      byte[] additionalAuthenticatedData,
      byte[] ciphertextMetadata,
      byte[] initializationVector,
      byte[] ciphertext,
      byte[] authenticationTag) {
    MessageDigest digest = newDigest();
    update(digest, additionalAuthenticatedData);
    update(digest, ciphertextMetadata);
    update(digest, initializationVector);
    update(digest, ciphertext);
    update(digest, authenticationTag);
    return digest.digest();
  }

  private static void update(MessageDigest digest, byte[] part) {
    if (part != null) {
      digest.update(part);
    }
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
