package dev.cks.errors;

/**
 * KMS error {@code XksKeyAlreadyInUseException}, HTTP 400: the external key is already used by
 * another KMS key in the same key store.
 */
public final class XksKeyAlreadyInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksKeyAlreadyInUseException(String message, String requestId, Throwable cause) {
    super("XksKeyAlreadyInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksKeyAlreadyInUseException(String message) {
    this(message, null, null);
  }
}
