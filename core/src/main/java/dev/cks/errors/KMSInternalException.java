package dev.cks.errors;

/**
 * KMS error {@code KMSInternalException}, HTTP 500: KMS failed internally; the request may be
 * retried.
 */
public final class KMSInternalException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public KMSInternalException(String message, String requestId, Throwable cause) {
    super("KMSInternalException", 500, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public KMSInternalException(String message) {
    this(message, null, null);
  }
}
