package dev.cks.xks;

/** The proxy's key manager did not answer in time (503 {@code DependencyTimeoutException}). */
public final class XksProxyDependencyTimeoutException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  XksProxyDependencyTimeoutException(int httpStatus, String requestId, String message) {
    super(XksErrorName.DEPENDENCY_TIMEOUT.wireName(), httpStatus, requestId, message, null);
  }
}
