package dev.cks.client;

import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.UpdatableProperty;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One step of an {@link EnsurePlan}: a call to KMS or a wait for a connection state, with a
 * sentence that says what it does and why. A step never holds a secret in its text.
 */
public final class PlanStep {

  /** What a step does. */
  public enum Action {
    /** {@code CreateCustomKeyStore}. */
    CREATE,
    /** {@code DisconnectCustomKeyStore}. */
    DISCONNECT,
    /** Wait until the store is {@code DISCONNECTED}. */
    AWAIT_DISCONNECTED,
    /** Wait until a connecting store is {@code CONNECTED} (or {@code FAILED}). */
    AWAIT_CONNECTED,
    /** {@code UpdateCustomKeyStore} with every change at once. */
    UPDATE,
    /** {@code ConnectCustomKeyStore}. */
    CONNECT
  }

  private final Action action;
  private final String description;
  private final CustomKeyStoreSpec spec;
  private final CustomKeyStoreUpdate update;

  private PlanStep(
      Action action, String description, CustomKeyStoreSpec spec, CustomKeyStoreUpdate update) {
    this.action = action;
    this.description = description;
    this.spec = spec;
    this.update = update;
  }

  static PlanStep create(CustomKeyStoreSpec spec, String description) {
    return new PlanStep(Action.CREATE, description, spec, null);
  }

  static PlanStep update(CustomKeyStoreUpdate update, String description) {
    return new PlanStep(Action.UPDATE, description, null, update);
  }

  static PlanStep of(Action action, String description) {
    return new PlanStep(action, description, null, null);
  }

  /** What the step does. */
  public Action action() {
    return action;
  }

  /** The properties an {@link Action#UPDATE} changes; empty for other steps. */
  public Set<UpdatableProperty> changes() {
    return update == null ? Set.of() : update.changes();
  }

  /** A sentence saying what the step does and why. */
  public String description() {
    return description;
  }

  Optional<CustomKeyStoreSpec> spec() {
    return Optional.ofNullable(spec);
  }

  Optional<CustomKeyStoreUpdate> updateRequest() {
    return Optional.ofNullable(update);
  }

  /** Steps are equal when they do the same thing with the same description. */
  @Override
  public boolean equals(Object other) {
    return other instanceof PlanStep
        && ((PlanStep) other).action == action
        && ((PlanStep) other).description.equals(description)
        && ((PlanStep) other).changes().equals(changes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, description, changes());
  }

  @Override
  public String toString() {
    return description;
  }
}
