package dev.cks.xks;

/**
 * A secondary authorization at the proxy denied the request (403 {@code AccessDeniedException}).
 */
public final class XksProxyAccessDeniedException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyAccessDeniedException(int httpStatus, String requestId, String message) {
    super(XksErrorName.ACCESS_DENIED.wireName(), httpStatus, requestId, message, null);
  }
}
