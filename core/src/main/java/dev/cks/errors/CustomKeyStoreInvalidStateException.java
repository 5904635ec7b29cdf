package dev.cks.errors;

/**
 * KMS error {@code CustomKeyStoreInvalidStateException}, HTTP 400: the operation is not allowed in
 * the key store's current connection state.
 */
public final class CustomKeyStoreInvalidStateException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CustomKeyStoreInvalidStateException(String message, String requestId, Throwable cause) {
    super("CustomKeyStoreInvalidStateException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CustomKeyStoreInvalidStateException(String message) {
    this(message, null, null);
  }
}
