package dev.cks.xks;

/**
 * The proxy did not accept the request's SigV4 signature (401 {@code
 * AuthenticationFailedException}).
 */
public final class XksAuthenticationFailedException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksAuthenticationFailedException(int httpStatus, String requestId, String message) {
    super(XksErrorName.AUTHENTICATION_FAILED.wireName(), httpStatus, requestId, message, null);
  }
}
