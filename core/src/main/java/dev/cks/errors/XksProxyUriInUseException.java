package dev.cks.errors;

/**
 * KMS error {@code XksProxyUriInUseException}, HTTP 400: another key store in this account and
 * Region has the same proxy endpoint and path.
 */
public final class XksProxyUriInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyUriInUseException(String message, String requestId, Throwable cause) {
    super("XksProxyUriInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyUriInUseException(String message) {
    this(message, null, null);
  }
}
