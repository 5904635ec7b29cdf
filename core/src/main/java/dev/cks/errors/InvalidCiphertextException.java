package dev.cks.errors;

/**
 * KMS error {@code InvalidCiphertextException}, HTTP 400: the ciphertext, its encryption context or
 * its key does not match; decryption failed.
 */
public final class InvalidCiphertextException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public InvalidCiphertextException(String message, String requestId, Throwable cause) {
    super("InvalidCiphertextException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public InvalidCiphertextException(String message) {
    this(message, null, null);
  }
}
