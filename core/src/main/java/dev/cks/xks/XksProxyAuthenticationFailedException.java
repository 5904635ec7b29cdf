package dev.cks.xks;

/**
 * The proxy did not accept the request's SigV4 signature (401 {@code
 * AuthenticationFailedException}).
 */
public final class XksProxyAuthenticationFailedException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyAuthenticationFailedException(int httpStatus, String requestId, String message) {
    super(XksErrorName.AUTHENTICATION_FAILED.wireName(), httpStatus, requestId, message, null);
  }
}
