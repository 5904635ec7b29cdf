package dev.cks;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A property that {@code UpdateCustomKeyStore} can change, with the wire name of its member and the
 * connection states in which KMS accepts the change. Code that plans an update reads these to
 * decide whether the store must be disconnected first.
 */
public enum UpdatableProperty {
  /** {@code NewCustomKeyStoreName}, for both kinds; connected or disconnected. */
  NAME("NewCustomKeyStoreName", ConnectionState.CONNECTED, ConnectionState.DISCONNECTED),
  /** {@code KeyStorePassword}, CloudHSM only; disconnected. */
  KEY_STORE_PASSWORD("KeyStorePassword", ConnectionState.DISCONNECTED),
  /** {@code CloudHsmClusterId}, CloudHSM only, a cluster related to the original; disconnected. */
  CLOUD_HSM_CLUSTER_ID("CloudHsmClusterId", ConnectionState.DISCONNECTED),
  /** {@code XksProxyUriEndpoint}, external only; disconnected. */
  XKS_PROXY_URI_ENDPOINT("XksProxyUriEndpoint", ConnectionState.DISCONNECTED),
  /** {@code XksProxyUriPath}, external only; connected or disconnected. */
  XKS_PROXY_URI_PATH("XksProxyUriPath", ConnectionState.CONNECTED, ConnectionState.DISCONNECTED),
  /** {@code XksProxyAuthenticationCredential}, external only; connected or disconnected. */
  XKS_PROXY_AUTHENTICATION_CREDENTIAL(
      "XksProxyAuthenticationCredential", ConnectionState.CONNECTED, ConnectionState.DISCONNECTED),
  /** {@code XksProxyConnectivity}, external only; disconnected. */
  XKS_PROXY_CONNECTIVITY("XksProxyConnectivity", ConnectionState.DISCONNECTED),
  /** {@code XksProxyVpcEndpointServiceName}, external with VPC connectivity; disconnected. */
  XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME(
      "XksProxyVpcEndpointServiceName", ConnectionState.DISCONNECTED),
  /** {@code XksProxyVpcEndpointServiceOwner}, external with VPC connectivity; disconnected. */
  XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER(
      "XksProxyVpcEndpointServiceOwner", ConnectionState.DISCONNECTED);

  private final String member;
  private final Set<ConnectionState> allowedStates;

  UpdatableProperty(String member, ConnectionState first, ConnectionState... rest) {
    this.member = member;
    this.allowedStates = Collections.unmodifiableSet(EnumSet.of(first, rest));
  }

  /** The member of the {@code UpdateCustomKeyStore} request that carries the change. */
  public String member() {
    return member;
  }

  /** The connection states in which KMS accepts a change of this property. */
  public Set<ConnectionState> allowedStates() {
    return allowedStates;
  }

  /** Whether KMS accepts a change of this property while the store is in that state. */
  public boolean allowedIn(ConnectionState state) {
    return allowedStates.contains(state);
  }
}
