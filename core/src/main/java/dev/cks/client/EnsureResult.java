package dev.cks.client;

import dev.cks.CustomKeyStoreDescription;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ensure} or {@code apply} did: the plan it started from, the steps it carried out (a
 * wait that ends in another state than planned makes it plan again, so these can differ from the
 * plan's), the store as last described, and the outcome of the last wait for a connection.
 *
 * @param plan the plan the call started from
 * @param executed the steps carried out, in order
 * @param store the store after the last step
 * @param connection the outcome of the last wait for a connection, when there was one
 */
public record EnsureResult(
    EnsurePlan plan,
    List<PlanStep> executed,
    CustomKeyStoreDescription store,
    Optional<ConnectionResult> connection) {

  /** Copies the list. */
  public EnsureResult {
    executed = List.copyOf(executed);
  }

  /** Whether the last wait for a connection ended {@code FAILED}. */
  public boolean failedToConnect() {
    return connection.map(result -> !result.connected()).orElse(false);
  }
}
