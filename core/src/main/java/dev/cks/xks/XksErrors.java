package dev.cks.xks;

/** Turns an error answer of a proxy into the exception for its error name. */
final class XksErrors {

  private XksErrors() {}

  static XksProxyException of(XksErrorName name, int status, String requestId, String message) {
    switch (name) {
      case VALIDATION:
        return new XksProxyValidationException(status, requestId, message);
      case INVALID_STATE:
        return new XksProxyInvalidStateException(status, requestId, message);
      case INVALID_CIPHERTEXT:
        return new XksProxyInvalidCiphertextException(status, requestId, message);
      case INVALID_KEY_USAGE:
        return new XksProxyInvalidKeyUsageException(status, requestId, message);
      case AUTHENTICATION_FAILED:
        return new XksProxyAuthenticationFailedException(status, requestId, message);
      case ACCESS_DENIED:
        return new XksProxyAccessDeniedException(status, requestId, message);
      case KEY_NOT_FOUND:
        return new XksProxyKeyNotFoundException(status, requestId, message);
      case INVALID_URI_PATH:
        return new XksProxyInvalidUriPathException(status, requestId, message);
      case THROTTLING:
        return new XksProxyThrottlingException(status, requestId, message);
      case UNSUPPORTED_OPERATION:
        return new XksProxyUnsupportedOperationException(status, requestId, message);
      case DEPENDENCY_TIMEOUT:
        return new XksProxyDependencyTimeoutException(status, requestId, message);
      case INTERNAL:
        return new XksProxyInternalException(status, requestId, message);
    }
    throw new IllegalArgumentException("unknown error name " + name);
  }
}
