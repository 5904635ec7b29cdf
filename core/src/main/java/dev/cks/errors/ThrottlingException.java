package dev.cks.errors;

/**
 * KMS error {@code ThrottlingException}, HTTP 400: the request rate exceeded a KMS quota; the
 * request may be retried after a pause.
 */
public final class ThrottlingException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public ThrottlingException(String message, String requestId, Throwable cause) {
    super("ThrottlingException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public ThrottlingException(String message) {
    this(message, null, null);
  }
}
