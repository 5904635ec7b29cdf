package dev.cks.xks;

/** The key or logical key store is disabled or blocked (400 {@code InvalidStateException}). */
public final class XksProxyInvalidStateException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInvalidStateException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INVALID_STATE.wireName(), httpStatus, requestId, message, null);
  }
}
