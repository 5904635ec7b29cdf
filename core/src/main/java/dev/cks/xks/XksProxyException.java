package dev.cks.xks;

import dev.cks.CksException;

/**
 * A call to an XKS proxy failed. Subclasses name the cause: one class per {@link XksErrorName} the
 * proxy answered with, {@link XksProxyUnreachableException} when no answer came, and {@link
 * XksProxyInvalidAnswerException} when the answer could not be used.
 *
 * <p>The request id, when present, is the {@code kmsRequestId} of the failed request.
 */
public class XksProxyException extends CksException {

  private static final long serialVersionUID = 1L;

  XksProxyException(
      String errorName, int httpStatus, String requestId, String message, Throwable cause) {
    super(errorName, httpStatus, requestId, message, cause);
  }
}
