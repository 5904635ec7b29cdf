package dev.cks.local;

import static dev.cks.local.ProxyFixture.PATH_A;
import static dev.cks.local.ProxyFixture.PATH_B;
import static dev.cks.local.ProxyFixture.client;
import static dev.cks.local.ProxyFixture.encryptMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksHealthStatus;
import dev.cks.xks.XksKeyMetadata;
import dev.cks.xks.XksProxyAccessDeniedException;
import dev.cks.xks.XksProxyAuthenticationFailedException;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyInvalidCiphertextException;
import dev.cks.xks.XksProxyInvalidKeyUsageException;
import dev.cks.xks.XksProxyInvalidStateException;
import dev.cks.xks.XksProxyInvalidUriPathException;
import dev.cks.xks.XksProxyKeyNotFoundException;
import dev.cks.xks.XksProxyThrottlingException;
import dev.cks.xks.XksProxyUnsupportedOperationException;
import dev.cks.xks.XksProxyValidationException;
import dev.cks.xks.XksRequestMetadata;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalXksProxyTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final XksProxyCredential CRED_A = XksProxyCredential.generate();
  private static final XksProxyCredential CRED_B = XksProxyCredential.generate();

  private static LocalXksProxy proxy;
  private static XksProxyClient clientA;
  private static XksProxyClient clientB;

  @BeforeAll
  static void start() {
    proxy =
        LocalXksProxy.builder()
            .hostnames(ProxyFixture.HOST, "localhost")
            .region(ProxyFixture.REGION)
            .maxPlaintextBytes(8192)
            .store(
                ProxyKeyStore.builder(PATH_A, ProxyFixture.standardKeys())
                    .credential(CRED_A)
                    .build())
            .store(
                ProxyKeyStore.builder(PATH_B, ProxyFixture.standardKeys())
                    .credential(CRED_B)
                    .authorization(r -> !r.awsPrincipalArn().endsWith(":user/mallory"))
                    .build())
            .start();
    clientA = client(proxy, PATH_A, CRED_A);
    clientB = client(proxy, PATH_B, CRED_B);
  }

  @AfterAll
  static void stop() {
    clientA.close();
    clientB.close();
    proxy.close();
  }

  @Test
  void health_reportsActiveMemberFromKeySource() {
    XksHealthStatus health = clientA.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));

    assertThat(health.xksProxyFleetSize()).isEqualTo(1);
    assertThat(health.xksProxyVendor()).isEqualTo("cks");
    assertThat(health.xksProxyModel()).startsWith("cks LocalXksProxy ");
    assertThat(health.ekmVendor()).isEqualTo("cks");
    assertThat(health.ekmFleetDetails()).hasSize(1);
    assertThat(health.ekmFleetDetails().get(0).healthStatus()).isEqualTo("ACTIVE");
    assertThat(health.anyActive()).isTrue();
  }

  @Test
  void keyMetadata_ofKeyWithBothUsages_isUsableByKms() {
    XksKeyMetadata metadata = clientA.keyMetadata("both", metadata("CreateKey"));

    assertThat(metadata.keySpec()).isEqualTo("AES_256");
    assertThat(metadata.keyUsage()).containsExactly("ENCRYPT", "DECRYPT");
    assertThat(metadata.keyStatus()).isEqualTo("ENABLED");
    assertThat(metadata.usableByKms()).isTrue();
  }

  @Test
  void keyMetadata_ofRestrictedKeys_reportsTheirUsagesAndStatus() {
    assertThat(clientA.keyMetadata("encrypt-only", metadata("CreateKey")).keyUsage())
        .containsExactly("ENCRYPT");
    assertThat(clientA.keyMetadata("decrypt-only", metadata("CreateKey")).keyUsage())
        .containsExactly("DECRYPT");
    assertThat(clientA.keyMetadata("none", metadata("CreateKey")).keyUsage()).isEmpty();
    XksKeyMetadata disabled = clientA.keyMetadata("disabled", metadata("CreateKey"));
    assertThat(disabled.keyStatus()).isEqualTo("DISABLED");
    assertThat(disabled.usableByKms()).isFalse();
  }

  @Test
  void encrypt_thenDecrypt_roundTripsWithAad() {
    byte[] plaintext = "a data key of 32 bytes, exactly!".getBytes(StandardCharsets.US_ASCII);
    byte[] aad = "kms header".getBytes(StandardCharsets.US_ASCII);

    XksEncryptResponse encrypted = clientA.encrypt(encrypt("both", plaintext, aad, false));
    byte[] decrypted = clientA.decrypt(decrypt("both", encrypted, aad).build()).plaintext();

    assertThat(decrypted).isEqualTo(plaintext);
    assertThat(encrypted.ciphertext()).hasSize(plaintext.length).isNotEqualTo(plaintext);
    assertThat(encrypted.initializationVector()).hasSize(12);
    assertThat(encrypted.authenticationTag()).hasSize(16);
    assertThat(encrypted.ciphertextMetadata()).hasValueSatisfying(m -> assertThat(m).hasSize(4));
    assertThat(encrypted.integrityValue()).isEmpty();
  }

  @Test
  void encrypt_twice_usesFreshIvs() {
    byte[] plaintext = new byte[32];

    XksEncryptResponse first = clientA.encrypt(encrypt("both", plaintext, null, false));
    XksEncryptResponse second = clientA.encrypt(encrypt("both", plaintext, null, false));

    assertThat(first.initializationVector()).isNotEqualTo(second.initializationVector());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void encrypt_withIntegrityValue_returnsValueTheClientChecked() {
    byte[] aad = random(33);

    XksEncryptResponse encrypted = clientA.encrypt(encrypt("both", random(32), aad, true));

    assertThat(encrypted.integrityValue())
        .hasValueSatisfying(
            v ->
                assertThat(v)
                    .isEqualTo(
                        dev.cks.xks.CiphertextIntegrity.sha256(
                            aad,
                            encrypted.ciphertextMetadata().orElseThrow(),
                            encrypted.initializationVector(),
                            encrypted.ciphertext(),
                            encrypted.authenticationTag())));
  }

  @Test
  void encrypt_withSpecMinimumSizes_roundTrips() {
    byte[] plaintext = random(4300);
    byte[] aad = random(8192);

    XksEncryptResponse encrypted = clientA.encrypt(encrypt("both", plaintext, aad, true));

    assertThat(clientA.decrypt(decrypt("both", encrypted, aad).build()).plaintext())
        .isEqualTo(plaintext);
  }

  @Test
  void encrypt_above8192BytePlaintextLimit_failsWithUnsupportedOperation() {
    assertThatThrownBy(() -> clientA.encrypt(encrypt("both", random(8193), null, false)))
        .isInstanceOf(XksProxyUnsupportedOperationException.class)
        .hasMessage(
            "Encrypt failed with UnsupportedOperationException (HTTP 501): plaintext must be at"
                + " most 8192 bytes here, was 8193");
  }

  @Test
  void decrypt_withElevenByteIv_failsWithValidation() {
    XksEncryptResponse encrypted = clientA.encrypt(encrypt("both", random(16), null, false));

    assertThatThrownBy(
            () ->
                clientA.decrypt(
                    decrypt("both", encrypted, null).initializationVector(new byte[11]).build()))
        .isInstanceOf(XksProxyValidationException.class)
        .hasMessage(
            "Decrypt failed with ValidationException (HTTP 400): initializationVector must be 12"
                + " or 16 bytes, was 11");
  }

  @Test
  void encrypt_withDisabledKey_failsWithInvalidState() {
    assertThatThrownBy(() -> clientA.encrypt(encrypt("disabled", random(16), null, false)))
        .isInstanceOf(XksProxyInvalidStateException.class)
        .hasMessage("Encrypt failed with InvalidStateException (HTTP 400): the key is disabled");
  }

  @Test
  void encrypt_withUnknownKey_failsWithKeyNotFound() {
    assertThatThrownBy(() -> clientA.encrypt(encrypt("missing", random(16), null, false)))
        .isInstanceOf(XksProxyKeyNotFoundException.class)
        .hasMessage(
            "Encrypt failed with KeyNotFoundException (HTTP 404): no key with id \"missing\"");
  }

  @Test
  void keyMetadata_ofUnknownKey_failsWithKeyNotFound() {
    assertThatThrownBy(() -> clientA.keyMetadata("missing", metadata("CreateKey")))
        .isInstanceOf(XksProxyKeyNotFoundException.class);
  }

  @Test
  void decrypt_withEncryptOnlyKey_failsWithInvalidKeyUsage() {
    XksEncryptResponse encrypted =
        clientA.encrypt(encrypt("encrypt-only", random(16), null, false));

    assertThatThrownBy(() -> clientA.decrypt(decrypt("encrypt-only", encrypted, null).build()))
        .isInstanceOf(XksProxyInvalidKeyUsageException.class)
        .hasMessage(
            "Decrypt failed with InvalidKeyUsageException (HTTP 400): the key does not allow"
                + " DECRYPT");
  }

  @Test
  void encrypt_withDecryptOnlyOrUnusableKey_failsWithInvalidKeyUsage() {
    assertThatThrownBy(() -> clientA.encrypt(encrypt("decrypt-only", random(16), null, false)))
        .isInstanceOf(XksProxyInvalidKeyUsageException.class);
    assertThatThrownBy(() -> clientA.encrypt(encrypt("none", random(16), null, false)))
        .isInstanceOf(XksProxyInvalidKeyUsageException.class);
  }

  @Test
  void encrypt_withIntegrityValueOnEncryptOnlyKey_failsWithInvalidKeyUsage() {
    assertThat(clientA.encrypt(encrypt("encrypt-only", random(16), null, false))).isNotNull();

    assertThatThrownBy(() -> clientA.encrypt(encrypt("encrypt-only", random(16), null, true)))
        .isInstanceOf(XksProxyInvalidKeyUsageException.class)
        .hasMessage(
            "Encrypt failed with InvalidKeyUsageException (HTTP 400): the key does not allow"
                + " DECRYPT, which the integrity check of Encrypt needs");
  }

  @Test
  void anyOperation_withWrongSecret_failsWithAuthenticationFailed() {
    XksProxyCredential wrong =
        XksProxyCredential.of(
            CRED_A.accessKeyId(), XksProxyCredential.generate().rawSecretAccessKey());
    try (XksProxyClient client = client(proxy, PATH_A, wrong)) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyAuthenticationFailedException.class)
          .hasMessage(
              "GetHealthStatus failed with AuthenticationFailedException (HTTP 401): the request"
                  + " signature did not verify");
    }
  }

  @Test
  void anyOperation_withOtherStoresCredential_failsWithAuthenticationFailed() {
    try (XksProxyClient client = client(proxy, PATH_A, CRED_B)) {
      assertThatThrownBy(() -> client.keyMetadata("both", metadata("CreateKey")))
          .isInstanceOf(XksProxyAuthenticationFailedException.class);
    }
  }

  @Test
  void anyOperation_signedForOtherRegion_failsWithAuthenticationFailed() {
    try (XksProxyClient client = client(proxy, PATH_A, CRED_A, "us-east-1")) {
      assertThatThrownBy(() -> client.keyMetadata("both", metadata("CreateKey")))
          .isInstanceOf(XksProxyAuthenticationFailedException.class);
    }
  }

  @Test
  void anyOperation_onUnknownUriPath_failsWithInvalidUriPath() {
    try (XksProxyClient client = client(proxy, "/keystores/c/kms/xks/v1", CRED_A)) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyInvalidUriPathException.class)
          .hasMessage(
              "GetHealthStatus failed with InvalidUriPathException (HTTP 404): no XKS operation"
                  + " is served at this URI path");
    }
  }

  @Test
  void encrypt_byDeniedPrincipal_failsWithAccessDeniedButHealthIsServed() {
    XksRequestMetadata mallory =
        XksRequestMetadata.builder()
            .kmsOperation("Encrypt")
            .awsPrincipalArn("arn:aws:iam::111122223333:user/mallory")
            .kmsKeyArn("arn:aws:kms:eu-west-2:111122223333:key/k")
            .build();

    assertThatThrownBy(
            () ->
                clientB.encrypt(
                    XksEncryptRequest.builder("both", mallory).plaintext(random(8)).build()))
        .isInstanceOf(XksProxyAccessDeniedException.class)
        .hasMessage(
            "Encrypt failed with AccessDeniedException (HTTP 403): the secondary authorization"
                + " denied it");
    assertThat(clientB.encrypt(encrypt("both", random(8), null, false))).isNotNull();
    assertThat(clientB.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")).anyActive())
        .isTrue();
  }

  @Test
  void decrypt_inOtherStoreWithSameKeyId_failsWithInvalidCiphertext() {
    XksEncryptResponse encrypted = clientA.encrypt(encrypt("both", random(32), null, false));

    assertThatThrownBy(() -> clientB.decrypt(decrypt("both", encrypted, null).build()))
        .isInstanceOf(XksProxyInvalidCiphertextException.class);
  }

  @Test
  void credentials_rotatedWhileRunning_acceptNewAndRejectOld() {
    XksProxyCredential first = XksProxyCredential.generate();
    XksProxyCredential second = XksProxyCredential.generate();
    ProxyKeyStore store =
        ProxyKeyStore.builder("/rotation/kms/xks/v1", ProxyFixture.standardKeys())
            .credential(first)
            .build();
    proxy.addStore(store);
    try (XksProxyClient oldClient = client(proxy, "/rotation/kms/xks/v1", first);
        XksProxyClient newClient = client(proxy, "/rotation/kms/xks/v1", second)) {
      assertThatThrownBy(() -> newClient.keyMetadata("both", metadata("CreateKey")))
          .isInstanceOf(XksProxyAuthenticationFailedException.class);

      store.addCredential(second);
      assertThat(oldClient.keyMetadata("both", metadata("CreateKey")).usableByKms()).isTrue();
      assertThat(newClient.keyMetadata("both", metadata("CreateKey")).usableByKms()).isTrue();

      assertThat(store.removeCredential(first.accessKeyId())).isTrue();
      assertThat(store.accessKeyIds()).containsExactly(second.accessKeyId());
      assertThatThrownBy(() -> oldClient.keyMetadata("both", metadata("CreateKey")))
          .isInstanceOf(XksProxyAuthenticationFailedException.class);
      assertThat(newClient.keyMetadata("both", metadata("CreateKey")).usableByKms()).isTrue();
    } finally {
      proxy.removeStore("/rotation/kms/xks/v1");
    }
  }

  @Test
  void anyOperation_beyondStoreQuota_failsWithThrottling() {
    XksProxyCredential credential = XksProxyCredential.generate();
    proxy.addStore(
        ProxyKeyStore.builder("/quota/kms/xks/v1", ProxyFixture.standardKeys())
            .credential(credential)
            .quota(1, Duration.ofHours(1))
            .build());
    try (XksProxyClient client = client(proxy, "/quota/kms/xks/v1", credential)) {
      assertThat(client.keyMetadata("both", metadata("CreateKey")).usableByKms()).isTrue();

      assertThatThrownBy(() -> client.keyMetadata("both", metadata("CreateKey")))
          .isInstanceOf(XksProxyThrottlingException.class)
          .hasMessage(
              "GetKeyMetadata failed with ThrottlingException (HTTP 429): the key store's request"
                  + " quota is used up");
    } finally {
      proxy.removeStore("/quota/kms/xks/v1");
    }
  }

  @Test
  void uriPaths_listsServedStores() {
    assertThat(proxy.uriPaths()).contains(PATH_A, PATH_B);
    assertThat(proxy.store(PATH_A)).isPresent();
    assertThat(proxy.store("/nope/kms/xks/v1")).isEmpty();
    assertThat(List.of(proxy.url().getScheme(), proxy.url().getHost()))
        .containsExactly("https", ProxyFixture.HOST);
  }

  static XksRequestMetadata metadata(String kmsOperation) {
    return XksRequestMetadata.builder()
        .kmsOperation(kmsOperation)
        .awsPrincipalArn("arn:aws:iam::111122223333:user/alice")
        .build();
  }

  static XksEncryptRequest encrypt(String keyId, byte[] plaintext, byte[] aad, boolean cdiv) {
    return XksEncryptRequest.builder(keyId, encryptMetadata())
        .plaintext(plaintext)
        .additionalAuthenticatedData(aad)
        .requestIntegrityValue(cdiv)
        .build();
  }

  static XksDecryptRequest.Builder decrypt(String keyId, XksEncryptResponse encrypted, byte[] aad) {
    return XksDecryptRequest.builder(keyId, encryptMetadata())
        .encrypted(encrypted)
        .additionalAuthenticatedData(aad);
  }

  static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
