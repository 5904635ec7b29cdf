package dev.cks.errors;

/**
 * KMS error {@code NotFoundException}, HTTP 404: the KMS key, alias or other resource was not
 * found.
 */
public final class NotFoundException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public NotFoundException(String message, String requestId, Throwable cause) {
    super("NotFoundException", 404, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public NotFoundException(String message) {
    this(message, null, null);
  }
}
