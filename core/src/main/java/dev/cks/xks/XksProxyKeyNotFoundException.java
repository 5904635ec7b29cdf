package dev.cks.xks;

/** The external key id names no key at the proxy (404 {@code KeyNotFoundException}). */
public final class XksProxyKeyNotFoundException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyKeyNotFoundException(int httpStatus, String requestId, String message) {
    super(XksErrorName.KEY_NOT_FOUND.wireName(), httpStatus, requestId, message, null);
  }
}
