package dev.cks.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes SoftHSM2 tokens for benchmarks with {@code softhsm2-util}, in the token directory of the
 * configuration named by {@code SOFTHSM2_CONF}, which must be set before the run because SoftHSM2
 * reads it once per process.
 */
final class SoftHsmTokens {

  private SoftHsmTokens() {}

  /** Makes a token whose user PIN is {@code kmsuser:<password>}; returns its label and slot. */
  static String[] create(String password) throws IOException, InterruptedException {
    if (System.getenv("SOFTHSM2_CONF") == null) {
      throw new IllegalStateException(
          "set SOFTHSM2_CONF to a softhsm2.conf whose token directory this benchmark may use");
    }
    String label = "bench-" + Long.toHexString(new SecureRandom().nextLong());
    Process process =
        new ProcessBuilder(
                List.of(
                    "softhsm2-util",
                    "--init-token",
                    "--free",
                    "--label",
                    label,
                    "--so-pin",
                    "87654321",
                    "--pin",
                    "kmsuser:" + password))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("softhsm2-util failed: " + output);
    }
    Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
    if (!slot.find()) {
      throw new IllegalStateException("softhsm2-util named no slot: " + output);
    }
    return new String[] {label, slot.group(1)};
  }
}
