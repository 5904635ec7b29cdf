package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.diagnosis.Category;
import dev.cks.spi.DescribeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client facade over {@link LocalKms}, with a connect that takes time. */
class ClientOverLocalKmsTest {

  private final FakeBackends.Proxies proxies = new FakeBackends.Proxies();

  private CustomKeyStoreClient client() {
    LocalKms kms =
        LocalKms.builder()
            .proxyProbe(proxies)
            .clusterProbe(new FakeBackends.Clusters())
            .connectDelay(Duration.ofMillis(300))
            .build();
    return CustomKeyStoreClient.builder()
        .backend(kms)
        .pollDelays(Duration.ofMillis(50), Duration.ofMillis(200))
        .build();
  }

  private static ExternalKeyStoreSpec spec(String name) {
    return ExternalKeyStoreSpec.builder()
        .name(name)
        .proxyUriEndpoint("https://proxy.example.com")
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath("/" + name + "/kms/xks/v1")
        .proxyCredential(
            XksProxyCredential.of(
                "BCDEFGHIJKLMNOPQRSTU", Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=")))
        .build();
  }

  @Test
  void awaitConnected_waitsThroughConnectingUntilConnected() {
    try (CustomKeyStoreClient client = client()) {
      String id = client.create(spec("one"));
      client.connect(id);
      List<String> seen = new ArrayList<>();

      ConnectionResult result =
          client.awaitConnected(
              id,
              Duration.ofSeconds(30),
              (store, poll, elapsed) -> seen.add(store.connectionStateAsString()));

      assertThat(result.connected()).isTrue();
      assertThat(seen.get(0)).isEqualTo("CONNECTING");
      assertThat(seen.get(seen.size() - 1)).isEqualTo("CONNECTED");
    }
  }

  @Test
  void awaitConnected_ofAFailingProxy_explainsTheFailure() {
    try (CustomKeyStoreClient client = client()) {
      String id = client.create(spec("two"));
      proxies.failures.put("proxy.example.com", ProxyFailure.TLS);
      client.connect(id);

      ConnectionResult result = client.awaitConnected(id, Duration.ofSeconds(30));

      assertThat(result.connected()).isFalse();
      assertThat(result.diagnosis().orElseThrow().problem())
          .isEqualTo("XKS_PROXY_INVALID_TLS_CONFIGURATION");
      assertThat(result.diagnosis().orElseThrow().category()).isEqualTo(Category.TLS);
    }
  }

  @Test
  void stores_listsEveryStoreInCreationOrder() {
    try (CustomKeyStoreClient client = client()) {
      List<String> ids = List.of(client.create(spec("a")), client.create(spec("b")));

      assertThat(client.stores().map(store -> store.customKeyStoreId()).toList())
          .containsExactlyElementsOf(ids);
      assertThat(client.describeByName("b").orElseThrow().customKeyStoreId()).isEqualTo(ids.get(1));
      assertThat(client.describeByName("c")).isEmpty();
    }
  }

  @Test
  void aws_withTheDefaultChain_findsRegionCredentialsAndEndpointInTheEnvironment() {
    LocalKms kms = LocalKms.builder().proxyProbe(proxies).build();
    try (LocalKmsEndpoint endpoint = LocalKmsEndpoint.builder(kms).start()) {
      Map<String, String> properties =
          Map.of(
              "aws.region", "eu-west-1",
              "aws.accessKeyId", "AKIDEXAMPLE",
              "aws.secretAccessKey", "not-a-real-secret",
              "aws.endpointUrl", endpoint.url().toString());
      Map<String, String> saved = new HashMap<>();
      properties.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
      properties.forEach(System::setProperty);
      try (CustomKeyStoreClient client =
          CustomKeyStoreClient.builder().aws().callTimeout(Duration.ofSeconds(10)).build()) {
        String id = client.create(spec("from-env"));

        assertThat(client.describe(id).customKeyStoreName()).isEqualTo("from-env");
        assertThat(kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores()).hasSize(1);
      } finally {
        saved.forEach(
            (key, value) -> {
              if (value == null) {
                System.clearProperty(key);
              } else {
                System.setProperty(key, value);
              }
            });
      }
    } finally {
      kms.close();
    }
  }
}
