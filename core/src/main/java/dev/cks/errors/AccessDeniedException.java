package dev.cks.errors;

/**
 * KMS error {@code AccessDeniedException}, HTTP 400: the caller is not allowed to make the request.
 */
public final class AccessDeniedException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public AccessDeniedException(String message, String requestId, Throwable cause) {
    super("AccessDeniedException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public AccessDeniedException(String message) {
    this(message, null, null);
  }
}
