package dev.cks.client;

import dev.cks.CksException;
import dev.cks.CustomKeyStoreDescription;

/** A wait for a connection state ran out of time; it carries the store as last described. */
public final class WaitTimeoutException extends CksException {

  private static final long serialVersionUID = 1L;

  private final transient CustomKeyStoreDescription lastSeen;

  WaitTimeoutException(String message, CustomKeyStoreDescription lastSeen) {
    super("WaitTimeout", 0, null, message, null);
    this.lastSeen = lastSeen;
  }

  /** The store as the last poll described it. */
  public CustomKeyStoreDescription lastSeen() {
    return lastSeen;
  }
}
