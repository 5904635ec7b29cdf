package dev.cks.errors;

/**
 * KMS error {@code XksKeyInvalidConfigurationException}, HTTP 400: the external key is not an
 * enabled AES-256 key that can encrypt and decrypt.
 */
public final class XksKeyInvalidConfigurationException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksKeyInvalidConfigurationException(String message, String requestId, Throwable cause) {
    super("XksKeyInvalidConfigurationException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksKeyInvalidConfigurationException(String message) {
    this(message, null, null);
  }
}
