package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.check.Check;
import dev.cks.check.CheckReport;
import dev.cks.check.CheckStatus;
import dev.cks.check.Preflight;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CloudHsmPreflightTest {

  private static final TestCertificates CERTS = TestCertificates.INSTANCE;

  private static String fields(String hsms, String users) {
    return "\"clusterCertificate\": \""
        + CERTS.clusterCertificate.replace("\n", "\\n").replace("\r", "")
        + "\", \"hsms\": "
        + hsms
        + ", \"users\": "
        + users;
  }

  private static final String TWO_ZONES =
      "[{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\"},"
          + " {\"id\": \"hsm-bbbbbbbbbbb\", \"availabilityZone\": \"us-east-1b\"}]";
  private static final String KMSUSER = "[{\"name\": \"kmsuser\"}]";

  private static List<String> statuses(CheckReport report) {
    return report.checks().stream()
        .map(c -> c.status() + " " + c.name())
        .collect(Collectors.toList());
  }

  private static Check check(CheckReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void check_withHealthyCluster_passesEveryItemAndLogsOut() {
    String token = SoftHsm.newToken();
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(token, fields(TWO_ZONES, KMSUSER));

    CheckReport report =
        CloudHsmPreflight.check(descriptor, CERTS.customerCa, Secret.of(SoftHsm.PASSWORD));

    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(statuses(report))
        .containsExactly(
            "PASSED cluster found",
            "PASSED cluster active",
            "PASSED trust anchor",
            "PASSED HSMs for create",
            "PASSED HSMs for connect",
            "PASSED password length",
            "PASSED crypto user login",
            "PASSED logged out");
    assertThat(report.title()).isEqualTo("CloudHSM pre-flight for cluster cluster-testabcdefgh");
    assertThat(check(report, "HSMs for create").detail())
        .isEqualTo("2 active HSMs in 2 availability zones.");
    try (HsmCluster cluster = HsmCluster.open(descriptor)) {
      assertThat(cluster.loggedIn()).isFalse();
      cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD)).close();
    }
  }

  @Test
  void check_withWrongAnchorOneZoneAndWrongPassword_failsThoseItems() {
    String oneZone =
        "[{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\"},"
            + " {\"id\": \"hsm-bbbbbbbbbbb\", \"availabilityZone\": \"us-east-1a\"}]";
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(SoftHsm.newToken(), fields(oneZone, KMSUSER));

    CheckReport report =
        CloudHsmPreflight.check(descriptor, CERTS.otherCaOtherName, Secret.of("wrongPassword"));

    assertThat(report.passed()).isFalse();
    assertThat(statuses(report))
        .containsExactly(
            "PASSED cluster found",
            "PASSED cluster active",
            "FAILED trust anchor",
            "FAILED HSMs for create",
            "PASSED HSMs for connect",
            "PASSED password length",
            "FAILED crypto user login",
            "SKIPPED logged out");
    assertThat(check(report, "HSMs for create").detail())
        .isEqualTo(
            "2 active HSMs in 1 availability zone; creating the key store or a key needs at least"
                + " 2 active HSMs in different zones, else KMS answers"
                + " CloudHsmClusterInvalidConfigurationException.");
    assertThat(check(report, "trust anchor").detail())
        .endsWith("KMS answers IncorrectTrustAnchorException for this certificate.");
    assertThat(check(report, "crypto user login").detail())
        .isEqualTo(
            "kmsuser cannot log in, so connecting fails with INVALID_CREDENTIALS: the password of"
                + " crypto user kmsuser was rejected by cluster cluster-testabcdefgh"
                + " (CKR_PIN_INCORRECT).");
    assertThat(report.render()).doesNotContain("wrongPassword");
  }

  @Test
  void check_withShortPassword_skipsTheLoginSoNoAttemptIsCounted() {
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(SoftHsm.newToken(), fields(TWO_ZONES, KMSUSER));

    CheckReport report = CloudHsmPreflight.check(descriptor, CERTS.customerCa, Secret.of("short"));

    assertThat(check(report, "password length").detail())
        .isEqualTo("KeyStorePassword must be 7 to 32 characters, was 5 characters.");
    assertThat(check(report, "crypto user login").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(check(report, "crypto user login").detail())
        .isEqualTo("not tried, because the password has the wrong length.");
  }

  @Test
  void check_withMissingCluster_failsAndSkipsTheLogin() {
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor("cluster-absent", fields(TWO_ZONES, KMSUSER));

    CheckReport report =
        CloudHsmPreflight.check(descriptor, CERTS.customerCa, Secret.of(SoftHsm.PASSWORD));

    assertThat(check(report, "cluster found").status()).isEqualTo(CheckStatus.FAILED);
    assertThat(check(report, "cluster found").detail())
        .startsWith("cluster cluster-testabcdefgh was not found: no token labelled");
    assertThat(check(report, "crypto user login").detail())
        .isEqualTo("not tried, because the cluster was not found.");
  }

  @Test
  void check_withNoActiveHsmAndInactiveCluster_reportsBoth() {
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(
            SoftHsm.newToken(),
            "\"state\": \"UNINITIALIZED\", "
                + fields(
                    "[{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\","
                        + " \"state\": \"DELETED\"}]",
                    KMSUSER));

    CheckReport report =
        CloudHsmPreflight.check(descriptor, CERTS.customerCa, Secret.of(SoftHsm.PASSWORD));

    assertThat(statuses(report))
        .containsExactly(
            "PASSED cluster found",
            "FAILED cluster active",
            "PASSED trust anchor",
            "FAILED HSMs for create",
            "FAILED HSMs for connect",
            "PASSED password length",
            "FAILED crypto user login",
            "SKIPPED logged out");
    assertThat(check(report, "crypto user login").detail())
        .startsWith("kmsuser cannot log in, so connecting fails with INSUFFICIENT_CLOUDHSM_HSMS");
  }

  @Test
  void check_onAnOpenClusterWithUserLoggedIn_failsWithUserLoggedInAndKeepsTheLogin() {
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(SoftHsm.newToken(), fields(TWO_ZONES, KMSUSER));
    try (HsmCluster cluster = HsmCluster.open(descriptor);
        CryptoUserSession kms = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {

      CheckReport report =
          CloudHsmPreflight.check(cluster, CERTS.customerCa, Secret.of(SoftHsm.PASSWORD));

      assertThat(check(report, "crypto user login").detail())
          .startsWith("kmsuser cannot log in, so connecting fails with USER_LOGGED_IN");
      assertThat(cluster.loggedIn()).isTrue();
      assertThat(kms.generateKey("still-usable").label()).isEqualTo("still-usable");
    }
  }

  @Test
  void check_withDescriptorWithoutHsmsOrCertificate_skipsThoseItems() {
    ClusterDescriptor descriptor =
        ClusterDescriptor.forToken(SoftHsm.library(), SoftHsm.newToken());

    CheckReport report =
        CloudHsmPreflight.check(descriptor, CERTS.customerCa, Secret.of(SoftHsm.PASSWORD));

    assertThat(report.passed()).isTrue();
    assertThat(statuses(report))
        .contains("SKIPPED trust anchor", "SKIPPED HSMs for create", "SKIPPED HSMs for connect");
  }

  @Test
  void forClusters_checksTheSpecsClusterAndFailsForAnUnknownOne() {
    ClusterDescriptor descriptor =
        EmulatedClusterTest.descriptor(SoftHsm.newToken(), fields(TWO_ZONES, KMSUSER));
    Preflight<CloudHsmKeyStoreSpec> preflight =
        CloudHsmPreflight.forClusters(List.of(descriptor), HsmOptions.defaults());

    CheckReport known = preflight.check(spec(descriptor.clusterId(), Secret.of(SoftHsm.PASSWORD)));
    CheckReport unknown = preflight.check(spec("cluster-otherabcdefg", Secret.of("kmsPswd1")));

    assertThat(known.passed()).as(known.render()).isTrue();
    assertThat(known.checks()).hasSize(8);
    assertThat(unknown.render())
        .isEqualTo(
            "CloudHSM pre-flight for cluster cluster-otherabcdefg\n"
                + "  FAILED   cluster found: no descriptor describes cluster cluster-otherabcdefg;"
                + " known: [cluster-testabcdefgh].\n"
                + "FAILED: 1 of 1 check failed.\n");
  }

  private static CloudHsmKeyStoreSpec spec(String clusterId, Secret password) {
    return CloudHsmKeyStoreSpec.builder()
        .name("hsm")
        .cloudHsmClusterId(clusterId)
        .trustAnchorCertificate(CERTS.customerCa)
        .keyStorePassword(password)
        .build();
  }
}
