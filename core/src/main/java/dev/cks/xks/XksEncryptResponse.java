package dev.cks.xks;

import java.util.Optional;

/**
 * The answer to an Encrypt request: ciphertext (as long as the plaintext), IV, tag, and the proxy's
 * optional ciphertext metadata and integrity value. Pass it to {@link
 * XksDecryptRequest#builder(String, XksRequestMetadata)} to decrypt.
 */
public final class XksEncryptResponse {

  private final byte[] ciphertext;
  private final byte[] initializationVector;
  private final byte[] authenticationTag;
  private final byte[] ciphertextMetadata;
  private final byte[] integrityValue;

  XksEncryptResponse(
      byte[] ciphertext,
      byte[] initializationVector,
      byte[] authenticationTag,
      byte[] ciphertextMetadata,
      byte[] integrityValue) {
    this.ciphertext = ciphertext;
    this.initializationVector = initializationVector;
    this.authenticationTag = authenticationTag;
    this.ciphertextMetadata = ciphertextMetadata;
    this.integrityValue = integrityValue;
  }

  /** A copy of the ciphertext, without the tag. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** A copy of the IV, 12 or 16 bytes. */
  public byte[] initializationVector() {
    return initializationVector.clone();
  }

  /** A copy of the 16-byte authentication tag. */
  public byte[] authenticationTag() {
    return authenticationTag.clone();
  }

  /** A copy of the proxy's ciphertext metadata (at most 20 bytes), if it returned any. */
  public Optional<byte[]> ciphertextMetadata() {
    return Optional.ofNullable(ciphertextMetadata).map(byte[]::clone);
  }

  /**
   * A copy of the ciphertext data integrity value, present when it was requested; the client has
   * already checked it.
   */
  public Optional<byte[]> integrityValue() {
    return Optional.ofNullable(integrityValue).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "XksEncryptResponse[ciphertext="
        + ciphertext.length
        + " bytes, iv="
        + initializationVector.length
        + " bytes, metadata="
        + (ciphertextMetadata == null ? "none" : ciphertextMetadata.length + " bytes")
        + ", cdiv="
        + (integrityValue != null)
        + "]";
  }
}
