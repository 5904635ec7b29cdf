package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.PreflightFailedException;
import dev.cks.local.ProxyKeyStore;

/**
 * Rotating an external key store's proxy credential without disconnecting. The proxy accepts the
 * new credential first; the client checks it against the proxy, as KMS will, and only then gives it
 * to KMS; once KMS has it, the proxy drops the old one. Tried too early, the rotation stops at the
 * check and changes nothing.
 */
public final class RotateXksCredential {

  private RotateXksCredential() {}

  /** Runs the example. */
  public static void main(String[] args) {
    XksProxyCredential old = XksProxyCredential.generate();
    try (Sandbox sandbox = Sandbox.start("proxy.example.com", "/kms/xks/v1", old, null);
        CustomKeyStoreClient client =
            CustomKeyStoreClient.builder()
                .backend(sandbox.kms)
                .proxyPreflight(spec -> sandbox.proxyCheck(spec).build().run())
                .build()) {
      ExternalKeyStoreSpec spec =
          ExternalKeyStoreSpec.builder()
              .name("RotatedKeyStore")
              .proxyUriEndpoint("https://proxy.example.com")
              .connectivity(XksProxyConnectivity.publicEndpoint())
              .proxyUriPath("/kms/xks/v1")
              .proxyCredential(old)
              .build();
      String id =
          client
              .ensure(spec, EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).build())
              .store()
              .customKeyStoreId();
      ProxyKeyStore proxyStore = sandbox.proxy.store("/kms/xks/v1").orElseThrow();
      XksProxyCredential next = XksProxyCredential.generate();

      try {
        client.rotateXksCredential(id, next);
      } catch (PreflightFailedException e) {
        System.out.println("Too early, the proxy does not know the new credential yet:");
        System.out.println(e.getMessage().indent(2).stripTrailing());
      }

      proxyStore.addCredential(next);
      client.rotateXksCredential(id, next);
      proxyStore.removeCredential(old.accessKeyId());

      System.out.println(
          "Rotated: KMS now signs with "
              + client.describe(id).xksProxyConfiguration().orElseThrow().accessKeyId()
              + " and the store is still "
              + client.describe(id).connectionStateAsString()
              + ".");
    }
  }
}
