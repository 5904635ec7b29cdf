package dev.cks.errors;

/**
 * KMS error {@code XksProxyUriUnreachableException}, HTTP 400: KMS could not reach the XKS proxy in
 * time, or the proxy reports no key manager available.
 */
public final class XksProxyUriUnreachableException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyUriUnreachableException(String message, String requestId, Throwable cause) {
    super("XksProxyUriUnreachableException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyUriUnreachableException(String message) {
    this(message, null, null);
  }
}
