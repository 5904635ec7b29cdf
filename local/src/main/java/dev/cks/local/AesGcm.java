package dev.cks.local;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM as {@code LocalKms} stores it: a fresh 12-byte IV, then the ciphertext and its 16-byte
 * tag, with associated data that binds the value to its use.
 */
final class AesGcm {

  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;

  private AesGcm() {}

  /** IV, ciphertext and tag of {@code plaintext}, after {@code prefix} bytes left zero. */
  static byte[] seal(SecretKey key, SecureRandom random, byte[] plaintext, byte[] aad, int prefix) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
      cipher.updateAAD(aad);
      byte[] sealed = new byte[prefix + IV_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(iv, 0, sealed, prefix, IV_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, sealed, prefix + IV_BYTES);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plaintext of a value {@link #seal} made, starting at {@code offset}.
   *
   * @throws AEADBadTagException if the value, its associated data or the key do not match
   */
  static byte[] open(SecretKey key, byte[] sealed, int offset, byte[] aad)
      throws AEADBadTagException {
    if (sealed.length < offset + IV_BYTES + TAG_BYTES) {
      throw new AEADBadTagException("too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, IV_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, offset + IV_BYTES, sealed.length - offset - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
