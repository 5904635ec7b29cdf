package dev.cks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A change to an external key store.
 *
 * <pre>{@code
 * ExternalKeyStoreUpdate rotation = ExternalKeyStoreUpdate.builder()
 *     .customKeyStoreId("cks-1234567890abcdef0")
 *     .proxyCredential(XksProxyCredential.of(newAccessKeyId, Secret.of(newRawSecret)))
 *     .build();
 * rotation.requiresDisconnected(); // false: a credential can change while connected
 * }</pre>
 *
 * <p>To switch connectivity, give the new {@link #connectivity()} together with the new endpoint,
 * as KMS requires; the VPC endpoint service's name and owner travel inside a {@link
 * VpcEndpointService}. To change only the VPC endpoint service of a store that stays on VPC
 * connectivity, give {@link #vpcEndpointServiceName()} or {@link #vpcEndpointServiceOwner()}
 * instead. {@code build()} checks every value given and these combinations, and throws one {@link
 * ValidationException} listing every violation.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class ExternalKeyStoreUpdate implements CustomKeyStoreUpdate {

  ExternalKeyStoreUpdate() {}

  /** Starts a staged builder: the store id, then any changes, then {@code build()}. */
  public static ImmutableExternalKeyStoreUpdate.CustomKeyStoreIdBuildStage builder() {
    return ImmutableExternalKeyStoreUpdate.builder();
  }

  @Override
  public abstract String customKeyStoreId();

  @Override
  public abstract Optional<String> newName();

  /** The new {@code XksProxyUriEndpoint}. Required when the connectivity changes. */
  public abstract Optional<String> proxyUriEndpoint();

  /** The new {@code XksProxyUriPath}. */
  public abstract Optional<String> proxyUriPath();

  /** The new {@code XksProxyAuthenticationCredential}; both parts always change together. */
  public abstract Optional<XksProxyCredential> proxyCredential();

  /**
   * The new connectivity ({@code XksProxyConnectivity}, and for a VPC endpoint service its name and
   * optional owner).
   */
  public abstract Optional<XksProxyConnectivity> connectivity();

  /**
   * A new {@code XksProxyVpcEndpointServiceName} for a store that keeps VPC connectivity. Not
   * allowed together with {@link #connectivity()}, which carries its own.
   */
  public abstract Optional<String> vpcEndpointServiceName();

  /**
   * A new {@code XksProxyVpcEndpointServiceOwner} for a store that keeps VPC connectivity. Not
   * allowed together with {@link #connectivity()}, which carries its own.
   */
  public abstract Optional<String> vpcEndpointServiceOwner();

  /** Always {@link CustomKeyStoreType#EXTERNAL_KEY_STORE}. */
  @Override
  public final CustomKeyStoreType storeType() {
    return CustomKeyStoreType.EXTERNAL_KEY_STORE;
  }

  @Override
  public final Set<UpdatableProperty> changes() {
    Set<UpdatableProperty> changes = EnumSet.noneOf(UpdatableProperty.class);
    newName().ifPresent(value -> changes.add(UpdatableProperty.NAME));
    proxyUriEndpoint().ifPresent(value -> changes.add(UpdatableProperty.XKS_PROXY_URI_ENDPOINT));
    proxyUriPath().ifPresent(value -> changes.add(UpdatableProperty.XKS_PROXY_URI_PATH));
    proxyCredential()
        .ifPresent(value -> changes.add(UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL));
    connectivity()
        .ifPresent(
            value -> {
              changes.add(UpdatableProperty.XKS_PROXY_CONNECTIVITY);
              if (value instanceof VpcEndpointService vpc) {
                changes.add(UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME);
                vpc.serviceOwner()
                    .ifPresent(
                        owner ->
                            changes.add(UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER));
              }
            });
    vpcEndpointServiceName()
        .ifPresent(value -> changes.add(UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME));
    vpcEndpointServiceOwner()
        .ifPresent(value -> changes.add(UpdatableProperty.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER));
    return Collections.unmodifiableSet(changes);
  }

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(Constraints.customKeyStoreId("CustomKeyStoreId", customKeyStoreId()));
    newName()
        .ifPresent(
            name -> found.addAll(Constraints.customKeyStoreName("NewCustomKeyStoreName", name)));
    proxyUriEndpoint()
        .ifPresent(
            endpoint ->
                found.addAll(Constraints.xksProxyUriEndpoint("XksProxyUriEndpoint", endpoint)));
    proxyUriPath()
        .ifPresent(path -> found.addAll(Constraints.xksProxyUriPath("XksProxyUriPath", path)));
    vpcEndpointServiceName()
        .ifPresent(
            name ->
                found.addAll(
                    Constraints.xksProxyVpcEndpointServiceName(
                        "XksProxyVpcEndpointServiceName", name)));
    vpcEndpointServiceOwner()
        .ifPresent(
            owner -> found.addAll(Constraints.accountId("XksProxyVpcEndpointServiceOwner", owner)));
    connectivity().ifPresent(connectivity -> found.addAll(connectivityRules(connectivity)));
    ValidationException.throwIfAny(found);
  }

  private List<Violation> connectivityRules(XksProxyConnectivity connectivity) {
    List<Violation> found = new ArrayList<>();
    if (proxyUriEndpoint().isEmpty()) {
      found.add(
          Violation.described(
              "XksProxyUriEndpoint",
              "is required when XksProxyConnectivity changes to " + connectivity.type(),
              "missing"));
    }
    vpcEndpointServiceName()
        .ifPresent(
            name ->
                found.add(
                    Violation.of(
                        "XksProxyVpcEndpointServiceName",
                        "must not be given apart from the new connectivity"
                            + " when XksProxyConnectivity changes",
                        name)));
    vpcEndpointServiceOwner()
        .ifPresent(
            owner ->
                found.add(
                    Violation.of(
                        "XksProxyVpcEndpointServiceOwner",
                        "must not be given apart from the new connectivity"
                            + " when XksProxyConnectivity changes",
                        owner)));
    return found;
  }
}
