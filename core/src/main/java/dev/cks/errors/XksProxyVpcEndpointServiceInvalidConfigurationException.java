package dev.cks.errors;

/**
 * KMS error {@code XksProxyVpcEndpointServiceInvalidConfigurationException}, HTTP 400: the VPC
 * endpoint service does not meet KMS's requirements.
 */
public final class XksProxyVpcEndpointServiceInvalidConfigurationException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyVpcEndpointServiceInvalidConfigurationException(
      String message, String requestId, Throwable cause) {
    super(
        "XksProxyVpcEndpointServiceInvalidConfigurationException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyVpcEndpointServiceInvalidConfigurationException(String message) {
    this(message, null, null);
  }
}
