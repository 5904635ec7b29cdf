package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDescriptorTest {

  private static final String FULL =
      "{\n"
          + "  \"clusterId\": \"cluster-1a23b4cdefg\",\n"
          + "  \"state\": \"ACTIVE\",\n"
          + "  \"pkcs11\": {\"module\": \"/usr/lib/softhsm/libsofthsm2.so\","
          + " \"tokenLabel\": \"token-a\", \"ivGeneration\": \"CLOUDHSM_MECHANISM\"},\n"
          + "  \"hsms\": [{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\"},\n"
          + "           {\"id\": \"hsm-bbbbbbbbbbb\", \"availabilityZone\": \"us-east-1b\","
          + " \"state\": \"DEGRADED\"}],\n"
          + "  \"clusterCertificate\": \"-----BEGIN CERTIFICATE-----\\nAA==\\n\",\n"
          + "  \"users\": [{\"name\": \"kmsuser\", \"failedLogins\": 2, \"locked\": false,"
          + " \"loggedInElsewhere\": true}],\n"
          + "  \"networkDelayMillis\": 250\n"
          + "}";

  @Test
  void parse_withEveryField_readsThemAll() {
    ClusterDescriptor descriptor = ClusterDescriptor.parse(FULL);

    assertThat(descriptor.clusterId()).isEqualTo("cluster-1a23b4cdefg");
    assertThat(descriptor.state()).isEqualTo("ACTIVE");
    assertThat(descriptor.module()).isEqualTo(Path.of("/usr/lib/softhsm/libsofthsm2.so"));
    assertThat(descriptor.tokenLabel()).isEqualTo("token-a");
    assertThat(descriptor.ivGeneration()).isEqualTo(IvGeneration.CLOUDHSM_MECHANISM);
    assertThat(descriptor.hsms().orElseThrow())
        .extracting(ClusterDescriptor.Hsm::toString)
        .containsExactly(
            "hsm-aaaaaaaaaaa (us-east-1a, ACTIVE)", "hsm-bbbbbbbbbbb (us-east-1b, DEGRADED)");
    assertThat(descriptor.hsms().orElseThrow().get(1).active()).isFalse();
    assertThat(descriptor.clusterCertificate()).contains("-----BEGIN CERTIFICATE-----\nAA==\n");
    ClusterDescriptor.User user = descriptor.users().orElseThrow().get(0);
    assertThat(user.name()).isEqualTo("kmsuser");
    assertThat(user.failedLogins()).isEqualTo(2);
    assertThat(user.locked()).isFalse();
    assertThat(user.loggedInElsewhere()).isTrue();
    assertThat(descriptor.networkDelay()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void parse_withOnlyRequiredFields_usesDefaults() {
    ClusterDescriptor descriptor =
        ClusterDescriptor.parse(
            "{\"clusterId\": \"cluster-1a23b4cdefg\", \"pkcs11\": {\"module\": \"lib.so\"}}");

    assertThat(descriptor.state()).isEqualTo("ACTIVE");
    assertThat(descriptor.tokenLabel()).isEqualTo("cluster-1a23b4cdefg");
    assertThat(descriptor.ivGeneration()).isEqualTo(IvGeneration.ADAPTER);
    assertThat(descriptor.hsms()).isEmpty();
    assertThat(descriptor.users()).isEmpty();
    assertThat(descriptor.clusterCertificate()).isEmpty();
    assertThat(descriptor.networkDelay()).isZero();
    assertThat(descriptor.module()).isEqualTo(Path.of("lib.so"));
  }

  @Test
  void read_withRelativeModule_resolvesAgainstTheFilesDirectory(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("cluster.json");
    Files.writeString(
        file, "{\"clusterId\": \"cluster-1a23b4cdefg\", \"pkcs11\": {\"module\": \"lib/p11.so\"}}");

    assertThat(ClusterDescriptor.read(file).module())
        .isEqualTo(dir.toAbsolutePath().resolve("lib/p11.so"));
  }

  @Test
  void parse_withUnknownField_namesIt() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\", \"slot\": 1}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cluster descriptor field pkcs11.slot is not known");
  }

  @Test
  void parse_withoutClusterId_namesTheField() {
    assertThatThrownBy(() -> ClusterDescriptor.parse("{\"pkcs11\": {\"module\": \"m\"}}"))
        .hasMessage("clusterId is required");
  }

  @Test
  void parse_withoutPkcs11_namesTheField() {
    assertThatThrownBy(() -> ClusterDescriptor.parse("{\"clusterId\": \"c\"}"))
        .hasMessage("pkcs11 is required and must be an object");
  }

  @Test
  void parse_withUnknownHsmState_listsTheAllowedStates() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\"}, \"hsms\":"
                        + " [{\"id\": \"h\", \"availabilityZone\": \"z\", \"state\": \"UP\"}]}"))
        .hasMessage(
            "hsms[0].state must be one of [ACTIVE, CREATE_IN_PROGRESS, DEGRADED,"
                + " DELETED, DELETE_IN_PROGRESS], was \"UP\"");
  }

  @Test
  void parse_withHsmWithoutZone_namesTheField() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\"}, \"hsms\":"
                        + " [{\"id\": \"h\"}]}"))
        .hasMessage("hsms[0].availabilityZone is required");
  }

  @Test
  void parse_withNegativeFailedLogins_isRejected() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\"}, \"users\":"
                        + " [{\"name\": \"kmsuser\", \"failedLogins\": -1}]}"))
        .hasMessage("users[0].failedLogins must be a whole number, 0 or more, was -1");
  }

  @Test
  void parse_withUnknownIvGeneration_listsTheChoices() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\","
                        + " \"ivGeneration\": \"HSM\"}}"))
        .hasMessage(
            "pkcs11.ivGeneration must be one of ADAPTER, MODULE, CLOUDHSM_MECHANISM, was \"HSM\"");
  }

  @Test
  void parse_withTokenLabelLongerThan32Bytes_isRejected() {
    String label = "x".repeat(33);
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"pkcs11\": {\"module\": \"m\", \"tokenLabel\": \""
                        + label
                        + "\"}}"))
        .hasMessage("pkcs11.tokenLabel must be 1 to 32 bytes of UTF-8, was \"" + label + "\"");
  }

  @Test
  void parse_withBrokenJson_saysSo() {
    assertThatThrownBy(() -> ClusterDescriptor.parse("{\"clusterId\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cluster descriptor is not valid JSON: ");
  }

  @Test
  void parse_withUnknownClusterState_isRejected() {
    assertThatThrownBy(
            () ->
                ClusterDescriptor.parse(
                    "{\"clusterId\": \"c\", \"state\": \"ON\", \"pkcs11\": {\"module\": \"m\"}}"))
        .hasMessageStartingWith("state must be one of [ACTIVE, CREATE_IN_PROGRESS, DEGRADED,");
  }
}
