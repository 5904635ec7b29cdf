package dev.cks.errors;

/** KMS error {@code AlreadyExistsException}, HTTP 409: the resource already exists. */
public final class AlreadyExistsException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public AlreadyExistsException(String message, String requestId, Throwable cause) {
    super("AlreadyExistsException", 409, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public AlreadyExistsException(String message) {
    this(message, null, null);
  }
}
