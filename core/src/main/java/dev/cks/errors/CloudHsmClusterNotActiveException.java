package dev.cks.errors;

/**
 * KMS error {@code CloudHsmClusterNotActiveException}, HTTP 400: the CloudHSM cluster is not
 * active.
 */
public final class CloudHsmClusterNotActiveException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CloudHsmClusterNotActiveException(String message, String requestId, Throwable cause) {
    super("CloudHsmClusterNotActiveException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CloudHsmClusterNotActiveException(String message) {
    this(message, null, null);
  }
}
