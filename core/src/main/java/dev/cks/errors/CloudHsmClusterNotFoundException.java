package dev.cks.errors;

/**
 * KMS error {@code CloudHsmClusterNotFoundException}, HTTP 400: no CloudHSM cluster has the given
 * id in this account and Region.
 */
public final class CloudHsmClusterNotFoundException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CloudHsmClusterNotFoundException(String message, String requestId, Throwable cause) {
    super("CloudHsmClusterNotFoundException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CloudHsmClusterNotFoundException(String message) {
    this(message, null, null);
  }
}
