package dev.cks;

/**
 * Why a custom key store is in the {@link ConnectionState#FAILED} state.
 *
 * <p>A value that this version of cks does not know is read as {@link #UNKNOWN_TO_SDK_VERSION}, and
 * the type that holds it keeps the original text as well, so nothing is lost.
 */
public enum ConnectionErrorCode {
  /**
   * CloudHSM: the stored {@code KeyStorePassword} is not the {@code kmsuser} password. External:
   * the proxy rejected the authentication credential.
   */
  INVALID_CREDENTIALS("INVALID_CREDENTIALS"),
  /** CloudHSM: no cluster has the store's cluster id. */
  CLUSTER_NOT_FOUND("CLUSTER_NOT_FOUND"),
  /** Network problems, usually passing; disconnect, wait, and connect again. */
  NETWORK_ERRORS("NETWORK_ERRORS"),
  /** An internal error in KMS; disconnect and connect again. */
  INTERNAL_ERROR("INTERNAL_ERROR"),
  /** CloudHSM: the cluster has no active HSM. */
  INSUFFICIENT_CLOUDHSM_HSMS("INSUFFICIENT_CLOUDHSM_HSMS"),
  /** CloudHSM: {@code kmsuser} is locked out after too many wrong passwords. */
  USER_LOCKED_OUT("USER_LOCKED_OUT"),
  /** CloudHSM: the cluster has no {@code kmsuser} crypto user. */
  USER_NOT_FOUND("USER_NOT_FOUND"),
  /** CloudHSM: {@code kmsuser} is logged in, so KMS cannot rotate its password and log in. */
  USER_LOGGED_IN("USER_LOGGED_IN"),
  /** CloudHSM: a subnet of the cluster's configuration was deleted. */
  SUBNET_NOT_FOUND("SUBNET_NOT_FOUND"),
  /** CloudHSM: a private subnet of the cluster has no free IP address. */
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET"),
  /** External: the proxy's authorization rules deny KMS. */
  XKS_PROXY_ACCESS_DENIED("XKS_PROXY_ACCESS_DENIED"),
  /**
   * External: KMS cannot reach the proxy, or the proxy reports every key manager instance
   * unavailable.
   */
  XKS_PROXY_NOT_REACHABLE("XKS_PROXY_NOT_REACHABLE"),
  /** External: the VPC endpoint service is not found, or KMS may not use it. */
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND"),
  /** External: KMS could not understand the proxy's answer. */
  XKS_PROXY_INVALID_RESPONSE("XKS_PROXY_INVALID_RESPONSE"),
  /** External: a configuration error; check the {@code XksProxyUriPath}. */
  XKS_PROXY_INVALID_CONFIGURATION("XKS_PROXY_INVALID_CONFIGURATION"),
  /** External: the VPC endpoint service does not meet KMS's requirements. */
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION("XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION"),
  /** External: the proxy was reached but did not answer in time. */
  XKS_PROXY_TIMED_OUT("XKS_PROXY_TIMED_OUT"),
  /**
   * External: the proxy's TLS set-up is not acceptable (version, certificate, host name or issuer).
   */
  XKS_PROXY_INVALID_TLS_CONFIGURATION("XKS_PROXY_INVALID_TLS_CONFIGURATION"),
  /** A value sent by KMS that this version of cks does not know. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  ConnectionErrorCode(String value) {
    this.value = value;
  }

  /** The name KMS uses on the wire, or {@code null} for {@link #UNKNOWN_TO_SDK_VERSION}. */
  public String value() {
    return value;
  }

  /**
   * The constant for a wire name; {@link #UNKNOWN_TO_SDK_VERSION} for a name this version does not
   * know, and {@code null} for {@code null}.
   */
  public static ConnectionErrorCode fromValue(String value) {
    if (value == null) {
      return null;
    }
    for (ConnectionErrorCode candidate : values()) {
      if (value.equals(candidate.value)) {
        return candidate;
      }
    }
    return UNKNOWN_TO_SDK_VERSION;
  }

  @Override
  public String toString() {
    return value == null ? name() : value;
  }
}
