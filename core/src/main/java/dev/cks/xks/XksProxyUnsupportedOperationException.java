package dev.cks.xks;

/**
 * The proxy does not support the operation, or an input is above its size limit (501 {@code
 * UnsupportedOperationException}).
 */
public final class XksProxyUnsupportedOperationException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyUnsupportedOperationException(int httpStatus, String requestId, String message) {
    super(XksErrorName.UNSUPPORTED_OPERATION.wireName(), httpStatus, requestId, message, null);
  }
}
