package dev.cks.errors;

/**
 * KMS error {@code CustomKeyStoreNotFoundException}, HTTP 400: no key store has the given id or
 * name.
 */
public final class CustomKeyStoreNotFoundException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CustomKeyStoreNotFoundException(String message, String requestId, Throwable cause) {
    super("CustomKeyStoreNotFoundException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CustomKeyStoreNotFoundException(String message) {
    this(message, null, null);
  }
}
