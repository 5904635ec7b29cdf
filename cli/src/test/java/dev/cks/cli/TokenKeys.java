package dev.cks.cli;

import dev.cks.Secret;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.CryptoUserSession;
import dev.cks.cloudhsm.HsmCluster;
import java.nio.file.Path;

/**
 * Makes AES keys on a SoftHSM2 token, in a JVM of its own that has {@code SOFTHSM2_CONF} set.
 * Arguments: module, token label, user, password, then the key labels.
 */
public final class TokenKeys {

  private TokenKeys() {}

  /** Makes the keys and exits. */
  public static void main(String[] args) {
    try (HsmCluster cluster =
            HsmCluster.open(ClusterDescriptor.forToken(Path.of(args[0]), args[1]));
        CryptoUserSession session = cluster.login(args[2], Secret.of(args[3]))) {
      for (int i = 4; i < args.length; i++) {
        session.generateKey(args[i]);
      }
    }
  }
}
