package dev.cks.xks;

/** The external key id names no key at the proxy (404 {@code KeyNotFoundException}). */
public final class XksKeyNotFoundException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksKeyNotFoundException(int httpStatus, String requestId, String message) {
    super(XksErrorName.KEY_NOT_FOUND.wireName(), httpStatus, requestId, message, null);
  }
}
