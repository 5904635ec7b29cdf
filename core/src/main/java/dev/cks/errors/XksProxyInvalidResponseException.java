package dev.cks.errors;

/**
 * KMS error {@code XksProxyInvalidResponseException}, HTTP 400: the XKS proxy answered with
 * something KMS could not read.
 */
public final class XksProxyInvalidResponseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyInvalidResponseException(String message, String requestId, Throwable cause) {
    super("XksProxyInvalidResponseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyInvalidResponseException(String message) {
    this(message, null, null);
  }
}
