package dev.cks.errors;

/**
 * KMS error {@code XksProxyUriEndpointInUseException}, HTTP 400: another key store already uses the
 * proxy endpoint in a way that excludes this one.
 */
public final class XksProxyUriEndpointInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyUriEndpointInUseException(String message, String requestId, Throwable cause) {
    super("XksProxyUriEndpointInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyUriEndpointInUseException(String message) {
    this(message, null, null);
  }
}
