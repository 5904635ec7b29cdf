package dev.cks.errors;

/** KMS error {@code DisabledException}, HTTP 409: the KMS key is disabled. */
public final class DisabledException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public DisabledException(String message, String requestId, Throwable cause) {
    super("DisabledException", 409, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public DisabledException(String message) {
    this(message, null, null);
  }
}
