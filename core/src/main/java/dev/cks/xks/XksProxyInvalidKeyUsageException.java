package dev.cks.xks;

/** The key does not allow the requested operation (400 {@code InvalidKeyUsageException}). */
public final class XksProxyInvalidKeyUsageException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInvalidKeyUsageException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INVALID_KEY_USAGE.wireName(), httpStatus, requestId, message, null);
  }
}
