package dev.cks.errors;

/**
 * KMS error {@code InvalidMarkerException}, HTTP 400: the pagination marker was not issued by a
 * previous call, or has been altered.
 */
public final class InvalidMarkerException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public InvalidMarkerException(String message, String requestId, Throwable cause) {
    super("InvalidMarkerException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public InvalidMarkerException(String message) {
    this(message, null, null);
  }
}
