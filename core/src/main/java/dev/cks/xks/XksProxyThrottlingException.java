package dev.cks.xks;

/** The proxy refused the request because of a request quota (429 {@code ThrottlingException}). */
public final class XksProxyThrottlingException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyThrottlingException(int httpStatus, String requestId, String message) {
    super(XksErrorName.THROTTLING.wireName(), httpStatus, requestId, message, null);
  }
}
