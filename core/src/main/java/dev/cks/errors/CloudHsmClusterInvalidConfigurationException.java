package dev.cks.errors;

/**
 * KMS error {@code CloudHsmClusterInvalidConfigurationException}, HTTP 400: the CloudHSM cluster
 * does not meet KMS's requirements: two active HSMs in different Availability Zones, private
 * subnets in two zones, the default security group rules.
 */
public final class CloudHsmClusterInvalidConfigurationException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public CloudHsmClusterInvalidConfigurationException(
      String message, String requestId, Throwable cause) {
    super("CloudHsmClusterInvalidConfigurationException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public CloudHsmClusterInvalidConfigurationException(String message) {
    this(message, null, null);
  }
}
