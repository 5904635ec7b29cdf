package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void demo_runsTheWholeTourOnTheEmbeddedDefault() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new CksCommand());
    command.setOut(new PrintWriter(out, true));

    int status = command.execute("demo");

    assertThat(status).isZero();
    assertThat(out.toString())
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
      assertThat(out.toString())
          .contains("encrypted and decrypted in the token: \"Hello from an HSM\"")
          .contains("disconnected: logged out of the token");
    } else {
      assertThat(out.toString()).contains("skipped: SoftHSM2 is not installed");
    }
  }
}
