package dev.cks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * KMS reaches the proxy through an Amazon VPC endpoint service: the service's name, and the account
 * that owns it when that is not the caller's account.
 *
 * <pre>{@code
 * VpcEndpointService vpc = XksProxyConnectivity.vpcEndpointService(
 *     "com.amazonaws.vpce.us-east-1.vpce-svc-example1", "111122223333");
 * }</pre>
 *
 * <p>{@code build()} checks both values and throws one {@link ValidationException} listing every
 * violation.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class VpcEndpointService implements XksProxyConnectivity {

  VpcEndpointService() {}

  /** Starts a staged builder: service name, then optionally the owner, then {@code build()}. */
  public static ImmutableVpcEndpointService.ServiceNameBuildStage builder() {
    return ImmutableVpcEndpointService.builder();
  }

  /**
   * The {@code XksProxyVpcEndpointServiceName}, such as {@code
   * com.amazonaws.vpce.us-east-1.vpce-svc-example1}.
   */
  public abstract String serviceName();

  /**
   * The {@code XksProxyVpcEndpointServiceOwner}: the 12-digit id of the account that owns the
   * service. Empty means the caller's own account.
   */
  public abstract Optional<String> serviceOwner();

  /** Always {@link XksProxyConnectivityType#VPC_ENDPOINT_SERVICE}. */
  @Override
  public final XksProxyConnectivityType type() {
    return XksProxyConnectivityType.VPC_ENDPOINT_SERVICE;
  }

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(
        Constraints.xksProxyVpcEndpointServiceName(
            "XksProxyVpcEndpointServiceName", serviceName()));
    serviceOwner()
        .ifPresent(
            owner -> found.addAll(Constraints.accountId("XksProxyVpcEndpointServiceOwner", owner)));
    ValidationException.throwIfAny(found);
  }
}
