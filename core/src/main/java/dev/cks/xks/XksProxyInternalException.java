package dev.cks.xks;

/** The proxy or its key manager failed (500 {@code InternalException}). */
public final class XksProxyInternalException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInternalException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INTERNAL.wireName(), httpStatus, requestId, message, null);
  }
}
