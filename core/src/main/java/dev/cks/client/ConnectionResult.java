package dev.cks.client;

import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.Optional;

/**
 * How a wait for a connection ended: the store as last described, how long the wait took, and, when
 * the store ended {@code FAILED}, the diagnosis of its connection error code.
 *
 * @param store the last description of the store
 * @param waited how long the wait took
 * @param diagnosis the diagnosis of a {@code FAILED} store
 */
public record ConnectionResult(
    CustomKeyStoreDescription store, Duration waited, Optional<Diagnosis> diagnosis) {

  /** Whether the store is {@code CONNECTED}. */
  public boolean connected() {
    return store.connectionState() == ConnectionState.CONNECTED;
  }
}
