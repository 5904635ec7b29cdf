package dev.cks.errors;

/**
 * KMS error {@code XksProxyIncorrectAuthenticationCredentialException}, HTTP 400: the XKS proxy
 * rejected the access key id or the secret access key.
 */
public final class XksProxyIncorrectAuthenticationCredentialException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyIncorrectAuthenticationCredentialException(
      String message, String requestId, Throwable cause) {
    super("XksProxyIncorrectAuthenticationCredentialException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyIncorrectAuthenticationCredentialException(String message) {
    this(message, null, null);
  }
}
