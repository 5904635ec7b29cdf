package dev.cks.errors;

/**
 * KMS error {@code DependencyTimeoutException}, HTTP 503: a service KMS depends on did not answer
 * in time; the request may be retried.
 */
public final class DependencyTimeoutException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public DependencyTimeoutException(String message, String requestId, Throwable cause) {
    super("DependencyTimeoutException", 503, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public DependencyTimeoutException(String message) {
    this(message, null, null);
  }
}
