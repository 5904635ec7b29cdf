package dev.cks.errors;

/**
 * KMS error {@code CustomKeyStoreHasCMKsException}, HTTP 400: the key store still holds KMS keys,
 * including keys pending deletion, so it cannot be deleted.
 */
public final class CustomKeyStoreHasCMKsException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CustomKeyStoreHasCMKsException(String message, String requestId, Throwable cause) {
    super("CustomKeyStoreHasCMKsException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CustomKeyStoreHasCMKsException(String message) {
    this(message, null, null);
  }
}
