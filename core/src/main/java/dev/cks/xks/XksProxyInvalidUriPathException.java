package dev.cks.xks;

/**
 * The proxy serves no logical key store or operation at the URI path (404 {@code
 * InvalidUriPathException}).
 */
public final class XksProxyInvalidUriPathException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInvalidUriPathException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INVALID_URI_PATH.wireName(), httpStatus, requestId, message, null);
  }
}
