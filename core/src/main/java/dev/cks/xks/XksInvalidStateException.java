package dev.cks.xks;

/** The key or logical key store is disabled or blocked (400 {@code InvalidStateException}). */
public final class XksInvalidStateException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksInvalidStateException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INVALID_STATE.wireName(), httpStatus, requestId, message, null);
  }
}
