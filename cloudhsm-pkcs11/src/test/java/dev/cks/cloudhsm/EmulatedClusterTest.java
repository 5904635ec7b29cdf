package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a cluster descriptor makes a real SoftHSM2 token do, as an AWS CloudHSM cluster would. */
class EmulatedClusterTest {

  private static final String TWO_HSMS =
      "\"hsms\": [{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\"},"
          + " {\"id\": \"hsm-bbbbbbbbbbb\", \"availabilityZone\": \"us-east-1b\"}]";

  private final List<HsmCluster> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(HsmCluster::close);
  }

  /** A cluster on a fresh token, described by the given extra descriptor fields. */
  static ClusterDescriptor descriptor(String label, String fields) {
    return ClusterDescriptor.parse(
        "{\"clusterId\": \"cluster-testabcdefgh\", \"pkcs11\": {\"module\": \""
            + SoftHsm.library()
            + "\", \"tokenLabel\": \""
            + label
            + "\"}"
            + (fields.isEmpty() ? "" : ", " + fields)
            + "}");
  }

  private HsmCluster open(String fields) {
    return open(descriptor(SoftHsm.newToken(), fields), HsmOptions.defaults());
  }

  private HsmCluster open(ClusterDescriptor descriptor, HsmOptions options) {
    HsmCluster cluster = HsmCluster.open(descriptor, options);
    open.add(cluster);
    return cluster;
  }

  private static HsmException loginFails(HsmCluster cluster, String password) {
    try {
      cluster.login("kmsuser", Secret.of(password)).close();
    } catch (HsmException e) {
      return e;
    }
    throw new AssertionError("login succeeded");
  }

  @Test
  void login_withUserMissingFromTheCluster_mapsToUserNotFound() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"alice\"}]");

    HsmException e = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.USER_NOT_FOUND);
    assertThat(e).hasMessage("cluster cluster-testabcdefgh has no crypto user kmsuser");
    assertThat(cluster.loggedIn()).isFalse();
  }

  @Test
  void login_withLockedUser_mapsToUserLockedOut() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"kmsuser\", \"locked\": true}]");

    HsmException e = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOCKED_OUT);
    assertThat(e).hasMessage("crypto user kmsuser is locked out of cluster cluster-testabcdefgh");
  }

  @Test
  void login_withUserLoggedInElsewhere_mapsToUserLoggedIn() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"kmsuser\", \"loggedInElsewhere\": true}]");

    HsmException e = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOGGED_IN);
    assertThat(e)
        .hasMessage("crypto user kmsuser is already logged in to cluster cluster-testabcdefgh");
  }

  @Test
  void login_after5WrongPasswords_locksTheUserOutEvenWithTheRightOne() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"kmsuser\"}]");
    for (int i = 1; i <= 4; i++) {
      assertThat(loginFails(cluster, "wrongPassword"))
          .hasMessage(
              "the password of crypto user kmsuser was rejected by cluster cluster-testabcdefgh"
                  + " (CKR_PIN_INCORRECT)");
    }
    HsmException fifth = loginFails(cluster, "wrongPassword");
    assertThat(fifth.connectionErrorCode()).contains(ConnectionErrorCode.INVALID_CREDENTIALS);
    assertThat(fifth)
        .hasMessage(
            "the password of crypto user kmsuser was rejected by cluster cluster-testabcdefgh;"
                + " after 5 failed logins the user is locked out (CKR_PIN_INCORRECT)");

    HsmException locked = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(locked.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOCKED_OUT);
  }

  @Test
  void login_rightPasswordAfter4WrongOnes_resetsTheCount() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"kmsuser\", \"failedLogins\": 3}]");
    loginFails(cluster, "wrongPassword");

    cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD)).close();

    for (int i = 0; i < 4; i++) {
      assertThat(loginFails(cluster, "wrongPassword").connectionErrorCode())
          .contains(ConnectionErrorCode.INVALID_CREDENTIALS);
    }
    cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD)).close();
  }

  @Test
  void login_withFailedLoginsAtTheThresholdInTheDescriptor_isLockedOut() {
    HsmCluster cluster = open("\"users\": [{\"name\": \"kmsuser\", \"failedLogins\": 5}]");

    assertThat(loginFails(cluster, SoftHsm.PASSWORD).connectionErrorCode())
        .contains(ConnectionErrorCode.USER_LOCKED_OUT);
  }

  @Test
  void login_withNoActiveHsm_mapsToInsufficientCloudHsmHsms() {
    HsmCluster cluster =
        open(
            "\"hsms\": [{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\","
                + " \"state\": \"DEGRADED\"}]");

    HsmException e = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS);
    assertThat(e).hasMessage("cluster cluster-testabcdefgh has no active HSM");
  }

  @Test
  void login_withEmptyHsmList_mapsToInsufficientCloudHsmHsms() {
    HsmCluster cluster = open("\"hsms\": []");

    assertThat(loginFails(cluster, SoftHsm.PASSWORD).connectionErrorCode())
        .contains(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS);
  }

  @Test
  void login_withOneActiveHsm_succeeds() {
    HsmCluster cluster =
        open(
            "\"hsms\": [{\"id\": \"hsm-aaaaaaaaaaa\", \"availabilityZone\": \"us-east-1a\"}],"
                + " \"users\": [{\"name\": \"kmsuser\"}]");

    try (CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      assertThat(kmsuser.generateKey("k").label()).isEqualTo("k");
    }
  }

  @Test
  void login_slowerThanTheTimeout_mapsToNetworkErrorsAndLeavesNoLogin() throws Exception {
    HsmCluster cluster =
        open(
            descriptor(SoftHsm.newToken(), TWO_HSMS + ", \"networkDelayMillis\": 2000"),
            HsmOptions.defaults().loginTimeout(Duration.ofMillis(100)));

    HsmException e = loginFails(cluster, SoftHsm.PASSWORD);

    assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.NETWORK_ERRORS);
    assertThat(e)
        .hasMessage("login to cluster cluster-testabcdefgh did not complete within PT0.1S");
    assertThat(cluster.loggedIn()).isFalse();
  }

  @Test
  void login_withDelayWithinTheTimeout_succeeds() {
    HsmCluster cluster =
        open(
            descriptor(SoftHsm.newToken(), "\"networkDelayMillis\": 50"),
            HsmOptions.defaults().loginTimeout(Duration.ofSeconds(20)));

    try (CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      assertThat(kmsuser.isOpen()).isTrue();
      assertThat(cluster.loggedIn()).isTrue();
    }
  }

  @Test
  void open_withDescriptorOfMissingToken_mapsToClusterNotFound() {
    ClusterDescriptor descriptor = descriptor("cluster-gone", TWO_HSMS);

    assertThatThrownBy(() -> HsmCluster.open(descriptor))
        .isInstanceOfSatisfying(
            HsmException.class,
            e ->
                assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.CLUSTER_NOT_FOUND))
        .hasMessageStartingWith(
            "cluster cluster-testabcdefgh was not found: no token labelled \"cluster-gone\"");
  }
}
