package dev.cks.errors;

/**
 * KMS error {@code XksKeyNotFoundException}, HTTP 400: the XKS proxy does not know the external
 * key.
 */
public final class XksKeyNotFoundException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksKeyNotFoundException(String message, String requestId, Throwable cause) {
    super("XksKeyNotFoundException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksKeyNotFoundException(String message) {
    this(message, null, null);
  }
}
