package dev.cks.xks;

/**
 * No answer came from the XKS proxy: the connection, the TLS handshake or the exchange failed, or
 * the call did not finish within its timeout. The error name is {@code XksProxyUnreachable}, or
 * {@code XksProxyTimeout} when the timeout ran out.
 */
public final class XksProxyUnreachableException extends XksProxyException {

  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  XksProxyUnreachableException(
      boolean timedOut, String requestId, String message, Throwable cause) {
    super(timedOut ? "XksProxyTimeout" : "XksProxyUnreachable", 0, requestId, message, cause);
    this.timedOut = timedOut;
  }

  /** Whether the call ran out of time rather than failing outright. */
  public boolean timedOut() {
    return timedOut;
  }
}
