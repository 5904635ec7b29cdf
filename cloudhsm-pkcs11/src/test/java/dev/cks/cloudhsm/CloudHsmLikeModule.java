package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A PKCS#11 module that makes AES-GCM IVs and locks crypto users out the way AWS CloudHSM's does,
 * built from {@code src/test/c/cloudhsm_like_module.c} in front of SoftHSM2: it rejects any IV but
 * zeros, writes the IV it made into the caller's buffer, offers {@code CKM_CLOUDHSM_AES_GCM}, and
 * answers {@code CKR_PIN_LOCKED} after 5 wrong PINs on a token.
 */
final class CloudHsmLikeModule {

  private static Path built;

  private CloudHsmLikeModule() {}

  /** The compiled module, built once per test run; needs a C compiler. */
  static synchronized Path library() {
    Path softHsm = SoftHsm.library();
    if (built != null) {
      return built;
    }
    if (!onPath("cc")) {
      String help = "a C compiler is needed to build the test module; apt-get install -y gcc";
      if ("true".equals(System.getenv("CI"))) {
        fail(help);
      }
      assumeTrue(false, help);
    }
    Path output = Path.of("target", "cloudhsm-like-module.so").toAbsolutePath();
    SoftHsm.run(
        "cc",
        "-shared",
        "-fPIC",
        "-O2",
        "-o",
        output.toString(),
        Path.of("src", "test", "c", "cloudhsm_like_module.c").toAbsolutePath().toString(),
        "-ldl",
        "-DTARGET_LIBRARY=\"" + softHsm + "\"");
    built = output;
    return built;
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
