package dev.cks;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A change to an existing custom key store: the input of {@code UpdateCustomKeyStore}.
 *
 * <p>There is one kind per store kind, {@link CloudHsmKeyStoreUpdate} and {@link
 * ExternalKeyStoreUpdate}, so a change that does not apply to a store's kind cannot be expressed.
 * Each update names the {@link #changes() properties it changes}; each property knows the
 * connection states KMS accepts its change in, so the states the whole update can be applied in
 * follow from the data: see {@link #allowedStates()}.
 */
public sealed interface CustomKeyStoreUpdate
    permits CloudHsmKeyStoreUpdate, ExternalKeyStoreUpdate {

  /** The {@code CustomKeyStoreId} of the store to change. */
  String customKeyStoreId();

  /** The {@code NewCustomKeyStoreName}, when the name changes. */
  Optional<String> newName();

  /** The kind of store this update applies to. */
  CustomKeyStoreType storeType();

  /** The properties this update changes, in the order of {@link UpdatableProperty}. */
  Set<UpdatableProperty> changes();

  /**
   * The connection states in which KMS accepts this whole update: those every change allows. An
   * update that changes nothing is accepted wherever an update is, connected or disconnected.
   */
  default Set<ConnectionState> allowedStates() {
    Set<ConnectionState> states =
        EnumSet.of(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED);
    for (UpdatableProperty change : changes()) {
      states.retainAll(change.allowedStates());
    }
    return Collections.unmodifiableSet(states);
  }

  /** Whether the store must be disconnected before this update can be applied. */
  default boolean requiresDisconnected() {
    return !allowedStates().contains(ConnectionState.CONNECTED);
  }
}
