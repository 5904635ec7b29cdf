package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.cloudhsm.TestCertificates;
import dev.cks.errors.CloudHsmClusterInUseException;
import dev.cks.errors.CloudHsmClusterInvalidConfigurationException;
import dev.cks.errors.CloudHsmClusterNotActiveException;
import dev.cks.errors.CloudHsmClusterNotFoundException;
import dev.cks.errors.CloudHsmClusterNotRelatedException;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.CustomKeyStoreNameInUseException;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.errors.IncorrectTrustAnchorException;
import dev.cks.errors.InvalidMarkerException;
import dev.cks.errors.KmsException;
import dev.cks.errors.LimitExceededException;
import dev.cks.errors.XksProxyIncorrectAuthenticationCredentialException;
import dev.cks.errors.XksProxyInvalidConfigurationException;
import dev.cks.errors.XksProxyInvalidResponseException;
import dev.cks.errors.XksProxyUriEndpointInUseException;
import dev.cks.errors.XksProxyUriInUseException;
import dev.cks.errors.XksProxyUriUnreachableException;
import dev.cks.errors.XksProxyVpcEndpointServiceInUseException;
import dev.cks.errors.XksProxyVpcEndpointServiceNotFoundException;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LocalKmsTest {

  private static final String CA = TestCertificates.INSTANCE.customerCa;
  private static final String OTHER_CA = TestCertificates.INSTANCE.otherCaOtherName;
  private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  private static final String OTHER_SERVICE =
      "com.amazonaws.vpce.us-east-1.vpce-svc-0fedcba9876543210";
  private static final InetSocketAddress PROXY_ADDRESS = new InetSocketAddress("127.0.0.1", 9443);

  private final FakeBackends.Proxies proxies = new FakeBackends.Proxies();
  private final FakeBackends.Clusters clusters = new FakeBackends.Clusters();
  private final List<LocalKms> opened = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeAll() {
    opened.forEach(LocalKms::close);
  }

  private LocalKms kms() {
    return kms(builder -> {});
  }

  private LocalKms kms(Consumer<LocalKms.Builder> customizer) {
    clusters.add("cluster-234abcdefABC", "history-1", 2, 2, CA);
    LocalKms.Builder builder =
        LocalKms.builder()
            .proxyProbe(proxies)
            .clusterProbe(clusters)
            .vpcEndpointService(SERVICE, "111122223333", PROXY_ADDRESS)
            .resolve("proxy.example.com", PROXY_ADDRESS);
    customizer.accept(builder);
    LocalKms kms = builder.build();
    opened.add(kms);
    return kms;
  }

  private static ExternalKeyStoreSpec xks(String name, String endpoint, String path) {
    return ExternalKeyStoreSpec.builder()
        .name(name)
        .proxyUriEndpoint(endpoint)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(path)
        .proxyCredential(credential("BCDEFGHIJKLMNOPQRSTU"))
        .build();
  }

  private static ExternalKeyStoreSpec xks(String name) {
    return xks(name, "https://proxy.example.com", "/" + name + "/kms/xks/v1");
  }

  private static ExternalKeyStoreSpec vpc(String name, String endpoint, String service) {
    return ExternalKeyStoreSpec.builder()
        .name(name)
        .proxyUriEndpoint(endpoint)
        .connectivity(XksProxyConnectivity.vpcEndpointService(service))
        .proxyUriPath("/kms/xks/v1")
        .proxyCredential(credential("BCDEFGHIJKLMNOPQRSTU"))
        .build();
  }

  private static XksProxyCredential credential(String accessKeyId) {
    return XksProxyCredential.of(
        accessKeyId, Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo="));
  }

  private static CloudHsmKeyStoreSpec hsm(String name, String cluster, String password) {
    return CloudHsmKeyStoreSpec.builder()
        .name(name)
        .cloudHsmClusterId(cluster)
        .trustAnchorCertificate(CA)
        .keyStorePassword(Secret.of(password))
        .build();
  }

  private static CustomKeyStoreDescription describe(LocalKms kms, String id) {
    return kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores().get(0);
  }

  // ---- create

  @Test
  void create_external_startsDisconnectedAndDescribesWithoutSecrets() {
    LocalKms kms = kms();

    String id = kms.createCustomKeyStore(xks("Example"));

    assertThat(id).matches("cks-[0-9a-f]{17}");
    CustomKeyStoreDescription store = describe(kms, id);
    assertThat(store.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThat(store.customKeyStoreName()).isEqualTo("Example");
    assertThat(store.connectionErrorCodeAsString()).isEmpty();
    XksProxyConfiguration proxy = store.xksProxyConfiguration().orElseThrow();
    assertThat(proxy.accessKeyId()).isEqualTo("BCDEFGHIJKLMNOPQRSTU");
    assertThat(proxy.uriEndpoint()).isEqualTo("https://proxy.example.com");
    assertThat(proxy.uriPath()).isEqualTo("/Example/kms/xks/v1");
    assertThat(proxy.connectivityAsString()).isEqualTo("PUBLIC_ENDPOINT");
    assertThat(store.toString()).doesNotContain("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H");
  }

  @Test
  void create_publicEndpoint_checksTheProxyAtItsResolvedAddress() {
    LocalKms kms = kms();

    kms.createCustomKeyStore(xks("Example"));

    assertThat(proxies.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.host()).isEqualTo("proxy.example.com");
              assertThat(call.address()).isEqualTo(PROXY_ADDRESS);
              assertThat(call.uriPath()).isEqualTo("/Example/kms/xks/v1");
            });
  }

  @Test
  void create_withDuplicateName_failsWithNameInUse() {
    LocalKms kms = kms();
    String first =
        kms.createCustomKeyStore(xks("Same", "https://proxy.example.com", "/a/kms/xks/v1"));

    assertThatThrownBy(
            () ->
                kms.createCustomKeyStore(xks("Same", "https://proxy.example.com", "/b/kms/xks/v1")))
        .isInstanceOf(CustomKeyStoreNameInUseException.class)
        .hasMessage("The custom key store name \"Same\" is already used by " + first + ".");
  }

  @Test
  void create_beyondQuota_failsWithLimitExceeded() {
    LocalKms kms = kms(b -> b.storeQuota(2));
    kms.createCustomKeyStore(xks("one"));
    kms.createCustomKeyStore(xks("two"));

    assertThatThrownBy(() -> kms.createCustomKeyStore(xks("three")))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(
            "The account already has 2 custom key stores, the most it may have in this Region"
                + " (2).");
  }

  @Test
  void create_withEndpointAndPathInUse_failsWithUriInUse() {
    LocalKms kms = kms();
    String first = kms.createCustomKeyStore(xks("one", "https://proxy.example.com", "/kms/xks/v1"));

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(xks("two", "https://proxy.example.com", "/kms/xks/v1")))
        .isInstanceOf(XksProxyUriInUseException.class)
        .hasMessage(
            "The proxy URI https://proxy.example.com/kms/xks/v1 is already used by " + first + ".");
  }

  @Test
  void create_publicStoresOnOneEndpointWithOtherPaths_areAllowed() {
    LocalKms kms = kms();

    kms.createCustomKeyStore(xks("one", "https://proxy.example.com", "/a/kms/xks/v1"));
    kms.createCustomKeyStore(xks("two", "https://proxy.example.com", "/b/kms/xks/v1"));

    assertThat(kms.describeCustomKeyStores(DescribeRequest.all()).stores()).hasSize(2);
  }

  @Test
  void create_publicEndpointOfAVpcStore_failsWithEndpointInUse() {
    LocalKms kms = kms();
    kms.createCustomKeyStore(vpc("private", "https://private.example.com", SERVICE));

    assertThatThrownBy(
            () ->
                kms.createCustomKeyStore(
                    xks("public", "https://private.example.com", "/other/kms/xks/v1")))
        .isInstanceOf(XksProxyUriEndpointInUseException.class);
  }

  @Test
  void create_withVpcServiceInUse_failsWithServiceInUse() {
    LocalKms kms = kms();
    kms.createCustomKeyStore(vpc("first", "https://first.example.com", SERVICE));

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(vpc("second", "https://second.example.com", SERVICE)))
        .isInstanceOf(XksProxyVpcEndpointServiceInUseException.class)
        .hasMessageStartingWith("The VPC endpoint service " + SERVICE + " is already used by");
  }

  @Test
  void create_withUnknownVpcService_failsWithServiceNotFound() {
    LocalKms kms = kms();

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(vpc("vpc", "https://vpc.example.com", OTHER_SERVICE)))
        .isInstanceOf(XksProxyVpcEndpointServiceNotFoundException.class)
        .hasMessage(
            "No VPC endpoint service " + OTHER_SERVICE + " owned by 111122223333 was found.");
    assertThat(proxies.calls).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "UNREACHABLE, XksProxyUriUnreachableException, could not be reached",
    "TIMED_OUT, XksProxyUriUnreachableException, did not answer in time",
    "NO_KEY_MANAGER, XksProxyUriUnreachableException, reports no key manager available",
    "UNAUTHENTICATED, XksProxyIncorrectAuthenticationCredentialException, rejected the credential",
    "INVALID_RESPONSE, XksProxyInvalidResponseException, answered with an invalid response",
    "TLS, XksProxyInvalidConfigurationException, failed the TLS handshake",
    "ACCESS_DENIED, XksProxyInvalidConfigurationException, denied access",
    "INVALID_PATH, XksProxyInvalidConfigurationException, does not serve the URI path",
  })
  void create_whenProxyCheckFails_throwsWhatKmsThrowsAndStoresNothing(
      ProxyFailure failure, String errorName, String what) {
    LocalKms kms = kms();
    proxies.failures.put("proxy.example.com", failure);

    assertThatThrownBy(() -> kms.createCustomKeyStore(xks("Example")))
        .isInstanceOfSatisfying(
            KmsException.class, e -> assertThat(e.errorName()).isEqualTo(errorName))
        .hasMessage("The XKS proxy at https://proxy.example.com/Example/kms/xks/v1 " + what + ".");
    assertThat(kms.describeCustomKeyStores(DescribeRequest.all()).stores()).isEmpty();
  }

  @Test
  void create_failureClassesMatchKmsNames() {
    assertThat(ProxyFailure.UNAUTHENTICATED.toException("u"))
        .isInstanceOf(XksProxyIncorrectAuthenticationCredentialException.class);
    assertThat(ProxyFailure.UNREACHABLE.toException("u"))
        .isInstanceOf(XksProxyUriUnreachableException.class);
    assertThat(ProxyFailure.INVALID_RESPONSE.toException("u"))
        .isInstanceOf(XksProxyInvalidResponseException.class);
    assertThat(ProxyFailure.INVALID_PATH.toException("u"))
        .isInstanceOf(XksProxyInvalidConfigurationException.class);
  }

  @Test
  void create_cloudHsm_recordsClusterAndTrustAnchor() {
    LocalKms kms = kms();

    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));

    CustomKeyStoreDescription store = describe(kms, id);
    assertThat(store.cloudHsmClusterId()).contains("cluster-234abcdefABC");
    assertThat(store.trustAnchorCertificate()).contains(CA);
    assertThat(store.customKeyStoreTypeAsString()).isEqualTo("AWS_CLOUDHSM");
  }

  @Test
  void create_cloudHsmIdenticalToADisconnectedStore_returnsItsId() {
    LocalKms kms = kms();
    String first = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));

    String again = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));

    assertThat(again).isEqualTo(first);
    assertThat(kms.describeCustomKeyStores(DescribeRequest.all()).stores()).hasSize(1);
  }

  @Test
  void create_cloudHsmRetryWithAnotherPassword_failsWithNameInUse() {
    LocalKms kms = kms();
    kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "otherPswd")))
        .isInstanceOf(CustomKeyStoreNameInUseException.class);
  }

  @Test
  void create_cloudHsmOnAClusterInUse_failsWithClusterInUse() {
    LocalKms kms = kms();
    String first = kms.createCustomKeyStore(hsm("one", "cluster-234abcdefABC", "kmsPswd"));

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(hsm("two", "cluster-234abcdefABC", "kmsPswd")))
        .isInstanceOf(CloudHsmClusterInUseException.class)
        .hasMessage("Cluster cluster-234abcdefABC already backs custom key store " + first + ".");
  }

  @Test
  void create_cloudHsmOnARelatedClusterInUse_failsWithClusterInUse() {
    LocalKms kms = kms();
    clusters.add("cluster-relatedabcdef", "history-1", 2, 2, CA);
    kms.createCustomKeyStore(hsm("one", "cluster-234abcdefABC", "kmsPswd"));

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(hsm("two", "cluster-relatedabcdef", "kmsPswd")))
        .isInstanceOf(CloudHsmClusterInUseException.class)
        .hasMessageContaining("or a cluster that shares its backup history");
  }

  @Test
  void create_cloudHsmProblems_eachFailWithItsKmsError() {
    LocalKms kms = kms();
    clusters.add("cluster-inactiveabcde", "h2", 2, 2, CA);
    clusters.deactivate("cluster-inactiveabcde");
    clusters.add("cluster-onezoneabcdef", "h3", 2, 1, CA);
    clusters.add("cluster-otherca2bcdef", "h4", 2, 2, OTHER_CA);

    assertThatThrownBy(() -> kms.createCustomKeyStore(hsm("a", "cluster-missing2bcdef", "kmsPswd")))
        .isInstanceOf(CloudHsmClusterNotFoundException.class)
        .hasMessage("No CloudHSM cluster with id cluster-missing2bcdef was found.");
    assertThatThrownBy(() -> kms.createCustomKeyStore(hsm("b", "cluster-inactiveabcde", "kmsPswd")))
        .isInstanceOf(CloudHsmClusterNotActiveException.class);
    assertThatThrownBy(() -> kms.createCustomKeyStore(hsm("c", "cluster-onezoneabcdef", "kmsPswd")))
        .isInstanceOf(CloudHsmClusterInvalidConfigurationException.class)
        .hasMessage(
            "Cluster cluster-onezoneabcdef must have at least two active HSMs in different"
                + " Availability Zones; it has 2 in 1.");
    assertThatThrownBy(() -> kms.createCustomKeyStore(hsm("d", "cluster-otherca2bcdef", "kmsPswd")))
        .isInstanceOf(IncorrectTrustAnchorException.class);
  }

  @Test
  void create_withAMisconfiguredVpcService_failsAndConnectReportsIt() {
    LocalKms kms =
        kms(
            b ->
                b.dataDirectory(dir)
                    .misconfiguredVpcEndpointService(
                        OTHER_SERVICE, "111122223333", "acceptance is required"));
    assertThatThrownBy(
            () -> kms.createCustomKeyStore(vpc("vpc", "https://vpc.example.com", OTHER_SERVICE)))
        .isInstanceOf(dev.cks.errors.XksProxyVpcEndpointServiceInvalidConfigurationException.class)
        .hasMessage(
            "The VPC endpoint service "
                + OTHER_SERVICE
                + " does not meet KMS's requirements: acceptance is required.");
    String id = kms.createCustomKeyStore(vpc("good", "https://good.example.com", SERVICE));
    kms.close();
    opened.remove(kms);

    LocalKms broken =
        kms(
            b ->
                b.dataDirectory(dir)
                    .misconfiguredVpcEndpointService(SERVICE, "111122223333", "one zone only"));
    broken.connectCustomKeyStore(id);

    assertThat(describe(broken, id).connectionErrorCode())
        .contains(ConnectionErrorCode.XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION);
  }

  @Test
  void createKey_withAnOriginOfTheOtherKind_failsWithUnsupportedOperation() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));
    kms.connectCustomKeyStore(id);

    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inCloudHsmStore(id)))
        .isInstanceOf(dev.cks.errors.UnsupportedOperationException.class)
        .hasMessage(
            "Origin AWS_CLOUDHSM does not match custom key store "
                + id
                + ", which is EXTERNAL_KEY_STORE.");
  }

  @Test
  void createKeyRequest_checksItsMembers() {
    assertThatThrownBy(
            () ->
                new CreateKeyRequest("EXTERNAL_KEY_STORE", "cks-1", java.util.Optional.empty(), ""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("XksKeyId is required with Origin EXTERNAL_KEY_STORE");
    assertThatThrownBy(
            () -> new CreateKeyRequest("AWS_KMS", "cks-1", java.util.Optional.of("k"), ""))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Origin must be AWS_CLOUDHSM or EXTERNAL_KEY_STORE")
        .hasMessageContaining("XksKeyId is allowed only with Origin EXTERNAL_KEY_STORE");
  }

  // ---- connect and the state machine

  @Test
  void connect_healthyProxy_connects() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));

    kms.connectCustomKeyStore(id);

    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @ParameterizedTest
  @EnumSource(ProxyFailure.class)
  void connect_failingProxy_failsWithItsConnectionErrorCode(ProxyFailure failure) {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));
    proxies.failures.put("proxy.example.com", failure);

    kms.connectCustomKeyStore(id);

    CustomKeyStoreDescription store = describe(kms, id);
    assertThat(store.connectionState()).isEqualTo(ConnectionState.FAILED);
    assertThat(store.connectionErrorCode()).contains(failure.connectionErrorCode());
  }

  @Test
  void connect_vpcStore_reachesTheProxyBehindTheService() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(vpc("vpc", "https://vpc.example.com", SERVICE));

    kms.connectCustomKeyStore(id);

    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(proxies.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.host()).isEqualTo("vpc.example.com");
              assertThat(call.address()).isEqualTo(PROXY_ADDRESS);
            });
  }

  @ParameterizedTest
  @EnumSource(
      value = ConnectionErrorCode.class,
      names = {"INVALID_CREDENTIALS", "USER_LOCKED_OUT", "USER_NOT_FOUND", "USER_LOGGED_IN"})
  void connect_cloudHsmLoginProblem_failsWithItsCode(ConnectionErrorCode code) {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));
    clusters.loginFailures.put("cluster-234abcdefABC", code);

    kms.connectCustomKeyStore(id);

    assertThat(describe(kms, id).connectionErrorCode()).contains(code);
  }

  @Test
  void connect_cloudHsmClusterGoneOrEmpty_failsWithItsCode() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));
    clusters.clusters.remove("cluster-234abcdefABC");

    kms.connectCustomKeyStore(id);

    assertThat(describe(kms, id).connectionErrorCode())
        .contains(ConnectionErrorCode.CLUSTER_NOT_FOUND);
  }

  @Test
  void connect_cloudHsmClusterNotActive_failsAtOnceAndStaysDisconnected() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));
    clusters.deactivate("cluster-234abcdefABC");

    assertThatThrownBy(() -> kms.connectCustomKeyStore(id))
        .isInstanceOf(CloudHsmClusterNotActiveException.class);
    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
  }

  /** Every operation in every state, as the state table of KMS gives it. */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    "DISCONNECTED,  connect,        CONNECTED",
    "DISCONNECTED,  disconnect,     CustomKeyStoreInvalidStateException",
    "DISCONNECTED,  renameUpdate,   ok",
    "DISCONNECTED,  endpointUpdate, ok",
    "DISCONNECTED,  delete,         deleted",
    "CONNECTING,    connect,        CONNECTING",
    "CONNECTING,    disconnect,     DISCONNECTING",
    "CONNECTING,    renameUpdate,   CustomKeyStoreInvalidStateException",
    "CONNECTING,    endpointUpdate, CustomKeyStoreInvalidStateException",
    "CONNECTING,    delete,         CustomKeyStoreInvalidStateException",
    "CONNECTED,     connect,        CONNECTED",
    "CONNECTED,     disconnect,     DISCONNECTED",
    "CONNECTED,     renameUpdate,   ok",
    "CONNECTED,     endpointUpdate, CustomKeyStoreInvalidStateException",
    "CONNECTED,     delete,         CustomKeyStoreInvalidStateException",
    "FAILED,        connect,        CustomKeyStoreInvalidStateException",
    "FAILED,        disconnect,     DISCONNECTED",
    "FAILED,        renameUpdate,   CustomKeyStoreInvalidStateException",
    "FAILED,        endpointUpdate, CustomKeyStoreInvalidStateException",
    "FAILED,        delete,         CustomKeyStoreInvalidStateException",
    "DISCONNECTING, connect,        CustomKeyStoreInvalidStateException",
    "DISCONNECTING, disconnect,     CustomKeyStoreInvalidStateException",
    "DISCONNECTING, renameUpdate,   CustomKeyStoreInvalidStateException",
    "DISCONNECTING, endpointUpdate, CustomKeyStoreInvalidStateException",
    "DISCONNECTING, delete,         CustomKeyStoreInvalidStateException",
  })
  void stateTable(ConnectionState state, String operation, String outcome) {
    boolean slow = state == ConnectionState.CONNECTING || state == ConnectionState.DISCONNECTING;
    LocalKms kms = kms(b -> b.connectDelay(slow ? Duration.ofHours(1) : Duration.ZERO));
    String id = kms.createCustomKeyStore(xks("Example"));
    bringTo(kms, id, state);
    proxies.failures.clear();

    Runnable call =
        switch (operation) {
          case "connect" -> () -> kms.connectCustomKeyStore(id);
          case "disconnect" -> () -> kms.disconnectCustomKeyStore(id);
          case "renameUpdate" ->
              () ->
                  kms.updateCustomKeyStore(
                      ExternalKeyStoreUpdate.builder().customKeyStoreId(id).newName("New").build());
          case "endpointUpdate" ->
              () ->
                  kms.updateCustomKeyStore(
                      ExternalKeyStoreUpdate.builder()
                          .customKeyStoreId(id)
                          .proxyUriEndpoint("https://other.example.com")
                          .build());
          case "delete" -> () -> kms.deleteCustomKeyStore(id);
          default -> throw new IllegalArgumentException(operation);
        };

    if (outcome.endsWith("Exception")) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              KmsException.class, e -> assertThat(e.errorName()).isEqualTo(outcome));
      assertThat(describe(kms, id).connectionState()).isEqualTo(state);
    } else if (outcome.equals("deleted")) {
      call.run();
      assertThatThrownBy(() -> describe(kms, id))
          .isInstanceOf(CustomKeyStoreNotFoundException.class);
    } else if (outcome.equals("ok")) {
      call.run();
      assertThat(describe(kms, id).connectionState()).isEqualTo(state);
    } else {
      call.run();
      assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.valueOf(outcome));
    }
  }

  private void bringTo(LocalKms kms, String id, ConnectionState state) {
    switch (state) {
      case DISCONNECTED -> {}
      case CONNECTED, CONNECTING -> kms.connectCustomKeyStore(id);
      case FAILED -> {
        proxies.failures.put("proxy.example.com", ProxyFailure.UNREACHABLE);
        kms.connectCustomKeyStore(id);
      }
      case DISCONNECTING -> {
        kms.connectCustomKeyStore(id);
        kms.disconnectCustomKeyStore(id);
      }
      default -> throw new IllegalArgumentException(state.toString());
    }
    assertThat(describe(kms, id).connectionState()).isEqualTo(state);
  }

  @Test
  void connect_whenFailed_explainsThatADisconnectComesFirst() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));
    bringTo(kms, id, ConnectionState.FAILED);

    assertThatThrownBy(() -> kms.connectCustomKeyStore(id))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class)
        .hasMessage(
            "ConnectCustomKeyStore is not allowed while custom key store "
                + id
                + " is FAILED; it needs DISCONNECTED. Disconnect the key store first.");
  }

  @Test
  void connect_withDelay_staysConnectingUntilTheCheckEnds() throws Exception {
    LocalKms kms = kms(b -> b.connectDelay(Duration.ofMillis(200)));
    String id = kms.createCustomKeyStore(xks("Example"));

    kms.connectCustomKeyStore(id);
    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTING);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (describe(kms, id).connectionState() == ConnectionState.CONNECTING
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void reopen_finishesAConnectThatWasUnderway() {
    LocalKms slow = kms(b -> b.dataDirectory(dir).connectDelay(Duration.ofHours(1)));
    String id = slow.createCustomKeyStore(xks("Example"));
    slow.connectCustomKeyStore(id);
    slow.close();
    opened.remove(slow);

    LocalKms again = kms(b -> b.dataDirectory(dir));

    assertThat(describe(again, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  // ---- describe

  @Test
  void describe_pagesInCreationOrderWithMarkers() {
    LocalKms kms = kms(b -> b.storeQuota(100));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(kms.createCustomKeyStore(xks("store" + i)));
    }

    List<String> seen = new ArrayList<>();
    DescribeRequest request = DescribeRequest.all().withLimit(10);
    List<Integer> sizes = new ArrayList<>();
    while (true) {
      DescribePage page = kms.describeCustomKeyStores(request);
      sizes.add(page.stores().size());
      page.stores().forEach(s -> seen.add(s.customKeyStoreId()));
      if (!page.truncated()) {
        break;
      }
      request = request.withMarker(page.nextMarker().orElseThrow());
    }

    assertThat(seen).isEqualTo(ids);
    assertThat(sizes).containsExactly(10, 10, 5);
  }

  @Test
  void describe_withForgedMarker_failsWithInvalidMarker() {
    LocalKms kms = kms();
    kms.createCustomKeyStore(xks("one"));
    kms.createCustomKeyStore(xks("two"));
    String marker =
        kms.describeCustomKeyStores(DescribeRequest.all().withLimit(1)).nextMarker().orElseThrow();
    char last = marker.charAt(marker.length() - 1);
    String forged = marker.substring(0, marker.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThatThrownBy(() -> kms.describeCustomKeyStores(DescribeRequest.all().withMarker(forged)))
        .isInstanceOf(InvalidMarkerException.class)
        .hasMessage(
            "The marker that you specified is not valid: it was not returned by a previous"
                + " DescribeCustomKeyStores call.");
  }

  @Test
  void describe_byNameAndById_findOneOrFailWithNotFound() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Named"));

    assertThat(kms.describeCustomKeyStores(DescribeRequest.byName("Named")).stores())
        .extracting(CustomKeyStoreDescription::customKeyStoreId)
        .containsExactly(id);
    assertThatThrownBy(() -> kms.describeCustomKeyStores(DescribeRequest.byName("Nobody")))
        .isInstanceOf(CustomKeyStoreNotFoundException.class)
        .hasMessage("No custom key store has CustomKeyStoreName \"Nobody\".");
    assertThatThrownBy(
            () -> kms.describeCustomKeyStores(DescribeRequest.byId("cks-00000000000000000")))
        .isInstanceOf(CustomKeyStoreNotFoundException.class);
  }

  @Test
  void describe_withNoStores_isEmptyAndNotTruncated() {
    DescribePage page = kms().describeCustomKeyStores(DescribeRequest.all());

    assertThat(page.stores()).isEmpty();
    assertThat(page.truncated()).isFalse();
  }

  @Test
  void describeRequest_withIdAndName_failsValidation() {
    assertThatThrownBy(
            () ->
                new DescribeRequest(
                    java.util.Optional.of("cks-1"),
                    java.util.Optional.of("n"),
                    java.util.Optional.empty(),
                    java.util.Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "CustomKeyStoreName must not be given together with CustomKeyStoreId");
  }

  // ---- update

  @Test
  void update_credentialWhileConnected_checksTheNewCredentialFirst() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));
    kms.connectCustomKeyStore(id);
    proxies.failures.put("proxy.example.com", ProxyFailure.UNAUTHENTICATED);

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    ExternalKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .proxyCredential(credential("ZYXWVUTSRQPONMLKJIHG"))
                        .build()))
        .isInstanceOf(XksProxyIncorrectAuthenticationCredentialException.class);
    assertThat(describe(kms, id).xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo("BCDEFGHIJKLMNOPQRSTU");

    proxies.failures.clear();
    kms.updateCustomKeyStore(
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(id)
            .proxyCredential(credential("ZYXWVUTSRQPONMLKJIHG"))
            .build());
    assertThat(describe(kms, id).xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo("ZYXWVUTSRQPONMLKJIHG");
    assertThat(proxies.calls.get(proxies.calls.size() - 1).credential().accessKeyId())
        .isEqualTo("ZYXWVUTSRQPONMLKJIHG");
  }

  @Test
  void update_whenTheStoreChangesWhileTheProxyIsChecked_failsWithInternalAndKeepsTheOtherChange() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));
    proxies.duringNextCall =
        () ->
            kms.updateCustomKeyStore(
                ExternalKeyStoreUpdate.builder().customKeyStoreId(id).newName("Renamed").build());

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    ExternalKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .proxyUriPath("/moved/kms/xks/v1")
                        .build()))
        .isInstanceOf(dev.cks.errors.KMSInternalException.class)
        .hasMessage("Custom key store " + id + " changed while the update was checked; try again.");
    assertThat(describe(kms, id).customKeyStoreName()).isEqualTo("Renamed");
    assertThat(describe(kms, id).xksProxyConfiguration().orElseThrow().uriPath())
        .isEqualTo("/Example/kms/xks/v1");
  }

  @Test
  void update_renameToANameInUse_failsAndChangesNothing() {
    LocalKms kms = kms();
    kms.createCustomKeyStore(xks("one"));
    String two = kms.createCustomKeyStore(xks("two"));

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    ExternalKeyStoreUpdate.builder().customKeyStoreId(two).newName("one").build()))
        .isInstanceOf(CustomKeyStoreNameInUseException.class);
    assertThat(describe(kms, two).customKeyStoreName()).isEqualTo("two");
  }

  @Test
  void update_switchToVpcConnectivity_movesTheStoreBehindTheService() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));

    kms.updateCustomKeyStore(
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(id)
            .proxyUriEndpoint("https://vpc.example.com")
            .connectivity(XksProxyConnectivity.vpcEndpointService(SERVICE))
            .build());

    XksProxyConfiguration proxy = describe(kms, id).xksProxyConfiguration().orElseThrow();
    assertThat(proxy.connectivityAsString()).isEqualTo("VPC_ENDPOINT_SERVICE");
    assertThat(proxy.vpcEndpointServiceName()).contains(SERVICE);
    assertThat(proxy.vpcEndpointServiceOwner()).contains("111122223333");
  }

  @Test
  void update_vpcServiceNameOfAPublicStore_failsValidation() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    ExternalKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .vpcEndpointServiceName(SERVICE)
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "XksProxyVpcEndpointServiceName applies only to a key store with"
                + " VPC_ENDPOINT_SERVICE connectivity");
  }

  @Test
  void update_cloudHsmChangesOfAnExternalStore_failValidation() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(xks("Example"));

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    CloudHsmKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .keyStorePassword(Secret.of("newPassword"))
                        .build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must name a AWS_CLOUDHSM key store for these changes");
  }

  @Test
  void update_cloudHsmClusterToAnUnrelatedOne_failsWithNotRelated() {
    LocalKms kms = kms();
    clusters.add("cluster-unrelatedabcd", "history-2", 2, 2, CA);
    clusters.add("cluster-relatedabcdef", "history-1", 2, 2, CA);
    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    CloudHsmKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .cloudHsmClusterId("cluster-unrelatedabcd")
                        .build()))
        .isInstanceOf(CloudHsmClusterNotRelatedException.class);

    kms.updateCustomKeyStore(
        CloudHsmKeyStoreUpdate.builder()
            .customKeyStoreId(id)
            .cloudHsmClusterId("cluster-relatedabcdef")
            .build());
    assertThat(describe(kms, id).cloudHsmClusterId()).contains("cluster-relatedabcdef");
  }

  @Test
  void update_passwordWhileConnected_failsWithInvalidState() {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(hsm("hsm", "cluster-234abcdefABC", "kmsPswd"));
    kms.connectCustomKeyStore(id);

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    CloudHsmKeyStoreUpdate.builder()
                        .customKeyStoreId(id)
                        .keyStorePassword(Secret.of("newPassword"))
                        .build()))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class)
        .hasMessage(
            "UpdateCustomKeyStore with [KEY_STORE_PASSWORD] is not allowed while custom key store "
                + id
                + " is CONNECTED; it needs DISCONNECTED.");
  }

  @Test
  void create_from16ThreadsWithOneName_leavesExactlyOneStore() throws Exception {
    LocalKms kms = kms(b -> b.dataDirectory(dir));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String path = "/racer" + i + "/kms/xks/v1";
      outcomes.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return kms.createCustomKeyStore(
                      xks("Contested", "https://proxy.example.com", path));
                } catch (CustomKeyStoreNameInUseException lost) {
                  return "lost";
                }
              }));
    }
    start.countDown();
    List<String> results = new ArrayList<>();
    for (java.util.concurrent.Future<String> outcome : outcomes) {
      results.add(outcome.get());
    }
    pool.shutdown();

    assertThat(results.stream().filter(r -> !r.equals("lost"))).hasSize(1);
    assertThat(kms.describeCustomKeyStores(DescribeRequest.all()).stores())
        .singleElement()
        .satisfies(store -> assertThat(store.customKeyStoreName()).isEqualTo("Contested"));
  }

  // ---- durability

  @Test
  void dataDirectory_keepsStoresAcrossRestarts() {
    LocalKms first = kms(b -> b.dataDirectory(dir));
    String id = first.createCustomKeyStore(xks("Durable"));
    first.connectCustomKeyStore(id);
    first.close();
    opened.remove(first);

    LocalKms second = kms(b -> b.dataDirectory(dir));

    CustomKeyStoreDescription store = describe(second, id);
    assertThat(store.customKeyStoreName()).isEqualTo("Durable");
    assertThat(store.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void builder_rejectsNonsense() {
    assertThatThrownBy(() -> LocalKms.builder().storeQuota(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storeQuota must be at least 1, was 0");
    assertThatThrownBy(() -> LocalKms.builder().connectDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectDelay must not be negative, was PT-1S");
    assertThatThrownBy(() -> LocalKms.builder().accountId("12"))
        .isInstanceOf(ValidationException.class);
  }
}
