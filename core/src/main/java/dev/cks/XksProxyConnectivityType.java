package dev.cks;

/**
 * How KMS reaches an external key store's proxy: over the internet, or through a VPC endpoint
 * service.
 *
 * <p>A value that this version of cks does not know is read as {@link #UNKNOWN_TO_SDK_VERSION}, and
 * the type that holds it keeps the original text as well, so nothing is lost.
 */
public enum XksProxyConnectivityType {
  /** KMS reaches the proxy over the public internet. */
  PUBLIC_ENDPOINT("PUBLIC_ENDPOINT"),
  /** KMS reaches the proxy through an Amazon VPC endpoint service. */
  VPC_ENDPOINT_SERVICE("VPC_ENDPOINT_SERVICE"),
  /** A value sent by KMS that this version of cks does not know. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  XksProxyConnectivityType(String value) {
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
  public static XksProxyConnectivityType fromValue(String value) {
    if (value == null) {
      return null;
    }
    for (XksProxyConnectivityType candidate : values()) {
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
