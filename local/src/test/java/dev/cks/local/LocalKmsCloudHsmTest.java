package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.Secret;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.PreflightFailedException;
import dev.cks.cloudhsm.CloudHsmPreflight;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.HsmOptions;
import dev.cks.cloudhsm.SoftHsm;
import dev.cks.cloudhsm.TestCertificates;
import dev.cks.errors.CloudHsmClusterInUseException;
import dev.cks.errors.CloudHsmClusterInvalidConfigurationException;
import dev.cks.errors.CloudHsmClusterNotActiveException;
import dev.cks.errors.CloudHsmClusterNotFoundException;
import dev.cks.errors.IncorrectTrustAnchorException;
import dev.cks.errors.InvalidCiphertextException;
import dev.cks.errors.KMSInvalidStateException;
import dev.cks.spi.DescribeRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalKms} with CloudHSM key stores on real SoftHSM2 tokens. */
class LocalKmsCloudHsmTest {

  private static final String CLUSTER = "cluster-testabcdefgh";
  private static final String ACTIVE_HSMS =
      "[{\"id\":\"hsm-aaaaaaaaaaa\",\"availabilityZone\":\"us-east-1a\",\"state\":\"ACTIVE\"},"
          + "{\"id\":\"hsm-bbbbbbbbbbb\",\"availabilityZone\":\"us-east-1b\","
          + "\"state\":\"ACTIVE\"}]";
  private static final String KMSUSER = "[{\"name\":\"kmsuser\"}]";

  @TempDir Path dir;
  private final List<LocalKms> opened = new ArrayList<>();
  private final String token = SoftHsm.newToken();

  @AfterEach
  void closeAll() {
    opened.forEach(LocalKms::close);
  }

  private ClusterDescriptor cluster(String id, String state, String hsms, String users) {
    String json =
        "{\"clusterId\":\""
            + id
            + "\",\"state\":\""
            + state
            + "\",\"pkcs11\":{\"module\":\""
            + SoftHsm.library()
            + "\",\"tokenLabel\":\""
            + token
            + "\"},\"hsms\":"
            + hsms
            + ",\"clusterCertificate\":\""
            + TestCertificates.INSTANCE.clusterCertificate.replace("\n", "\\n")
            + "\",\"users\":"
            + users
            + "}";
    return ClusterDescriptor.parse(json);
  }

  private ClusterDescriptor healthy() {
    return cluster(CLUSTER, "ACTIVE", ACTIVE_HSMS, KMSUSER);
  }

  private LocalKms kms(ClusterDescriptor... clusters) {
    LocalKms.Builder builder = LocalKms.builder().dataDirectory(dir);
    for (ClusterDescriptor cluster : clusters) {
      builder.hsmCluster(cluster);
    }
    LocalKms kms = builder.build();
    opened.add(kms);
    return kms;
  }

  private void close(LocalKms kms) {
    kms.close();
    opened.remove(kms);
  }

  private static CloudHsmKeyStoreSpec spec(String name, String cluster, String trustAnchor) {
    return CloudHsmKeyStoreSpec.builder()
        .name(name)
        .cloudHsmClusterId(cluster)
        .trustAnchorCertificate(trustAnchor)
        .keyStorePassword(Secret.of(SoftHsm.PASSWORD))
        .build();
  }

  private static CloudHsmKeyStoreSpec spec() {
    return spec("hsm", CLUSTER, TestCertificates.INSTANCE.customerCa);
  }

  private static CustomKeyStoreDescription describe(LocalKms kms, String id) {
    return kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores().get(0);
  }

  @Test
  void keyInTheCluster_encryptsAndDecryptsAndBecomesUnavailableWhenDisconnected() {
    LocalKms kms = kms(healthy());
    String store = kms.createCustomKeyStore(spec());
    kms.connectCustomKeyStore(store);
    assertThat(describe(kms, store).connectionState()).isEqualTo(ConnectionState.CONNECTED);

    KmsKey key = kms.createKey(CreateKeyRequest.inCloudHsmStore(store));
    byte[] plaintext = "held in the HSM".getBytes(StandardCharsets.UTF_8);
    byte[] blob = kms.encrypt(key.keyId(), plaintext, Map.of("app", "test"));

    assertThat(key.origin()).isEqualTo("AWS_CLOUDHSM");
    assertThat(key.cloudHsmClusterId()).contains(CLUSTER);
    assertThat(kms.decrypt(blob, Map.of("app", "test"), Optional.empty()).plaintext().revealBytes())
        .isEqualTo(plaintext);
    assertThatThrownBy(() -> kms.decrypt(blob, Map.of("app", "other"), Optional.empty()))
        .isInstanceOf(InvalidCiphertextException.class);

    kms.disconnectCustomKeyStore(store);
    assertThat(kms.describeKey(key.keyId()).keyState()).isEqualTo("Unavailable");
    assertThatThrownBy(() -> kms.encrypt(key.keyId(), plaintext, Map.of()))
        .isInstanceOf(KMSInvalidStateException.class);
  }

