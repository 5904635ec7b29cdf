package dev.cks;

/**
 * The kind of a custom key store: backed by a CloudHSM cluster, or by an external key manager.
 *
 * <p>A value that this version of cks does not know is read as {@link #UNKNOWN_TO_SDK_VERSION}, and
 * the type that holds it keeps the original text as well, so nothing is lost.
 */
public enum CustomKeyStoreType {
  /** Backed by an AWS CloudHSM cluster; the default when a create request names no type. */
  AWS_CLOUDHSM("AWS_CLOUDHSM"),
  /** Backed by an external key manager behind an XKS proxy. */
  EXTERNAL_KEY_STORE("EXTERNAL_KEY_STORE"),
  /** A value sent by KMS that this version of cks does not know. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  CustomKeyStoreType(String value) {
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
  public static CustomKeyStoreType fromValue(String value) {
    if (value == null) {
      return null;
    }
    for (CustomKeyStoreType candidate : values()) {
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
