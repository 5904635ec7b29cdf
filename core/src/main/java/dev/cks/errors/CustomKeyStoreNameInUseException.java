package dev.cks.errors;

/**
 * KMS error {@code CustomKeyStoreNameInUseException}, HTTP 400: another key store in this account
 * and Region already has the name.
 */
public final class CustomKeyStoreNameInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CustomKeyStoreNameInUseException(String message, String requestId, Throwable cause) {
    super("CustomKeyStoreNameInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CustomKeyStoreNameInUseException(String message) {
    this(message, null, null);
  }
}
