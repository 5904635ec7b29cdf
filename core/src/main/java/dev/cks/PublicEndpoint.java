package dev.cks;

/**
 * KMS reaches the proxy over the public internet, at its {@code XksProxyUriEndpoint}. It has no
 * further parts; get it with {@link XksProxyConnectivity#publicEndpoint()}.
 */
public final class PublicEndpoint implements XksProxyConnectivity {

  static final PublicEndpoint INSTANCE = new PublicEndpoint();

  private PublicEndpoint() {}

  /** Always {@link XksProxyConnectivityType#PUBLIC_ENDPOINT}. */
  @Override
  public XksProxyConnectivityType type() {
    return XksProxyConnectivityType.PUBLIC_ENDPOINT;
  }

  /** {@code PublicEndpoint}. */
  @Override
  public String toString() {
    return "PublicEndpoint";
  }
}
