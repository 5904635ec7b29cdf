package dev.cks.errors;

/**
 * KMS error {@code XksProxyInvalidConfigurationException}, HTTP 400: the XKS proxy's configuration
 * does not match the key store, most often the URI path.
 */
public final class XksProxyInvalidConfigurationException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyInvalidConfigurationException(String message, String requestId, Throwable cause) {
    super("XksProxyInvalidConfigurationException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyInvalidConfigurationException(String message) {
    this(message, null, null);
  }
}
