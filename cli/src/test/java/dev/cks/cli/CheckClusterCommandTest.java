package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.Secret;
import dev.cks.cloudhsm.SoftHsm2;
import dev.cks.local.SoftHsmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cks check-cluster} on a real SoftHSM2 token. SoftHSM2 finds its tokens once per process,
 * so both clusters are made before the first check loads the library. Needs the softhsm2 package;
 * on CI a missing one fails the test.
 */
class CheckClusterCommandTest {

  private static final String PASSWORD = "kmsPswd1";

  @TempDir static Path dir;
  private static Path descriptor;
  private static Path trustAnchor;
  private static Path otherTrustAnchor;
  private static Path passwordFile;

  @BeforeAll
  static void makeClusters() throws Exception {
    if (SoftHsm2.library().isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail(SoftHsm2.installAdvice());
      }
      assumeTrue(false, SoftHsm2.installAdvice());
    }
    SoftHsmCluster cluster =
        SoftHsmCluster.start("cluster-checkedabcdef", "kmsuser", Secret.of(PASSWORD));
    SoftHsmCluster other =
        SoftHsmCluster.start("cluster-otherabcdefg", "kmsuser", Secret.of(PASSWORD));
    descriptor = dir.resolve("cluster.json");
    cluster.writeDescriptor(descriptor);
    trustAnchor = Files.writeString(dir.resolve("customerCA.crt"), cluster.trustAnchorPem());
    otherTrustAnchor = Files.writeString(dir.resolve("otherCA.crt"), other.trustAnchorPem());
    passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
  }

  private static CommandRun check(Path anchor, Path password, String... more) {
    String[] base = {
      "check-cluster",
      "--hsm-cluster",
      descriptor.toString(),
      "--trust-cert",
      anchor.toString(),
      "--password-file",
      password.toString()
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CommandRun.of(args);
  }

  @Test
  void checkCluster_thatKmsWouldAccept_passesEveryCheck() {
    CommandRun run = check(trustAnchor, passwordFile);

    assertThat(run.status()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern("PASSED +cluster found: ")
        .containsPattern("PASSED +trust anchor: ")
        .containsPattern("PASSED +crypto user login: ")
        .containsPattern("PASSED +logged out: ")
        .doesNotContain(PASSWORD);
  }

  @Test
  void checkCluster_withTheWrongPassword_failsTheLogin() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "notThePassword");

    CommandRun run = check(trustAnchor, wrong);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("FAILED +crypto user login: ")
        .doesNotContain("notThePassword");
  }

  @Test
  void checkCluster_withAnotherClustersCa_failsTheTrustAnchor_asJson() throws Exception {
    CommandRun run = check(otherTrustAnchor, passwordFile, "--output", "json");

    assertThat(run.status()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("passed").asBoolean()).isFalse();
    JsonNode anchor = null;
    for (JsonNode check : json.get("checks")) {
      if (check.get("name").asText().equals("trust anchor")) {
        anchor = check;
      }
    }
    assertThat(anchor).isNotNull();
    assertThat(anchor.get("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void checkCluster_withAnUnreadableDescriptor_isBadUsage() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"clusterId\": 7}");

    CommandRun run =
        CommandRun.of(
            "check-cluster",
            "--hsm-cluster",
            broken.toString(),
            "--trust-cert",
            trustAnchor.toString(),
            "--password-file",
            passwordFile.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--hsm-cluster " + broken + ": ");
  }

  @Test
  void softHsmCluster_ofAnIdStartedAlready_isRefusedBeforeAnyTokenIsMade() {
    assertThatThrownBy(
            () -> SoftHsmCluster.start("cluster-checkedabcdef", "kmsuser", Secret.of(PASSWORD)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a cluster cluster-checkedabcdef was started already in this process");
  }
}
