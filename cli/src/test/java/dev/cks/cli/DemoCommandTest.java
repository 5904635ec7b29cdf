package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("Done. Everything made here is gone again.");
    if (Files.isRegularFile(Path.of("/usr/lib/softhsm/libsofthsm2.so"))) {
      assertThat(out)
          .contains("encrypted and decrypted in the token: \"Hello from an HSM\"")
          .contains("disconnected: logged out of the token");
    } else {
      assertThat(out).contains("skipped: SoftHSM2 is not installed");
    }
  }
}
