package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.aws.AwsKmsBackend;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.RetryPolicy;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.CustomKeyStoreNameInUseException;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.spi.KmsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * One behaviour suite for the client over both backends: {@link LocalKms} in process, and the AWS
 * backend with the AWS SDK's {@code KmsClient} pointed at {@link LocalKmsEndpoint}.
 */
class BackendBehaviourTest {

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final FakeBackends.Proxies proxies = new FakeBackends.Proxies();

  static Stream<String> backends() {
    return Stream.of("local", "aws-sdk");
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private CustomKeyStoreClient client(String backend) {
    LocalKms kms =
        LocalKms.builder()
            .proxyProbe(proxies)
            .clusterProbe(new FakeBackends.Clusters())
            .connectDelay(Duration.ofMillis(200))
            .build();
    closing.add(kms);
    Function<LocalKms, KmsBackend> choose =
        local -> {
          if (backend.equals("local")) {
            return local;
          }
          LocalKmsEndpoint endpoint = LocalKmsEndpoint.builder(local).start();
          closing.add(endpoint);
          KmsClient sdk =
              KmsClient.builder()
                  .endpointOverride(endpoint.url())
                  .region(Region.US_EAST_1)
                  .credentialsProvider(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                  .httpClient(UrlConnectionHttpClient.create())
                  .build();
          closing.add(sdk);
          return AwsKmsBackend.create(sdk);
        };
    return CustomKeyStoreClient.builder()
        .backend(choose.apply(kms))
        .retryPolicy(RetryPolicy.NONE)
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

  @ParameterizedTest
  @MethodSource("backends")
  void lifecycle_createConnectAwaitUpdateDisconnectDelete(String backend) {
    CustomKeyStoreClient client = client(backend);

    String id = client.create(spec("life"));
    assertThat(client.describe(id).connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    client.connect(id);
    ConnectionResult result = client.awaitConnected(id, Duration.ofSeconds(30));
    assertThat(result.connected()).isTrue();
    client.update(ExternalKeyStoreUpdate.builder().customKeyStoreId(id).newName("renamed").build());
    assertThat(client.describeByName("renamed").orElseThrow().customKeyStoreId()).isEqualTo(id);
    client.disconnect(id);
    client.awaitState(
        id,
        java.util.Set.of(ConnectionState.DISCONNECTED),
        Duration.ofSeconds(30),
        (s, p, e) -> {});
    client.delete(id);
    assertThat(client.stores()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void errors_arriveAsTheSameCksTypes(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.create(spec("first"));

    assertThatThrownBy(
            () ->
                client.create(
                    ExternalKeyStoreSpec.builder()
                        .name("first")
                        .proxyUriEndpoint("https://proxy.example.com")
                        .connectivity(XksProxyConnectivity.publicEndpoint())
                        .proxyUriPath("/elsewhere/kms/xks/v1")
                        .proxyCredential(spec("x").proxyCredential())
                        .build()))
        .isInstanceOfSatisfying(
            CustomKeyStoreNameInUseException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    assertThatThrownBy(() -> client.disconnect(id))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class);
    assertThatThrownBy(() -> client.describe("cks-00000000000000000"))
        .isInstanceOf(CustomKeyStoreNotFoundException.class);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void awaitConnected_ofAFailingProxy_explainsIt(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.create(spec("failing"));
    proxies.failures.put("proxy.example.com", ProxyFailure.UNAUTHENTICATED);
    client.connect(id);

    ConnectionResult result = client.awaitConnected(id, Duration.ofSeconds(30));

    assertThat(result.connected()).isFalse();
    assertThat(result.diagnosis().orElseThrow().problem()).isEqualTo("INVALID_CREDENTIALS");
  }
}
