package dev.cks.xks;

/**
 * The ciphertext, IV, additional authenticated data, metadata or tag did not authenticate (400
 * {@code InvalidCiphertextException}).
 */
public final class XksProxyInvalidCiphertextException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInvalidCiphertextException(int httpStatus, String requestId, String message) {
    super(XksErrorName.INVALID_CIPHERTEXT.wireName(), httpStatus, requestId, message, null);
  }
}
