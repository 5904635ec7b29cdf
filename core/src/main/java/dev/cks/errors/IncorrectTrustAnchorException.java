package dev.cks.errors;

/**
 * KMS error {@code IncorrectTrustAnchorException}, HTTP 400: the trust anchor certificate did not
 * issue the cluster's certificate.
 */
public final class IncorrectTrustAnchorException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public IncorrectTrustAnchorException(String message, String requestId, Throwable cause) {
    super("IncorrectTrustAnchorException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public IncorrectTrustAnchorException(String message) {
    this(message, null, null);
  }
}
