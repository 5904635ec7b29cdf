package dev.cks.examples;

import dev.cks.XksProxyCredential;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What every example runs on instead of AWS: a local XKS proxy for a host name and URI path, with
 * one AES-256 key, and an in-memory {@link LocalKms} that trusts the proxy and reaches its host
 * name on loopback.
 */
final class Sandbox implements AutoCloseable {

  final LocalXksProxy proxy;
  final LocalKms kms;

  private Sandbox(LocalXksProxy proxy, LocalKms kms) {
    this.proxy = proxy;
    this.kms = kms;
  }

  /**
   * A proxy serving {@code host} (and {@code otherHosts}) and {@code uriPath} with {@code
   * credential}, and a LocalKms that reaches it under each of those names, where VPC endpoint
   * service {@code vpcService} (when not null) leads to it too.
   */
  static Sandbox start(
      String host,
      String uriPath,
      XksProxyCredential credential,
      String vpcService,
      String... otherHosts) {
    List<String> hosts = new ArrayList<>(List.of(host));
    hosts.addAll(List.of(otherHosts));
    LocalXksProxy proxy =
        LocalXksProxy.builder()
            .hostnames(hosts)
            .store(
                ProxyKeyStore.builder(
                        uriPath,
                        InMemoryKeySource.create()
                            .addKey("example-key", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
                    .credential(credential)
                    .build())
            .start();
    LocalKms.Builder kms =
        LocalKms.builder()
            .region(proxy.region())
            .trustPem(proxy.certificatePem().orElseThrow())
            .proxyTimeout(Duration.ofSeconds(5))
            // A store takes a moment to connect, as with KMS (where it takes minutes).
            .connectDelay(Duration.ofMillis(400));
    hosts.forEach(name -> kms.resolve(name, proxy.address()));
    if (vpcService != null) {
      kms.vpcEndpointService(vpcService, "111122223333", proxy.address());
    }
    return new Sandbox(proxy, kms.build());
  }

  @Override
  public void close() {
    kms.close();
    proxy.close();
  }
}
