package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.cloudhsm.SoftHsm2;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_runsTheWholeTourOnTheEmbeddedDefault() {
    CommandRun run = CommandRun.of("demo");
    String out = run.out();

    assertThat(run.status()).isZero();
    assertThat(out)
        .contains("== An external key store (XKS)")
        .contains("it starts DISCONNECTED")
        .contains("connected after")
        .contains("decrypted: \"Hello from cks\"")
        .contains("credential rotated while connected")
        .contains("the old one is gone; data still decrypts: true")
        .contains("the store is FAILED:")
        .contains("INVALID_CREDENTIALS (credentials, a retry alone will not help)")
        .contains("Done. Everything made here is gone again.")
        .contains("'cks --help' lists the rest.");
    boolean softHsm = SoftHsm2.library().isPresent();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(softHsm).as("SoftHSM2 is installed on CI (apt-get install -y softhsm2)").isTrue();
    }
    if (softHsm) {
      assertThat(out)
          .contains("encrypted and decrypted in the token: \"Hello from an HSM\"")
          .contains("disconnected: logged out of the token");
    } else {
      assertThat(out).contains("skipped: SoftHSM2 is not installed");
    }
  }
}
