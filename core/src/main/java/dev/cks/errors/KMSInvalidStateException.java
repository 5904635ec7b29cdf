package dev.cks.errors;

/**
 * KMS error {@code KMSInvalidStateException}, HTTP 409: The KMS key is not in a state that allows
 * the operation, for example because its key store is not connected.
 */
public final class KMSInvalidStateException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public KMSInvalidStateException(String message, String requestId, Throwable cause) {
    super("KMSInvalidStateException", 409, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public KMSInvalidStateException(String message) {
    this(message, null, null);
  }
}
