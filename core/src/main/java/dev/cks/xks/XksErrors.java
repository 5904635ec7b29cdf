package dev.cks.xks;

/** Turns an error answer of a proxy into the exception for its error name. */
final class XksErrors {

  private XksErrors() {}

  static XksProxyException of(XksErrorName name, int status, String requestId, String message) {
    switch (name) {
      case VALIDATION:
        return new XksValidationException(status, requestId, message);
      case INVALID_STATE:
        return new XksInvalidStateException(status, requestId, message);
      case INVALID_CIPHERTEXT:
        return new XksInvalidCiphertextException(status, requestId, message);
      case INVALID_KEY_USAGE:
        return new XksInvalidKeyUsageException(status, requestId, message);
      case AUTHENTICATION_FAILED:
        return new XksAuthenticationFailedException(status, requestId, message);
      case ACCESS_DENIED:
        return new XksAccessDeniedException(status, requestId, message);
      case KEY_NOT_FOUND:
        return new XksKeyNotFoundException(status, requestId, message);
      case INVALID_URI_PATH:
        return new XksInvalidUriPathException(status, requestId, message);
      case THROTTLING:
        return new XksThrottlingException(status, requestId, message);
      case UNSUPPORTED_OPERATION:
        return new XksUnsupportedOperationException(status, requestId, message);
      case DEPENDENCY_TIMEOUT:
        return new XksDependencyTimeoutException(status, requestId, message);
      case INTERNAL:
        return new XksInternalException(status, requestId, message);
    }
    throw new IllegalArgumentException("unknown error name " + name);
  }
}
