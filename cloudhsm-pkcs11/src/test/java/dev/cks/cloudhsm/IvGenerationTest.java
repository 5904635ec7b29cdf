package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import org.junit.jupiter.api.Test;

/**
 * IV generation against SoftHSM2, which takes the IV from the application and never makes one, so
 * asking it to make the IV must fail safely instead of encrypting under an all-zero IV.
 */
class IvGenerationTest {

  private static ClusterDescriptor descriptor(String ivGeneration) {
    return ClusterDescriptor.parse(
        "{\"clusterId\": \"cluster-ivtestabcdef\", \"pkcs11\": {\"module\": \""
            + SoftHsm.library()
            + "\", \"tokenLabel\": \""
            + SoftHsm.newToken()
            + "\", \"ivGeneration\": \""
            + ivGeneration
            + "\"}}");
  }

  @Test
  void encrypt_withModuleIvOnAModuleThatMakesNone_failsAndReturnsNothing() {
    try (HsmCluster cluster = HsmCluster.open(descriptor("MODULE"));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey("k");

      assertThatThrownBy(() -> kmsuser.encrypt(key, new byte[32], new byte[0]))
          .isInstanceOfSatisfying(
              HsmException.class, e -> assertThat(e.errorName()).isEqualTo("EncryptionFailed"))
          .hasMessage(
              "encryption failed: the PKCS#11 module did not make an IV, so the output was"
                  + " discarded; use ivGeneration ADAPTER with this module");
    }
  }

  @Test
  void encrypt_withCloudHsmMechanismOnSoftHsm_failsWithTheModulesAnswer() {
    try (HsmCluster cluster = HsmCluster.open(descriptor("CLOUDHSM_MECHANISM"));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey("k");

      assertThatThrownBy(() -> kmsuser.encrypt(key, new byte[32], new byte[0]))
          .isInstanceOfSatisfying(
              HsmException.class,
              e -> assertThat(e.returnValue()).contains("CKR_MECHANISM_INVALID"))
          .hasMessage("encryption failed (CKR_MECHANISM_INVALID)");
    }
  }
}
