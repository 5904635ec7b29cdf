package dev.cks.errors;

/**
 * KMS error {@code UnsupportedOperationException}, HTTP 400: the operation is not supported for
 * this key or key store.
 */
public final class UnsupportedOperationException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public UnsupportedOperationException(String message, String requestId, Throwable cause) {
    super("UnsupportedOperationException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public UnsupportedOperationException(String message) {
    this(message, null, null);
  }
}
