package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import java.time.Duration;

/**
 * The KMS documentation's example of an external key store with public-endpoint connectivity,
 * created, connected and awaited. Its access key id, {@code ABCDE12345670EXAMPLE}, is one KMS
 * refuses: cks says why before anything is sent, and the example goes on with a valid one.
 */
public final class PublicEndpointKeyStore {

  private PublicEndpointKeyStore() {}

  /** Runs the example. */
  public static void main(String[] args) {
    Secret secret = Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=");
    try {
      XksProxyCredential.of("ABCDE12345670EXAMPLE", secret);
    } catch (ValidationException e) {
      System.out.println("The documented access key id is refused:");
      System.out.println("  " + e.getMessage());
    }
    XksProxyCredential credential = XksProxyCredential.of("ABCDEFGHIJKLMNOPQRST", secret);
    System.out.println("Going on with access key id " + credential.accessKeyId() + ".");

    try (Sandbox sandbox =
            Sandbox.start("myproxy.xks.example.com", "/kms/xks/v1", credential, null);
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(sandbox.kms).build()) {
      ExternalKeyStoreSpec spec =
          ExternalKeyStoreSpec.builder()
              .name("ExamplePublicEndpointKeyStore")
              .proxyUriEndpoint("https://myproxy.xks.example.com")
              .connectivity(XksProxyConnectivity.publicEndpoint())
              .proxyUriPath("/kms/xks/v1")
              .proxyCredential(credential)
              .build();
      String id = client.create(spec);
      client.connect(id);
      ConnectionResult result = client.awaitConnected(id, Duration.ofMinutes(5));
      System.out.println(
          "Created " + id + "; it is " + result.store().connectionStateAsString() + ".");
    }
  }
}
