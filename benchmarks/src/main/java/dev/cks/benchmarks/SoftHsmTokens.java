package dev.cks.benchmarks;

import dev.cks.cloudhsm.SoftHsm2;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Makes SoftHSM2 tokens for benchmarks with {@code softhsm2-util}, in the token directory of the
 * configuration named by {@code SOFTHSM2_CONF}, which must be set before the run because SoftHSM2
 * reads it once per process.
 */
final class SoftHsmTokens {

  private SoftHsmTokens() {}

  /** Makes a token whose user PIN is {@code kmsuser:<password>}; returns its label and slot. */
  static String[] create(String password) {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException(
          "set SOFTHSM2_CONF to a softhsm2.conf whose token directory this benchmark may use");
    }
    String label = "bench-" + Long.toHexString(new SecureRandom().nextLong());
    long slot = SoftHsm2.initToken(Path.of(conf), label, "87654321", "kmsuser:" + password);
    return new String[] {label, Long.toString(slot)};
  }
}
