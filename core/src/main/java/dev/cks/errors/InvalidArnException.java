package dev.cks.errors;

/** KMS error {@code InvalidArnException}, HTTP 400: an ARN in the request is not valid. */
public final class InvalidArnException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public InvalidArnException(String message, String requestId, Throwable cause) {
    super("InvalidArnException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public InvalidArnException(String message) {
    this(message, null, null);
  }
}
