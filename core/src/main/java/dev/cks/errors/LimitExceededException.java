package dev.cks.errors;

/**
 * KMS error {@code LimitExceededException}, HTTP 400: a quota would be exceeded, such as the number
 * of key stores in the account and Region.
 */
public final class LimitExceededException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public LimitExceededException(String message, String requestId, Throwable cause) {
    super("LimitExceededException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public LimitExceededException(String message) {
    this(message, null, null);
  }
}
