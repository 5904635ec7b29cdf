package dev.cks;

/**
 * Why a custom key store is in the {@link ConnectionState#FAILED} state.
 *
 * <p>A value that this version of cks does not know is read as {@link #UNKNOWN_TO_SDK_VERSION}, and
 * the type that holds it keeps the original text as well, so nothing is lost.
 */
public enum ConnectionErrorCode {
  INVALID_CREDENTIALS("INVALID_CREDENTIALS"),
  CLUSTER_NOT_FOUND("CLUSTER_NOT_FOUND"),
  NETWORK_ERRORS("NETWORK_ERRORS"),
  INTERNAL_ERROR("INTERNAL_ERROR"),
  INSUFFICIENT_CLOUDHSM_HSMS("INSUFFICIENT_CLOUDHSM_HSMS"),
  USER_LOCKED_OUT("USER_LOCKED_OUT"),
  USER_NOT_FOUND("USER_NOT_FOUND"),
  USER_LOGGED_IN("USER_LOGGED_IN"),
  SUBNET_NOT_FOUND("SUBNET_NOT_FOUND"),
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET"),
  XKS_PROXY_ACCESS_DENIED("XKS_PROXY_ACCESS_DENIED"),
  XKS_PROXY_NOT_REACHABLE("XKS_PROXY_NOT_REACHABLE"),
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND("XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND"),
  XKS_PROXY_INVALID_RESPONSE("XKS_PROXY_INVALID_RESPONSE"),
  XKS_PROXY_INVALID_CONFIGURATION("XKS_PROXY_INVALID_CONFIGURATION"),
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION("XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION"),
  XKS_PROXY_TIMED_OUT("XKS_PROXY_TIMED_OUT"),
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
