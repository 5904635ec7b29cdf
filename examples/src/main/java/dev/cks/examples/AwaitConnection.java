package dev.cks.examples;

import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.WaitListener;
import java.time.Duration;
import java.util.Set;

/**
 * Waiting for a connection: {@code ConnectCustomKeyStore} returns at once, and the store connects
 * later (about five minutes for an external key store, up to twenty for CloudHSM). The client polls
 * with growing delays, tells a listener of each poll, and, when the connection fails, says why and
 * what fixes it.
 */
public final class AwaitConnection {

  private AwaitConnection() {}

  /** Runs the example. */
  public static void main(String[] args) {
    XksProxyCredential credential = XksProxyCredential.generate();
    try (Sandbox sandbox = Sandbox.start("proxy.example.com", "/kms/xks/v1", credential, null);
        CustomKeyStoreClient client =
            CustomKeyStoreClient.builder()
                .backend(sandbox.kms)
                .pollDelays(Duration.ofMillis(100), Duration.ofSeconds(5))
                .build()) {
      String id =
          client.create(
              ExternalKeyStoreSpec.builder()
                  .name("AwaitedKeyStore")
                  .proxyUriEndpoint("https://proxy.example.com")
                  .connectivity(XksProxyConnectivity.publicEndpoint())
                  .proxyUriPath("/kms/xks/v1")
                  .proxyCredential(credential)
                  .build());
      WaitListener progress =
          (store, poll, elapsed) ->
              System.out.println(
                  "  poll " + poll + ": " + store.connectionStateAsString() + " after " + elapsed);

      client.connect(id);
      ConnectionResult connected = client.awaitConnected(id, Duration.ofMinutes(5), progress);
      System.out.println(id + " is " + connected.store().connectionStateAsString() + ".");

      // The proxy stops accepting the credential KMS holds; the next connection fails.
      client.disconnect(id);
      sandbox.proxy.store("/kms/xks/v1").orElseThrow().removeCredential(credential.accessKeyId());
      client.awaitState(id, Set.of(ConnectionState.DISCONNECTED), Duration.ofMinutes(1), progress);
      client.connect(id);
      ConnectionResult failed = client.awaitConnected(id, Duration.ofMinutes(5), progress);
      System.out.println(
          id
              + " is "
              + failed.store().connectionStateAsString()
              + " ("
              + failed.store().connectionErrorCodeAsString().orElse("no code")
              + ").");
      System.out.print(failed.diagnosis().orElseThrow().toText());
    }
  }
}
