package dev.cks.examples;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.cloudhsm.SoftHsm2;
import dev.cks.local.CreateKeyRequest;
import dev.cks.local.KmsKey;
import dev.cks.local.LocalKms;
import dev.cks.local.SoftHsmCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The KMS documentation's example of a CloudHSM key store, on a SoftHSM2 token standing in for the
 * cluster. Its trust anchor, {@code <certificate-goes-here>}, is a placeholder KMS refuses: cks
 * says why before anything is sent, and the example goes on with the cluster's real customer CA.
 * Needs SoftHSM2 ({@code apt-get install -y softhsm2}).
 */
public final class CloudHsmKeyStore {

  private CloudHsmKeyStore() {}

  /** Runs the example. */
  public static void main(String[] args) {
    if (SoftHsm2.library().isEmpty()) {
      System.out.println(
          "This example needs SoftHSM2 as its HSM; install it with 'apt-get install -y softhsm2'.");
      return;
    }
    Secret password = Secret.of("kmsPswd");
    try {
      spec("<certificate-goes-here>", password);
    } catch (ValidationException e) {
      System.out.println("The documented trust anchor is refused:");
      System.out.println("  " + e.getMessage());
    }

    // The cluster: a token labelled with the cluster id, whose crypto user kmsuser has the
    // key store's password, and the customer CA that signed the cluster's certificate.
    SoftHsmCluster cluster = SoftHsmCluster.start("cluster-234abcdefABC", "kmsuser", password);
    System.out.println("Going on with the cluster's customer CA as the trust anchor.");

    try (LocalKms kms = LocalKms.builder().inMemory().hsmCluster(cluster.descriptor()).build();
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(kms).build()) {
      String id = client.create(spec(cluster.trustAnchorPem(), password));
      client.connect(id);
      ConnectionResult result = client.awaitConnected(id, Duration.ofMinutes(20));
      System.out.println(
          "Created " + id + "; it is " + result.store().connectionStateAsString() + ".");

      KmsKey key = kms.createKey(CreateKeyRequest.inCloudHsmStore(id));
      byte[] plaintext = "kept in the HSM".getBytes(StandardCharsets.UTF_8);
      byte[] ciphertext = kms.encrypt(key.keyId(), plaintext, Map.of());
      byte[] back =
          kms.decrypt(ciphertext, Map.of(), Optional.of(key.keyId())).plaintext().revealBytes();
      System.out.println(
          "KMS key "
              + key.keyId()
              + " encrypted and decrypted \""
              + new String(back, StandardCharsets.UTF_8)
              + "\" inside the token.");
    }
  }

  private static CloudHsmKeyStoreSpec spec(String trustAnchor, Secret password) {
    return CloudHsmKeyStoreSpec.builder()
        .name("ExampleKeyStore")
        .cloudHsmClusterId("cluster-234abcdefABC")
        .trustAnchorCertificate(trustAnchor)
        .keyStorePassword(password)
        .build();
  }
}
