package dev.cks.examples;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import java.time.Duration;

/**
 * The KMS documentation's example of an external key store reached through a VPC endpoint service,
 * with a valid access key id in place of the documented one, which KMS refuses. KMS checks the
 * service when the store is created and first calls the proxy when it connects.
 */
public final class VpcEndpointServiceKeyStore {

  private VpcEndpointServiceKeyStore() {}

  /** Runs the example. */
  public static void main(String[] args) {
    String service = "com.amazonaws.vpce.us-east-1.vpce-svc-example1";
    XksProxyCredential credential =
        XksProxyCredential.of(
            "ABCDEFGHIJKLMNOPQRST", Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo="));
    try (Sandbox sandbox =
            Sandbox.start(
                "myproxy-private.xks.example.com",
                "/example-prefix/kms/xks/v1",
                credential,
                service);
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(sandbox.kms).build()) {
      String id =
          client.create(
              ExternalKeyStoreSpec.builder()
                  .name("ExampleVPCEndpointKeyStore")
                  .proxyUriEndpoint("https://myproxy-private.xks.example.com")
                  .connectivity(XksProxyConnectivity.vpcEndpointService(service))
                  .proxyUriPath("/example-prefix/kms/xks/v1")
                  .proxyCredential(credential)
                  .build());
      client.connect(id);
      ConnectionResult result = client.awaitConnected(id, Duration.ofMinutes(5));
      System.out.println(
          "Created "
              + id
              + " behind "
              + service
              + "; it is "
              + result.store().connectionStateAsString()
              + ".");
    }
  }
}
