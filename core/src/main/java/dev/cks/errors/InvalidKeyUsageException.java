package dev.cks.errors;

/**
 * KMS error {@code InvalidKeyUsageException}, HTTP 400: the KMS key's usage does not allow the
 * operation.
 */
public final class InvalidKeyUsageException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public InvalidKeyUsageException(String message, String requestId, Throwable cause) {
    super("InvalidKeyUsageException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public InvalidKeyUsageException(String message) {
    this(message, null, null);
  }
}
