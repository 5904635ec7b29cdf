package dev.cks.errors;

/**
 * KMS error {@code XksProxyVpcEndpointServiceNotFoundException}, HTTP 400: the VPC endpoint service
 * was not found, or KMS may not use it.
 */
public final class XksProxyVpcEndpointServiceNotFoundException extends KmsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource; never a secret
   * @param requestId the id of the request, or {@code null}
   * @param cause the underlying cause, or {@code null}
   */
  public XksProxyVpcEndpointServiceNotFoundException(
      String message, String requestId, Throwable cause) {
    super("XksProxyVpcEndpointServiceNotFoundException", 400, requestId, message, cause);
  }

  /**
   * Creates the exception without a request id or cause.
   *
   * @param message what went wrong, naming the resource; never a secret
   */
  public XksProxyVpcEndpointServiceNotFoundException(String message) {
    this(message, null, null);
  }
}