  @Test
  void keys_surviveARestartOfLocalKms() {
    LocalKms first = kms(healthy());
    String store = first.createCustomKeyStore(spec());
    first.connectCustomKeyStore(store);
    KmsKey key = first.createKey(CreateKeyRequest.inCloudHsmStore(store));
    byte[] blob = first.encrypt(key.keyId(), new byte[] {4, 2}, Map.of());
    close(first);

    LocalKms second = kms(healthy());

    assertThat(second.describeKey(key.keyId()).keyState()).isEqualTo("Enabled");
    assertThat(second.decrypt(blob, Map.of(), Optional.empty()).plaintext().revealBytes())
        .containsExactly(4, 2);
  }

  @Test
  void connect_withTheWrongPassword_failsWithInvalidCredentials() {
    LocalKms kms = kms(healthy());
    String store = kms.createCustomKeyStore(spec());
    kms.updateCustomKeyStore(
        CloudHsmKeyStoreUpdate.builder()
            .customKeyStoreId(store)
            .keyStorePassword(Secret.of("notThePassword"))
            .build());

    kms.connectCustomKeyStore(store);

    assertThat(describe(kms, store).connectionErrorCode())
        .contains(ConnectionErrorCode.INVALID_CREDENTIALS);
  }

  @Test
  void connect_clusterProblems_endInTheirCodes() {
    LocalKms kms = kms(healthy());
    String store = kms.createCustomKeyStore(spec());
    close(kms);

    assertThat(connectWith(store, cluster(CLUSTER, "ACTIVE", ACTIVE_HSMS, "[]")))
        .contains(ConnectionErrorCode.USER_NOT_FOUND);
    assertThat(
            connectWith(
                store,
                cluster(
                    CLUSTER, "ACTIVE", ACTIVE_HSMS, "[{\"name\":\"kmsuser\",\"locked\":true}]")))
        .contains(ConnectionErrorCode.USER_LOCKED_OUT);
    assertThat(
            connectWith(
                store,
                cluster(
                    CLUSTER,
                    "ACTIVE",
                    ACTIVE_HSMS,
                    "[{\"name\":\"kmsuser\",\"loggedInElsewhere\":true}]")))
        .contains(ConnectionErrorCode.USER_LOGGED_IN);
    assertThat(
            connectWith(
                store,
                cluster(
                    CLUSTER,
                    "ACTIVE",
                    "[{\"id\":\"hsm-aaaaaaaaaaa\",\"availabilityZone\":\"us-east-1a\","
                        + "\"state\":\"DELETED\"}]",
                    KMSUSER)))
        .contains(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS);
    assertThat(connectWith(store)).contains(ConnectionErrorCode.CLUSTER_NOT_FOUND);
  }

  private Optional<ConnectionErrorCode> connectWith(String store, ClusterDescriptor... clusters) {
    LocalKms kms = kms(clusters);
    try {
      if (describe(kms, store).connectionState() != ConnectionState.DISCONNECTED) {
        kms.disconnectCustomKeyStore(store);
      }
      kms.connectCustomKeyStore(store);
      return describe(kms, store).connectionErrorCode();
    } finally {
      close(kms);
    }
  }

  @Test
  void update_toAClusterWithAnotherBackupHistory_failsWithNotRelated() {
    ClusterDescriptor unrelated =
        ClusterDescriptor.parse(
            "{\"clusterId\":\"cluster-unrelatedabcd\",\"pkcs11\":{\"module\":\""
                + SoftHsm.library()
                + "\",\"tokenLabel\":\""
                + token
                + "\"}}");
    LocalKms kms = kms(healthy(), unrelated);
    String store = kms.createCustomKeyStore(spec());

    assertThatThrownBy(
            () ->
                kms.updateCustomKeyStore(
                    CloudHsmKeyStoreUpdate.builder()
                        .customKeyStoreId(store)
                        .cloudHsmClusterId("cluster-unrelatedabcd")
                        .build()))
        .isInstanceOf(dev.cks.errors.CloudHsmClusterNotRelatedException.class)
        .hasMessage(
            "Cluster cluster-unrelatedabcd does not share backup history with the key store's"
                + " cluster "
                + CLUSTER
                + ".");
  }

