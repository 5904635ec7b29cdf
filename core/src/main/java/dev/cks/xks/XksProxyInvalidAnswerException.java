package dev.cks.xks;

/**
 * The XKS proxy answered, but the answer is not one the API allows: an unknown status or error
 * name, a body that is not the expected JSON, a field of the wrong size, or a ciphertext data
 * integrity value that does not match. The error name is {@code XksProxyInvalidAnswer}.
 */
public final class XksProxyInvalidAnswerException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyInvalidAnswerException(int httpStatus, String requestId, String message) {
    super("XksProxyInvalidAnswer", httpStatus, requestId, message, null);
  }
}
