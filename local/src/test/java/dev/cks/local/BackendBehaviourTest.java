package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.aws.AwsKmsBackend;
import dev.cks.check.Check;
import dev.cks.check.CheckReport;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.EnsurePlan;
import dev.cks.client.EnsureResult;
import dev.cks.client.PlanConflictException;
import dev.cks.client.PlanStep;
import dev.cks.client.PreflightFailedException;
import dev.cks.client.RetryPolicy;
import dev.cks.cloudhsm.TestCertificates;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.CustomKeyStoreNameInUseException;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.spi.KmsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
  private final FakeBackends.Clusters clusters = new FakeBackends.Clusters();

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
    return client(backend, builder -> {});
  }

  private CustomKeyStoreClient client(
      String backend, Consumer<CustomKeyStoreClient.Builder> settings) {
    LocalKms kms =
        LocalKms.builder()
            .proxyProbe(proxies)
            .clusterProbe(clusters)
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
    CustomKeyStoreClient.Builder builder =
        CustomKeyStoreClient.builder()
            .backend(choose.apply(kms))
            .retryPolicy(RetryPolicy.NONE)
            .pollDelays(Duration.ofMillis(50), Duration.ofMillis(200));
    settings.accept(builder);
    return builder.build();
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

  private static final XksProxyCredential OTHER_CREDENTIAL =
      XksProxyCredential.of(
          "ZYXWVUTSRQPONMLKJIHGFEDCBA", Secret.of("aW5kZWVkIGEgc2VjcmV0IHZhbHVlIGZvciB0ZXN0cyE="));

  private static ExternalKeyStoreSpec spec(
      String name, String endpoint, String path, XksProxyCredential credential) {
    return ExternalKeyStoreSpec.builder()
        .name(name)
        .proxyUriEndpoint(endpoint)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(path)
        .proxyCredential(credential)
        .build();
  }

  private static CloudHsmKeyStoreSpec cloudHsmSpec(String name, String cluster, String password) {
    return CloudHsmKeyStoreSpec.builder()
        .name(name)
        .cloudHsmClusterId(cluster)
        .trustAnchorCertificate(TestCertificates.INSTANCE.customerCa)
        .keyStorePassword(Secret.of(password))
        .build();
  }

  private static List<PlanStep.Action> actions(EnsurePlan plan) {
    return plan.steps().stream().map(PlanStep::action).toList();
  }

  private static final EnsureOptions CONNECTED =
      EnsureOptions.builder()
          .goal(ConnectionGoal.CONNECTED)
          .waitTimeout(Duration.ofSeconds(30))
          .build();

  @ParameterizedTest
  @MethodSource("backends")
  void ensure_ofANewSpec_createsConnectsAndThenHasNothingToDo(String backend) {
    CustomKeyStoreClient client = client(backend);

    EnsurePlan plan = client.plan(spec("fresh"), CONNECTED);
    EnsureResult result = client.ensure(spec("fresh"), CONNECTED);

    assertThat(plan.render())
        .isEqualTo(
            "Plan for custom key store \"fresh\"\n"
                + "  1. create external key store \"fresh\" with proxy"
                + " https://proxy.example.com/fresh/kms/xks/v1 (PUBLIC_ENDPOINT)\n"
                + "  2. connect the new store\n"
                + "  3. wait until the new store is CONNECTED\n");
    assertThat(result.executed()).isEqualTo(plan.steps());
    assertThat(result.store().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(result.failedToConnect()).isFalse();
    EnsurePlan again = client.plan(spec("fresh"), CONNECTED);
    assertThat(again.isEmpty()).isTrue();
    assertThat(again.notes()).isEmpty();
    assertThat(again.customKeyStoreId()).contains(result.store().customKeyStoreId());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void plan_ofANewEndpointOnAConnectedStore_updatesWhileDisconnectedAndReconnects(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.ensure(spec("moving"), CONNECTED).store().customKeyStoreId();
    ExternalKeyStoreSpec moved =
        spec(
            "moving",
            "https://proxy2.example.com",
            "/moved/kms/xks/v1",
            spec("x").proxyCredential());

    EnsurePlan plan = client.plan(moved);

    assertThat(plan.render())
        .isEqualTo(
            "Plan for custom key store \"moving\" ("
                + id
                + ")\n"
                + "  1. disconnect "
                + id
                + " (CONNECTED): KMS changes XksProxyUriEndpoint only while a store is"
                + " disconnected\n"
                + "  2. wait until "
                + id
                + " is DISCONNECTED\n"
                + "  3. update "
                + id
                + ": XksProxyUriEndpoint https://proxy.example.com -> https://proxy2.example.com,"
                + " XksProxyUriPath /moving/kms/xks/v1 -> /moved/kms/xks/v1\n"
                + "  4. connect "
                + id
                + "\n"
                + "  5. wait until "
                + id
                + " is CONNECTED\n");
    assertThat(client.describe(id).xksProxyConfiguration().orElseThrow().uriEndpoint())
        .isEqualTo("https://proxy.example.com");

    EnsureResult result = client.apply(plan);

    assertThat(result.store().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(result.store().xksProxyConfiguration().orElseThrow().uriPath())
        .isEqualTo("/moved/kms/xks/v1");
    assertThat(client.plan(moved).isEmpty()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void plan_ofANewPathAndCredential_updatesWithoutDisconnecting(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.ensure(spec("staying"), CONNECTED).store().customKeyStoreId();
    ExternalKeyStoreSpec changed =
        spec("staying", "https://proxy.example.com", "/new/kms/xks/v1", OTHER_CREDENTIAL);

    EnsureResult result = client.ensure(changed);

    assertThat(actions(result.plan())).containsExactly(PlanStep.Action.UPDATE);
    assertThat(result.plan().steps().get(0).description())
        .isEqualTo(
            "update "
                + id
                + ": XksProxyUriPath /staying/kms/xks/v1 -> /new/kms/xks/v1,"
                + " XksProxyAuthenticationCredential (a new access key id)");
    assertThat(result.store().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(result.store().xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo(OTHER_CREDENTIAL.accessKeyId());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void plan_ofAStoreCreatedElsewhere_leavesItsSecretUnlessAsked(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.create(spec("adopted"));
    ExternalKeyStoreSpec sameIdOtherSecret =
        spec(
            "adopted",
            "https://proxy.example.com",
            "/adopted/kms/xks/v1",
            XksProxyCredential.of(
                spec("x").proxyCredential().accessKeyId(),
                Secret.of("c29tZSBvdGhlciBzZWNyZXQgdmFsdWUgZm9yIHRlc3Q=")));

    EnsurePlan left = client.plan(sameIdOtherSecret);
    EnsurePlan set =
        client.plan(sameIdOtherSecret, EnsureOptions.builder().setUnrecordedSecrets(true).build());

    assertThat(left.isEmpty()).isTrue();
    assertThat(left.notes())
        .containsExactly(
            "XksProxyAuthenticationCredential was not compared: no fingerprint is recorded for "
                + id
                + ", so it is left as it is");
    assertThat(set.render())
        .isEqualTo(
            "Plan for custom key store \"adopted\" ("
                + id
                + ")\n  1. update "
                + id
                + ": XksProxyAuthenticationCredential (no fingerprint recorded; set as asked)\n");
    assertThat(set.render()).doesNotContain("c29tZSBvdGhlciBzZWNyZXQ");
    client.apply(set);
    assertThat(client.plan(sameIdOtherSecret).isEmpty()).isTrue();
    assertThat(client.plan(sameIdOtherSecret).notes()).isEmpty();
    assertThat(client.plan(spec("adopted")).render())
        .contains("XksProxyAuthenticationCredential (differs from the recorded fingerprint)");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void plan_thatCannotBeMet_failsBeforeAnyChange(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.create(spec("taken"));
    clusters.add("cluster-234567abcdef", "history-1", 2, 2, TestCertificates.INSTANCE.customerCa);

    assertThatThrownBy(() -> client.plan(cloudHsmSpec("taken", "cluster-234567abcdef", "kmsPswd1")))
        .isInstanceOf(PlanConflictException.class)
        .hasMessage(
            "custom key store \"taken\" ("
                + id
                + ") is of type EXTERNAL_KEY_STORE, the spec is for AWS_CLOUDHSM;"
                + " a store cannot change its type");
    assertThatThrownBy(
            () ->
                client.plan(
                    spec(
                        "second",
                        "https://proxy.example.com",
                        "/taken/kms/xks/v1",
                        OTHER_CREDENTIAL)))
        .isInstanceOf(PlanConflictException.class)
        .hasMessage(
            "XksProxyUriEndpoint and XksProxyUriPath https://proxy.example.com/taken/kms/xks/v1"
                + " is already used by custom key store "
                + id
                + " (\"taken\")");
    assertThat(client.stores()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void apply_ofAPlanForAStoreThatChangedSince_failsAndChangesNothing(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = client.create(spec("racing"));
    EnsurePlan plan =
        client.plan(
            spec("racing", "https://proxy2.example.com", "/racing/kms/xks/v1", OTHER_CREDENTIAL));
    client.connect(id);
    client.awaitConnected(id, Duration.ofSeconds(30));

    assertThatThrownBy(() -> client.apply(plan))
        .isInstanceOf(PlanConflictException.class)
        .hasMessageStartingWith(
            "custom key store \"racing\" changed since the plan was made; the plan now is:\n");
    assertThat(client.describe(id).xksProxyConfiguration().orElseThrow().uriPath())
        .isEqualTo("/racing/kms/xks/v1");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rotateXksCredential_whenThePreflightFails_changesNothing(String backend) {
    CustomKeyStoreClient client =
        client(
            backend,
            builder ->
                builder.proxyPreflight(
                    spec ->
                        CheckReport.of(
                            "proxy pre-flight",
                            List.of(Check.failed("credential", "the proxy answered 401")))));
    String id = client.ensure(spec("rotating"), CONNECTED).store().customKeyStoreId();

    assertThatThrownBy(() -> client.rotateXksCredential(id, OTHER_CREDENTIAL))
        .isInstanceOfSatisfying(
            PreflightFailedException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "proxy pre-flight failed, nothing was changed:\n"
                            + "  FAILED credential: the proxy answered 401"));
    assertThat(client.describe(id).xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo(spec("x").proxyCredential().accessKeyId());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rotateXksCredential_ofAConnectedStore_setsItAndStaysConnected(String backend) {
    List<String> checkedKeyIds = new ArrayList<>();
    CustomKeyStoreClient client =
        client(
            backend,
            builder ->
                builder.proxyPreflight(
                    spec -> {
                      checkedKeyIds.add(spec.proxyCredential().accessKeyId());
                      return CheckReport.of(
                          "proxy pre-flight", List.of(Check.passed("health", "the proxy answers")));
                    }));
    String id = client.ensure(spec("rotating"), CONNECTED).store().customKeyStoreId();

    EnsureResult result = client.rotateXksCredential(id, OTHER_CREDENTIAL);

    assertThat(checkedKeyIds).containsExactly(OTHER_CREDENTIAL.accessKeyId());
    assertThat(actions(result.plan())).containsExactly(PlanStep.Action.UPDATE);
    assertThat(result.connection().orElseThrow().connected()).isTrue();
    assertThat(result.store().xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo(OTHER_CREDENTIAL.accessKeyId());
    assertThat(
            client
                .plan(
                    spec(
                        "rotating",
                        "https://proxy.example.com",
                        "/rotating/kms/xks/v1",
                        OTHER_CREDENTIAL))
                .isEmpty())
        .isTrue();
  }

  /** A CloudHSM key store "hsm", connected, on a cluster whose kmsuser password is kmsPswd1. */
  private String connectedCloudHsmStore(CustomKeyStoreClient client) {
    clusters.add("cluster-234567abcdef", "history-1", 2, 2, TestCertificates.INSTANCE.customerCa);
    clusters.passwords.put("cluster-234567abcdef", Secret.of("kmsPswd1"));
    return client
        .ensure(cloudHsmSpec("hsm", "cluster-234567abcdef", "kmsPswd1"), CONNECTED)
        .store()
        .customKeyStoreId();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rotateCloudHsmPassword_ofAConnectedStore_disconnectsUpdatesAndReconnects(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = connectedCloudHsmStore(client);
    clusters.passwords.put("cluster-234567abcdef", Secret.of("newPassword2"));

    EnsureResult result = client.rotateCloudHsmPassword(id, Secret.of("newPassword2"));

    assertThat(actions(result.plan()))
        .containsExactly(
            PlanStep.Action.DISCONNECT,
            PlanStep.Action.AWAIT_DISCONNECTED,
            PlanStep.Action.UPDATE,
            PlanStep.Action.CONNECT,
            PlanStep.Action.AWAIT_CONNECTED);
    assertThat(result.plan().steps().get(2).description())
        .isEqualTo("update " + id + ": KeyStorePassword (set as asked)");
    assertThat(result.plan().render()).doesNotContain("newPassword2");
    assertThat(result.connection().orElseThrow().connected()).isTrue();
    assertThat(client.plan(cloudHsmSpec("hsm", "cluster-234567abcdef", "newPassword2")).isEmpty())
        .isTrue();
    assertThat(client.plan(cloudHsmSpec("hsm", "cluster-234567abcdef", "kmsPswd1")).steps().get(2))
        .hasToString("update " + id + ": KeyStorePassword (differs from the recorded fingerprint)");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void rotateCloudHsmPassword_thatTheClusterRejects_endsFailedWithADiagnosis(String backend) {
    CustomKeyStoreClient client = client(backend);
    String id = connectedCloudHsmStore(client);

    EnsureResult result = client.rotateCloudHsmPassword(id, Secret.of("notChanged9"));

    assertThat(result.failedToConnect()).isTrue();
    assertThat(result.connection().orElseThrow().diagnosis().orElseThrow().problem())
        .isEqualTo("INVALID_CREDENTIALS");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void preflight_ofACloudHsmSpecWithoutAClusterCheck_saysHowToConfigureOne(String backend) {
    CheckReport report =
        client(backend).preflight(cloudHsmSpec("hsm", "cluster-234567abcdef", "kmsPswd1"));

    assertThat(report.passed()).isTrue();
    assertThat(report.render())
        .isEqualTo(
            "CloudHSM pre-flight for cluster-234567abcdef\n"
                + "  SKIPPED  cluster check: no cluster pre-flight is configured: build the client"
                + " with clusterPreflight(...), such as the PKCS#11 adapter's CloudHsmPreflight\n"
                + "PASSED: 0 of 1 check failed, 1 skipped.\n");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void ensure_ofAFailedStoreWithTheGoalConnected_disconnectsAndConnectsAgain(String backend) {
    CustomKeyStoreClient client = client(backend);
    client.ensure(spec("flaky"));
    proxies.failures.put("proxy.example.com", ProxyFailure.UNAUTHENTICATED);
    EnsureResult failed = client.ensure(spec("flaky"), CONNECTED);
    String id = failed.store().customKeyStoreId();
    proxies.failures.clear();

    EnsureResult result = client.ensure(spec("flaky"), CONNECTED);

    assertThat(failed.failedToConnect()).isTrue();
    assertThat(result.plan().steps().get(0).description())
        .isEqualTo(
            "disconnect "
                + id
                + " (FAILED): a FAILED store must be disconnected before it changes or connects"
                + " again");
    assertThat(actions(result.plan()))
        .containsExactly(
            PlanStep.Action.DISCONNECT,
            PlanStep.Action.AWAIT_DISCONNECTED,
            PlanStep.Action.CONNECT,
            PlanStep.Action.AWAIT_CONNECTED);
    assertThat(result.store().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(client.plan(spec("flaky")).isEmpty()).isTrue();
  }
}
