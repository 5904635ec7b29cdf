package dev.cks.local;

import dev.cks.XksProxyCredential;
import java.net.InetSocketAddress;

/**
 * Where and how to call an XKS proxy: the host name the TLS certificate must match, the address
 * that actually answers, the URI path and the credential to sign with.
 *
 * @param host the host name of the {@code XksProxyUriEndpoint}
 * @param address where that host is reached
 * @param uriPath the {@code XksProxyUriPath}
 * @param credential the credential KMS signs with
 */
record ProxyTarget(
    String host, InetSocketAddress address, String uriPath, XksProxyCredential credential) {

  /** The proxy's URI for messages: no address, no credential. */
  String uri() {
    return "https://" + host + uriPath;
  }

  @Override
  public String toString() {
    return "ProxyTarget[" + uri() + "]";
  }
}
