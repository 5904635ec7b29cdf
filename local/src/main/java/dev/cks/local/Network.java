package dev.cks.local;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code LocalKms} reaches XKS proxies on this machine: host names mapped to addresses, the way
 * {@code curl --resolve} does, since a key store's endpoint carries no port; and the VPC endpoint
 * services that exist, each with its owner and the proxy address behind it.
 */
final class Network {

  /**
   * A VPC endpoint service: its owner account, the address of the proxy behind it, and, for a
   * service that breaks KMS's requirements, what is wrong with it.
   */
  record VpcService(
      String name, String owner, InetSocketAddress proxyAddress, Optional<String> problem) {}

  private final Map<String, InetSocketAddress> hosts;
  private final Map<String, VpcService> vpcServices;

  private Network(Map<String, InetSocketAddress> hosts, Map<String, VpcService> vpcServices) {
    this.hosts = Map.copyOf(hosts);
    this.vpcServices = Map.copyOf(vpcServices);
  }

  static Builder builder() {
    return new Builder();
  }

  /** The host name of an {@code XksProxyUriEndpoint} such as {@code https://proxy.example}. */
  static String host(String uriEndpoint) {
    return URI.create(uriEndpoint).getHost();
  }

  /** Where a public endpoint's host answers: the mapped address, or the host on port 443. */
  InetSocketAddress addressOf(String host) {
    InetSocketAddress mapped = hosts.get(host.toLowerCase(java.util.Locale.ROOT));
    return mapped != null ? mapped : InetSocketAddress.createUnresolved(host, 443);
  }

  /** The VPC endpoint service of this name, if one was declared. */
  Optional<VpcService> vpcService(String name) {
    return Optional.ofNullable(vpcServices.get(name));
  }

  static final class Builder {
    private final Map<String, InetSocketAddress> hosts = new HashMap<>();
    private final Map<String, VpcService> vpcServices = new HashMap<>();

    private Builder() {}

    void resolve(String host, InetSocketAddress address) {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(address, "address");
      hosts.put(host.toLowerCase(java.util.Locale.ROOT), address);
    }

    void vpcEndpointService(
        String name, String owner, InetSocketAddress proxyAddress, Optional<String> problem) {
      Objects.requireNonNull(name, "serviceName");
      Objects.requireNonNull(owner, "ownerAccountId");
      Objects.requireNonNull(proxyAddress, "proxyAddress");
      vpcServices.put(name, new VpcService(name, owner, proxyAddress, problem));
    }

    Network build() {
      return new Network(hosts, vpcServices);
    }
  }
}
