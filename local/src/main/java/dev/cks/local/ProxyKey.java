package dev.cks.local;

import java.util.Set;

/**
 * One external key as a {@link KeySource} offers it: an AES key that encrypts and decrypts with
 * AES-GCM and a 16-byte tag.
 *
 * <p>The proxy checks {@link #usages()} and {@link #enabled()} before it calls {@link #encrypt} or
 * {@link #decrypt}, and builds the additional authenticated data itself.
 */
public interface ProxyKey {

  /** The key spec as GetKeyMetadata reports it, such as {@code AES_256}. */
  String keySpec();

  /** What the key may be used for; may be empty. */
  Set<KeyUsage> usages();

  /** Whether the key is enabled. A disabled key answers InvalidStateException. */
  boolean enabled();

  /**
   * Encrypts with AES-GCM.
   *
   * @return the ciphertext followed by the 16-byte tag
   * @throws KeySourceException if the key manager fails
   */
  byte[] encrypt(byte[] iv, byte[] plaintext, byte[] aad);

  /**
   * Decrypts with AES-GCM.
   *
   * @param ciphertextAndTag the ciphertext followed by the 16-byte tag
   * @return the plaintext
   * @throws KeySourceException with {@link KeySourceException.Reason#INVALID_CIPHERTEXT} if the
   *     inputs do not authenticate, or another reason if the key manager fails
   */
  byte[] decrypt(byte[] iv, byte[] ciphertextAndTag, byte[] aad);
}
