package dev.cks.examples;

import dev.cks.XksProxyCredential;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import java.time.Duration;
import java.util.EnumSet;

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
   * A proxy serving {@code host} and {@code uriPath} with {@code credential}, and a LocalKms that
   * reaches it, where VPC endpoint service {@code vpcService} (when not null) leads to it too.
   */
  static Sandbox start(
      String host, String uriPath, XksProxyCredential credential, String vpcService) {
    LocalXksProxy proxy =
        LocalXksProxy.builder()
            .hostnames(host)
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
            .resolve(host, proxy.address())
            .proxyTimeout(Duration.ofSeconds(5));
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
