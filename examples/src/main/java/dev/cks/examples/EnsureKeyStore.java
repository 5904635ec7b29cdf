package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.EnsurePlan;
import dev.cks.client.EnsureResult;

/**
 * Declaring a key store instead of scripting it: {@code ensure} creates the store or adopts the one
 * of that name, and brings it to the spec in the order KMS needs (a new endpoint only while
 * disconnected). {@code plan} shows the same steps without taking them, like a dry run.
 */
public final class EnsureKeyStore {

  private EnsureKeyStore() {}

  /** Runs the example. */
  public static void main(String[] args) {
    XksProxyCredential credential = XksProxyCredential.generate();
    try (Sandbox sandbox =
            Sandbox.start(
                "proxy.example.com", "/kms/xks/v1", credential, null, "proxy2.example.com");
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(sandbox.kms).build()) {
      EnsureOptions connected = EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).build();

      EnsureResult created =
          client.ensure(spec("https://proxy.example.com", credential), connected);
      System.out.print(created.plan().render());
      System.out.println("-> " + created.store().connectionStateAsString());

      System.out.print(
          client.plan(spec("https://proxy.example.com", credential), connected).render());

      EnsurePlan moved = client.plan(spec("https://proxy2.example.com", credential), connected);
      System.out.print(moved.render());
      EnsureResult result = client.apply(moved);
      System.out.println(
          "-> "
              + result.store().connectionStateAsString()
              + " at "
              + result.store().xksProxyConfiguration().orElseThrow().uriEndpoint());
    }
  }

  private static ExternalKeyStoreSpec spec(String endpoint, XksProxyCredential credential) {
    return ExternalKeyStoreSpec.builder()
        .name("DeclaredKeyStore")
        .proxyUriEndpoint(endpoint)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath("/kms/xks/v1")
        .proxyCredential(credential)
        .build();
  }
}
