package dev.cks.xks;

/** The proxy refused the request because of a request quota (429 {@code ThrottlingException}). */
public final class XksThrottlingException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksThrottlingException(int httpStatus, String requestId, String message) {
    super(XksErrorName.THROTTLING.wireName(), httpStatus, requestId, message, null);
  }
}
