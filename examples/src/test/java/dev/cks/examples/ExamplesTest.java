package dev.cks.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cks.cloudhsm.SoftHsm2;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example as a user would and checks what it prints. */
class ExamplesTest {

  private static String run(Runnable example) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void publicEndpointKeyStore_showsTheRefusedIdThenConnects() {
    String out = run(() -> PublicEndpointKeyStore.main(new String[0]));

    assertThat(out)
        .contains("The documented access key id is refused:")
        .contains("ABCDE12345670EXAMPLE")
        .contains("Going on with access key id ABCDEFGHIJKLMNOPQRST.")
        .containsPattern("Created cks-[0-9a-f]{17}; it is CONNECTED\\.");
  }

  @Test
  void vpcEndpointServiceKeyStore_connectsBehindTheService() {
    String out = run(() -> VpcEndpointServiceKeyStore.main(new String[0]));

    assertThat(out)
        .containsPattern(
            "Created cks-[0-9a-f]{17} behind"
                + " com\\.amazonaws\\.vpce\\.us-east-1\\.vpce-svc-example1; it is CONNECTED\\.");
  }

  @Test
  void rotateXksCredential_isRefusedTooEarlyThenStaysConnected() {
    String out = run(() -> RotateXksCredential.main(new String[0]));

    assertThat(out)
        .contains("Too early, the proxy does not know the new credential yet:")
        .contains("failed, nothing was changed:")
        .contains("FAILED credential: ")
        .containsPattern(
            "Rotated: KMS now signs with [A-Z2-7]{20} and the store is still CONNECTED\\.");
  }

  @Test
  void awaitConnection_reportsPollsThenExplainsTheFailure() {
    String out = run(() -> AwaitConnection.main(new String[0]));

    assertThat(out)
        .containsPattern("  poll 1: CONNECTING after PT")
        .containsPattern("cks-[0-9a-f]{17} is CONNECTED\\.")
        .containsPattern("cks-[0-9a-f]{17} is FAILED \\(INVALID_CREDENTIALS\\)\\.")
        .contains("INVALID_CREDENTIALS (credentials, a retry alone will not help)")
        .contains("  1. Disconnect the key store (DisconnectCustomKeyStore)");
  }

  @Test
  void ensureKeyStore_createsThenHasNothingToDoThenMovesTheEndpoint() {
    String out = run(() -> EnsureKeyStore.main(new String[0]));

    assertThat(out)
        .contains("  1. create external key store \"DeclaredKeyStore\"")
        .contains("  nothing to change")
        .containsPattern(
            "  3\\. update cks-[0-9a-f]{17}: XksProxyUriEndpoint https://proxy\\.example\\.com ->"
                + " https://proxy2\\.example\\.com")
        .contains("-> CONNECTED at https://proxy2.example.com");
  }

  @Test
  void checkProxyFirst_reportsTheWrongPathThenPassesAndCreates() {
    String out = run(() -> CheckProxyFirst.main(new String[0]));

    assertThat(out)
        .contains("XKS proxy pre-flight for https://proxy.example.com/example-prefix/kms/xks/v1")
        .containsPattern(
            "FAILED +URI path: the proxy serves no key store at /example-prefix/kms/xks/v1")
        .containsPattern("PASSED +key metadata: ")
        .containsPattern("PASSED +decrypt: ")
        .containsPattern("Created cks-[0-9a-f]{17}; it is CONNECTED\\.");
  }

  @Test
  void cloudHsmKeyStore_showsTheRefusedTrustAnchorThenEncryptsInTheToken() {
    if (SoftHsm2.library().isEmpty()) {
      String help = SoftHsm2.installAdvice();
      if ("true".equals(System.getenv("CI"))) {
        fail(help);
      }
      assumeTrue(false, help);
    }
    String out = run(() -> CloudHsmKeyStore.main(new String[0]));

    assertThat(out)
        .contains("The documented trust anchor is refused:")
        .contains("TrustAnchorCertificate")
        .contains("Going on with the cluster's customer CA as the trust anchor.")
        .containsPattern("Created cks-[0-9a-f]{17}; it is CONNECTED\\.")
        .containsPattern("encrypted and decrypted \"kept in the HSM\" inside the token\\.");
  }
}
