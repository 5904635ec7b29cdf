package dev.cks.local;

import java.util.Set;

/**
 * One external key as a {@link KeySource} offers it: an AES key that encrypts and decrypts with
 * AES-GCM, a 12-byte IV and a 16-byte tag.
 *
 * <p>The proxy checks {@link #usages()} and {@link #enabled()} before it calls {@link #encrypt} or
 * {@link #decrypt}, and builds the additional authenticated data itself. The key chooses the IV of
 * each encryption, so that a key manager that makes its own IVs can serve as one.
 */
public interface ProxyKey {

  /** The key spec as GetKeyMetadata reports it, such as {@code AES_256}. */
  String keySpec();

  /** What the key may be used for; may be empty. */
  Set<KeyUsage> usages();

  /** Whether the key is enabled. A disabled key answers InvalidStateException. */
  boolean enabled();

  /**
   * Encrypts with AES-GCM under a fresh random 12-byte IV.
   *
   * @throws KeySourceException if the key manager fails
   */
  Sealed encrypt(byte[] plaintext, byte[] aad);

  /**
   * Decrypts and authenticates with AES-GCM.
   *
   * @return the plaintext
   * @throws KeySourceException with {@link KeySourceException.Reason#INVALID_CIPHERTEXT} if the
   *     inputs do not authenticate, or another reason if the key manager fails
   */
  byte[] decrypt(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad);

  /**
   * The output of an encryption. Arrays are handed over, not copied.
   *
   * @param iv the 12-byte IV
   * @param ciphertext the ciphertext, as long as the plaintext
   * @param tag the 16-byte authentication tag
   */
  record Sealed(byte[] iv, byte[] ciphertext, byte[] tag) {}
}
