package dev.cks.errors;

/**
 * KMS error {@code CloudHsmClusterNotRelatedException}, HTTP 400: the replacement CloudHSM cluster
 * does not share backup history with the original one.
 */
public final class CloudHsmClusterNotRelatedException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CloudHsmClusterNotRelatedException(String message, String requestId, Throwable cause) {
    super("CloudHsmClusterNotRelatedException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CloudHsmClusterNotRelatedException(String message) {
    this(message, null, null);
  }
}
