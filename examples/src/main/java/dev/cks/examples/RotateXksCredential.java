package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.CustomKeyStoreClient;
import java.time.Duration;

/**
 * Rotating an external key store's proxy credential without disconnecting: the proxy accepts the
 * new credential first, then KMS is given it (KMS checks it against the proxy before it applies the
 * change), and only then does the proxy drop the old one.
 */
public final class RotateXksCredential {

  private RotateXksCredential() {}

  /** Runs the example. */
  public static void main(String[] args) {
    XksProxyCredential old = XksProxyCredential.generate();
    try (Sandbox sandbox = Sandbox.start("proxy.example.com", "/kms/xks/v1", old, null);
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(sandbox.kms).build()) {
      String id =
          client.create(
              ExternalKeyStoreSpec.builder()
                  .name("RotatedKeyStore")
                  .proxyUriEndpoint("https://proxy.example.com")
                  .connectivity(XksProxyConnectivity.publicEndpoint())
                  .proxyUriPath("/kms/xks/v1")
                  .proxyCredential(old)
                  .build());
      client.connect(id);
      client.awaitConnected(id, Duration.ofMinutes(5));

      XksProxyCredential next = XksProxyCredential.generate();
      sandbox.proxy.store("/kms/xks/v1").orElseThrow().addCredential(next);
      client.update(
          ExternalKeyStoreUpdate.builder().customKeyStoreId(id).proxyCredential(next).build());
      sandbox.proxy.store("/kms/xks/v1").orElseThrow().removeCredential(old.accessKeyId());

      System.out.println(
          "Rotated: KMS now signs with "
              + client.describe(id).xksProxyConfiguration().orElseThrow().accessKeyId()
              + " and the store is still "
              + client.describe(id).connectionStateAsString()
              + ".");
    }
  }
}
