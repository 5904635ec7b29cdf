package dev.cks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A change to a CloudHSM key store: a new name, a new {@code kmsuser} password, or a related
 * cluster.
 *
 * <pre>{@code
 * CloudHsmKeyStoreUpdate update = CloudHsmKeyStoreUpdate.builder()
 *     .customKeyStoreId("cks-1234567890abcdef0")
 *     .keyStorePassword(Secret.of(newPassword))
 *     .build();
 * update.requiresDisconnected(); // true: a password change needs DISCONNECTED
 * }</pre>
 *
 * <p>{@code build()} checks every value given and throws one {@link ValidationException} listing
 * every violation.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class CloudHsmKeyStoreUpdate implements CustomKeyStoreUpdate {

  CloudHsmKeyStoreUpdate() {}

  /** Starts a staged builder: the store id, then any changes, then {@code build()}. */
  public static ImmutableCloudHsmKeyStoreUpdate.CustomKeyStoreIdBuildStage builder() {
    return ImmutableCloudHsmKeyStoreUpdate.builder();
  }

  @Override
  public abstract String customKeyStoreId();

  @Override
  public abstract Optional<String> newName();

  /** The new {@code KeyStorePassword}, after it was changed for {@code kmsuser} in the cluster. */
  public abstract Optional<Secret> keyStorePassword();

  /** The new {@code CloudHsmClusterId}: a cluster that shares the original's backup history. */
  public abstract Optional<String> cloudHsmClusterId();

  /** Always {@link CustomKeyStoreType#AWS_CLOUDHSM}. */
  @Override
  public final CustomKeyStoreType storeType() {
    return CustomKeyStoreType.AWS_CLOUDHSM;
  }

  @Override
  public final Set<UpdatableProperty> changes() {
    Set<UpdatableProperty> changes = EnumSet.noneOf(UpdatableProperty.class);
    newName().ifPresent(value -> changes.add(UpdatableProperty.NAME));
    keyStorePassword().ifPresent(value -> changes.add(UpdatableProperty.KEY_STORE_PASSWORD));
    cloudHsmClusterId().ifPresent(value -> changes.add(UpdatableProperty.CLOUD_HSM_CLUSTER_ID));
    return Collections.unmodifiableSet(changes);
  }

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(Constraints.customKeyStoreId("CustomKeyStoreId", customKeyStoreId()));
    newName()
        .ifPresent(
            name -> found.addAll(Constraints.customKeyStoreName("NewCustomKeyStoreName", name)));
    keyStorePassword()
        .ifPresent(
            password -> found.addAll(Constraints.keyStorePassword("KeyStorePassword", password)));
    cloudHsmClusterId()
        .ifPresent(id -> found.addAll(Constraints.cloudHsmClusterId("CloudHsmClusterId", id)));
    ValidationException.throwIfAny(found);
  }
}
