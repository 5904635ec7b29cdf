package dev.cks.local;

/**
 * A key source could not do what was asked. The {@link Reason} decides the error the proxy answers
 * with; the message must hold no key material, plaintext or secret.
 */
public final class KeySourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the key source failed. */
  public enum Reason {
    /** The inputs of a decryption do not authenticate: InvalidCiphertextException. */
    INVALID_CIPHERTEXT,
    /** The key does not allow the operation: InvalidKeyUsageException. */
    KEY_USAGE,
    /** The key or the key manager is disabled or blocked: InvalidStateException. */
    INVALID_STATE,
    /** The key manager did not answer in time: DependencyTimeoutException. */
    TIMEOUT,
    /** Any other failure: InternalException. */
    FAILURE
  }

  private final Reason reason;

  /** Creates an exception for the given reason. */
  public KeySourceException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Creates an exception for the given reason. */
  public KeySourceException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Why the key source failed. */
  public Reason reason() {
    return reason;
  }
}