  @Test
  void createKey_whenTheClusterLostAnHsm_failsWithInvalidConfiguration() {
    LocalKms kms = kms(healthy());
    String store = kms.createCustomKeyStore(spec());
    close(kms);
    LocalKms shrunk =
        kms(
            cluster(
                CLUSTER,
                "ACTIVE",
                "[{\"id\":\"hsm-aaaaaaaaaaa\",\"availabilityZone\":\"us-east-1a\","
                    + "\"state\":\"ACTIVE\"}]",
                KMSUSER));
    shrunk.connectCustomKeyStore(store);
    assertThat(describe(shrunk, store).connectionState()).isEqualTo(ConnectionState.CONNECTED);

    assertThatThrownBy(() -> shrunk.createKey(CreateKeyRequest.inCloudHsmStore(store)))
        .isInstanceOf(CloudHsmClusterInvalidConfigurationException.class);
  }

  @Test
  void create_clusterProblems_failWithTheirKmsErrors() {
    LocalKms kms =
        kms(
            healthy(),
            cluster("cluster-inactiveabcd", "UNINITIALIZED", ACTIVE_HSMS, KMSUSER),
            cluster(
                "cluster-onehsmabcdefg",
                "ACTIVE",
                "[{\"id\":\"hsm-aaaaaaaaaaa\",\"availabilityZone\":\"us-east-1a\","
                    + "\"state\":\"ACTIVE\"}]",
                KMSUSER));
    String ca = TestCertificates.INSTANCE.customerCa;

    assertThatThrownBy(
            () ->
                kms.createCustomKeyStore(
                    spec("a", CLUSTER, TestCertificates.INSTANCE.otherCaOtherName)))
        .isInstanceOf(IncorrectTrustAnchorException.class)
        .hasMessage(
            "The trust anchor certificate did not issue the certificate of cluster "
                + CLUSTER
                + ".");
    assertThatThrownBy(() -> kms.createCustomKeyStore(spec("b", "cluster-nowhereabcdef", ca)))
        .isInstanceOf(CloudHsmClusterNotFoundException.class);
    assertThatThrownBy(() -> kms.createCustomKeyStore(spec("c", "cluster-inactiveabcd", ca)))
        .isInstanceOf(CloudHsmClusterNotActiveException.class);
    assertThatThrownBy(() -> kms.createCustomKeyStore(spec("d", "cluster-onehsmabcdefg", ca)))
        .isInstanceOf(CloudHsmClusterInvalidConfigurationException.class);

    kms.createCustomKeyStore(spec("e", CLUSTER, ca));
    assertThatThrownBy(() -> kms.createCustomKeyStore(spec("f", CLUSTER, ca)))
        .isInstanceOf(CloudHsmClusterInUseException.class);
  }

  private CustomKeyStoreClient client(LocalKms kms, ClusterDescriptor cluster) {
    return CustomKeyStoreClient.builder()
        .backend(kms)
        .pollDelays(Duration.ofMillis(20), Duration.ofMillis(200))
        .clusterPreflight(CloudHsmPreflight.forClusters(List.of(cluster), HsmOptions.defaults()))
        .build();
  }

  @Test
  void rotateCloudHsmPassword_thatKmsuserCannotUse_reconnectsWithTheOldOneAndFails() {
    ClusterDescriptor cluster = healthy();
    LocalKms kms = kms(cluster);
    CustomKeyStoreClient client = client(kms, cluster);
    EnsureOptions connected =
        EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).preflight(true).build();
    String id = client.ensure(spec(), connected).store().customKeyStoreId();
    String keyId = kms.createKey(CreateKeyRequest.inCloudHsmStore(id)).keyId();

    assertThatThrownBy(() -> client.rotateCloudHsmPassword(id, Secret.of("notThePassword")))
        .isInstanceOfSatisfying(
            PreflightFailedException.class,
            e ->
                assertThat(e.report().failures())
                    .extracting(c -> c.name())
                    .containsExactly("crypto user login"));

    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    byte[] blob = kms.encrypt(keyId, "still here".getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(kms.decrypt(blob, Map.of(), Optional.empty()).plaintext().revealBytes())
        .isEqualTo("still here".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ensure_withPreflightAndTheWrongTrustAnchor_createsNothing() {
    ClusterDescriptor cluster = healthy();
    LocalKms kms = kms(cluster);
    CustomKeyStoreClient client = client(kms, cluster);

    assertThatThrownBy(
            () ->
                client.ensure(
                    spec("hsm", CLUSTER, TestCertificates.INSTANCE.otherCaOtherName),
                    EnsureOptions.builder().preflight(true).build()))
        .isInstanceOfSatisfying(
            PreflightFailedException.class,
            e ->
                assertThat(e.report().failures())
                    .extracting(c -> c.name())
                    .containsExactly("trust anchor"));
    assertThat(client.stores()).isEmpty();
  }
}
