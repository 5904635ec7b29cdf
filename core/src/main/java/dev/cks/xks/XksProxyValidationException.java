package dev.cks.xks;

/**
 * The proxy rejected the request as malformed or missing input (400 {@code ValidationException}).
 */
public final class XksProxyValidationException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyValidationException(int httpStatus, String requestId, String message) {
    super(XksErrorName.VALIDATION.wireName(), httpStatus, requestId, message, null);
  }
}
