package dev.cks.local;

import dev.cks.xks.XksErrorName;

/** Ends a request with an XKS error; the message goes to the caller, so it holds no secret. */
final class XksFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final XksErrorName errorName;

  XksFailure(XksErrorName errorName, String message) {
    super(message, null, false, false);
    this.errorName = errorName;
  }

  XksErrorName errorName() {
    return errorName;
  }

  static XksFailure validation(String message) {
    return new XksFailure(XksErrorName.VALIDATION, message);
  }
}
