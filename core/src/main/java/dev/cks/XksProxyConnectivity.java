package dev.cks;

/**
 * How KMS reaches an external key store's proxy: {@link PublicEndpoint over the internet}, or
 * {@link VpcEndpointService through a VPC endpoint service}. Values that only make sense for a VPC
 * endpoint service (its name and owner) exist only on that kind, so they cannot be attached to
 * public connectivity.
 */
public sealed interface XksProxyConnectivity permits PublicEndpoint, VpcEndpointService {

  /** Connectivity over the public internet ({@code PUBLIC_ENDPOINT}). */
  static XksProxyConnectivity publicEndpoint() {
    return PublicEndpoint.INSTANCE;
  }

  /**
   * Connectivity through the VPC endpoint service of that name, owned by the caller's account
   * ({@code VPC_ENDPOINT_SERVICE}).
   *
   * @throws ValidationException if the name breaks a rule of {@code XksProxyVpcEndpointServiceName}
   */
  static VpcEndpointService vpcEndpointService(String serviceName) {
    return VpcEndpointService.builder().serviceName(serviceName).build();
  }

  /**
   * Connectivity through the VPC endpoint service of that name, owned by another account.
   *
   * @throws ValidationException if the name or the owner breaks a rule, naming each
   */
  static VpcEndpointService vpcEndpointService(String serviceName, String serviceOwner) {
    return VpcEndpointService.builder().serviceName(serviceName).serviceOwner(serviceOwner).build();
  }

  /** The {@code XksProxyConnectivity} value KMS uses for this kind. */
  XksProxyConnectivityType type();
}
