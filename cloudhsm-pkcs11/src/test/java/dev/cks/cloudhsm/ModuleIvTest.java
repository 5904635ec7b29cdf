package dev.cks.cloudhsm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * IVs made by the module, and a module's own lockout, on a module that behaves like AWS CloudHSM's
 * (see {@link CloudHsmLikeModule}). Each result is checked again through SoftHSM2 directly, on the
 * same token, to prove the IV read back is the one the module used.
 */
class ModuleIvTest {

  private static final byte[] AAD = "aad".getBytes(UTF_8);
  private static final byte[] PLAINTEXT = "sealed by the module".getBytes(UTF_8);

  private static ClusterDescriptor descriptor(Path module, String token, IvGeneration iv) {
    return ClusterDescriptor.parse(
        "{\"clusterId\": \"cluster-moduleivabcd\", \"pkcs11\": {\"module\": \""
            + module
            + "\", \"tokenLabel\": \""
            + token
            + "\", \"ivGeneration\": \""
            + iv
            + "\"}}");
  }

  /**
   * Decrypts through SoftHSM2 with an IV given by the adapter, bypassing the CloudHSM-like module.
   */
  private static byte[] decryptDirectly(String token, GcmCiphertext sealed) {
    try (HsmCluster cluster =
            HsmCluster.open(descriptor(SoftHsm.library(), token, IvGeneration.ADAPTER));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      return kmsuser.decrypt(kmsuser.findKey("k").orElseThrow(), sealed, AAD);
    }
  }

  @Test
  void encrypt_withModuleIv_returnsTheIvTheModuleMadeAndUsed() {
    Path module = CloudHsmLikeModule.library();
    String token = SoftHsm.newToken();
    GcmCiphertext first;
    GcmCiphertext second;
    try (HsmCluster cluster = HsmCluster.open(descriptor(module, token, IvGeneration.MODULE));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey("k");
      first = kmsuser.encrypt(key, PLAINTEXT, AAD);
      second = kmsuser.encrypt(key, PLAINTEXT, AAD);

      assertThat(first.iv()).isNotEqualTo(new byte[12]).isNotEqualTo(second.iv());
      assertThat(kmsuser.decrypt(key, first, AAD)).isEqualTo(PLAINTEXT);
    }

    assertThat(decryptDirectly(token, first)).isEqualTo(PLAINTEXT);
    assertThat(decryptDirectly(token, second)).isEqualTo(PLAINTEXT);
  }

  @Test
  void encrypt_withCloudHsmMechanism_returnsIvCiphertextAndTag() {
    Path module = CloudHsmLikeModule.library();
    String token = SoftHsm.newToken();
    GcmCiphertext sealed;
    try (HsmCluster cluster =
            HsmCluster.open(descriptor(module, token, IvGeneration.CLOUDHSM_MECHANISM));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey("k");
      sealed = kmsuser.encrypt(key, PLAINTEXT, AAD);

      assertThat(sealed.ciphertext()).hasSize(PLAINTEXT.length);
      assertThat(kmsuser.decrypt(key, sealed, AAD)).isEqualTo(PLAINTEXT);
      assertThatThrownBy(() -> kmsuser.decrypt(key, sealed, new byte[0]))
          .hasMessage("decryption failed");
    }

    assertThat(decryptDirectly(token, sealed)).isEqualTo(PLAINTEXT);
  }

  @Test
  void login_onAModuleThatLocksAfter5WrongPins_mapsItsPinLockedToUserLockedOut() {
    Path module = CloudHsmLikeModule.library();
    try (HsmCluster cluster =
        HsmCluster.open(descriptor(module, SoftHsm.newToken(), IvGeneration.MODULE))) {
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> cluster.login("kmsuser", Secret.of("wrongPassword")))
            .isInstanceOfSatisfying(
                HsmException.class,
                e ->
                    assertThat(e.connectionErrorCode())
                        .contains(ConnectionErrorCode.INVALID_CREDENTIALS));
      }

      assertThatThrownBy(() -> cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD)))
          .isInstanceOfSatisfying(
              HsmException.class,
              e -> {
                assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOCKED_OUT);
                assertThat(e.returnValue()).contains("CKR_PIN_LOCKED");
              })
          .hasMessage(
              "crypto user kmsuser is locked out of cluster cluster-moduleivabcd (CKR_PIN_LOCKED)");
    }
  }

  @Test
  void encrypt_withAdapterIvOnACloudHsmLikeModule_isRefusedByTheModule() {
    Path module = CloudHsmLikeModule.library();
    try (HsmCluster cluster =
            HsmCluster.open(descriptor(module, SoftHsm.newToken(), IvGeneration.ADAPTER));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey("k");

      assertThatThrownBy(() -> kmsuser.encrypt(key, PLAINTEXT, AAD))
          .hasMessage("encryption failed (CKR_MECHANISM_PARAM_INVALID)");
    }
  }
}
