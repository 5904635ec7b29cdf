package dev.cks.errors;

/**
 * KMS error {@code IncorrectKeyException}, HTTP 400: the ciphertext was not encrypted under the
 * given KMS key.
 */
public final class IncorrectKeyException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public IncorrectKeyException(String message, String requestId, Throwable cause) {
    super("IncorrectKeyException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public IncorrectKeyException(String message) {
    this(message, null, null);
  }
}
