package dev.cks.errors;

/** KMS error {@code TagException}, HTTP 400: a tag in the request is not valid. */
public final class TagException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public TagException(String message, String requestId, Throwable cause) {
    super("TagException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public TagException(String message) {
    this(message, null, null);
  }
}
