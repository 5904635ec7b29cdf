package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.check.CheckReport;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import java.time.Duration;

/**
 * Checking an XKS proxy the way KMS will, before creating the external key store that needs it. The
 * report has one line per check: the name, DNS, TLS and its certificate, the path, the credential,
 * health, a key's metadata and a round trip with it, and each call's latency. The first spec names
 * a path the proxy does not serve, and the report says so; the second passes and the store is
 * created.
 */
public final class CheckProxyFirst {

  private CheckProxyFirst() {}

  /** Runs the example. */
  public static void main(String[] args) {
    XksProxyCredential credential = XksProxyCredential.generate();
    try (Sandbox sandbox = Sandbox.start("proxy.example.com", "/kms/xks/v1", credential, null);
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(sandbox.kms).build()) {
      CheckReport wrongPath =
          sandbox.proxyCheck(spec("/example-prefix/kms/xks/v1", credential)).build().run();
      System.out.println(wrongPath.render());

      ExternalKeyStoreSpec spec = spec("/kms/xks/v1", credential);
      CheckReport report = sandbox.proxyCheck(spec).keyId("example-key").build().run();
      System.out.println(report.render());
      if (!report.passed()) {
        System.out.println("Not creating the key store until the proxy passes.");
        return;
      }
      String id = client.create(spec);
      client.connect(id);
      ConnectionResult result = client.awaitConnected(id, Duration.ofMinutes(5));
      System.out.println(
          "Created " + id + "; it is " + result.store().connectionStateAsString() + ".");
    }
  }

  private static ExternalKeyStoreSpec spec(String uriPath, XksProxyCredential credential) {
    return ExternalKeyStoreSpec.builder()
        .name("CheckedKeyStore")
        .proxyUriEndpoint("https://proxy.example.com")
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(uriPath)
        .proxyCredential(credential)
        .build();
  }
}
