package dev.cks.cloudhsm;

import dev.cks.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The second process of {@link RestartTest}: a fresh JVM that opens the same token, finds a key by
 * its label and decrypts what the first process sealed. The password comes from the environment.
 *
 * <p>Arguments: module path, token label, key label, Base64 of IV || ciphertext || tag, Base64 AAD.
 * Prints the plaintext as text on success.
 */
public final class SecondProcess {

  private SecondProcess() {}

  public static void main(String[] args) {
    ClusterDescriptor descriptor = ClusterDescriptor.forToken(Path.of(args[0]), args[1]);
    Secret password = Secret.of(System.getenv("CKS_TEST_PASSWORD"));
    try (HsmCluster cluster = HsmCluster.open(descriptor);
        CryptoUserSession kmsuser = cluster.login("kmsuser", password)) {
      AesKey key = kmsuser.findKey(args[2]).orElseThrow();
      byte[] plaintext =
          kmsuser.decrypt(
              key,
              GcmCiphertext.fromBytes(Base64.getDecoder().decode(args[3])),
              Base64.getDecoder().decode(args[4]));
      System.out.println("plaintext=" + new String(plaintext, StandardCharsets.UTF_8));
    }
  }
}
