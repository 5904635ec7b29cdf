package dev.cks;

/**
 * The connection state of a custom key store, as KMS reports it.
 *
 * <p>A value that this version of cks does not know is read as {@link #UNKNOWN_TO_SDK_VERSION}, and
 * the type that holds it keeps the original text as well, so nothing is lost.
 */
public enum ConnectionState {
  /** KMS is connected to the backing cluster or proxy; keys in the store can be used. */
  CONNECTED("CONNECTED"),
  /** A connect is in progress; it ends in {@link #CONNECTED} or {@link #FAILED}. */
  CONNECTING("CONNECTING"),
  /**
   * The last connect failed; the store's {@code ConnectionErrorCode} says why. Disconnect before
   * connecting again.
   */
  FAILED("FAILED"),
  /** Not connected: never connected, or disconnected on request. Every property can be updated. */
  DISCONNECTED("DISCONNECTED"),
  /** A disconnect is in progress; it ends in {@link #DISCONNECTED}. */
  DISCONNECTING("DISCONNECTING"),
  /** A value sent by KMS that this version of cks does not know. */
  UNKNOWN_TO_SDK_VERSION(null);

  private final String value;

  ConnectionState(String value) {
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
  public static ConnectionState fromValue(String value) {
    if (value == null) {
      return null;
    }
    for (ConnectionState candidate : values()) {
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
