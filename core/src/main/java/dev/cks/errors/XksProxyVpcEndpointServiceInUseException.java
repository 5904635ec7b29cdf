package dev.cks.errors;

/**
 * KMS error {@code XksProxyVpcEndpointServiceInUseException}, HTTP 400: another key store already
 * uses the VPC endpoint service.
 */
public final class XksProxyVpcEndpointServiceInUseException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyVpcEndpointServiceInUseException(
      String message, String requestId, Throwable cause) {
    super("XksProxyVpcEndpointServiceInUseException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyVpcEndpointServiceInUseException(String message) {
    this(message, null, null);
  }
}
