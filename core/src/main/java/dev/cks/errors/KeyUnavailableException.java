package dev.cks.errors;

/**
 * KMS error {@code KeyUnavailableException}, HTTP 500: the KMS key's material is not available
 * right now.
 */
public final class KeyUnavailableException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public KeyUnavailableException(String message, String requestId, Throwable cause) {
    super("KeyUnavailableException", 500, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public KeyUnavailableException(String message) {
    this(message, null, null);
  }
}
