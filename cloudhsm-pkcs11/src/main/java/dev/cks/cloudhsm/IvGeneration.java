package dev.cks.cloudhsm;

/**
 * Who makes the 12-byte AES-GCM IV of an encryption.
 *
 * <p>Every IV is random and never chosen by the caller, so no IV is reused by accident. The choice
 * depends on the module: SoftHSM2 and most tokens take the IV from the application; AWS CloudHSM
 * rejects any IV but zeros and writes the IV it made into the same buffer.
 */
public enum IvGeneration {
  /** This adapter draws the IV from {@link java.security.SecureRandom} and passes it in. */
  ADAPTER,
  /**
   * The module writes the IV into the zeroed IV buffer of {@code CKM_AES_GCM} (AWS CloudHSM's
   * behaviour). An encryption whose IV buffer comes back unchanged fails, and its output is
   * discarded.
   */
  MODULE,
  /**
   * AWS CloudHSM's own mechanism {@code CKM_CLOUDHSM_AES_GCM} (0x80001087): no IV buffer, and the
   * module returns IV || ciphertext || tag.
   */
  CLOUDHSM_MECHANISM
}
