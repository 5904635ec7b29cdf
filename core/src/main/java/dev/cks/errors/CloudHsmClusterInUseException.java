package dev.cks.errors;

/**
 * KMS error {@code CloudHsmClusterInUseException}, HTTP 400: the CloudHSM cluster, or one that
 * shares its backup history, already backs another key store.
 */
public final class CloudHsmClusterInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CloudHsmClusterInUseException(String message, String requestId, Throwable cause) {
    super("CloudHsmClusterInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CloudHsmClusterInUseException(String message) {
    this(message, null, null);
  }
}
