package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.check.ProxyCheck;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.EnsureResult;
import dev.cks.client.PlanStep;
import dev.cks.client.PreflightFailedException;
import dev.cks.errors.XksProxyIncorrectAuthenticationCredentialException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guided rotation of an XKS proxy credential against a real {@link LocalXksProxy} over TLS, with
 * the client's pre-flight being a real {@link ProxyCheck} of the new credential: the proxy is given
 * the new credential first, the client checks it, KMS takes it, and the proxy drops the old one.
 */
class XksCredentialRotationTest {

  private static final String HOST = "rotation.xks.example.test";
  private static final String PATH = "/rotation/kms/xks/v1";
  private static final byte[] PLAINTEXT = "rotate me".getBytes(StandardCharsets.UTF_8);

  private final XksProxyCredential old = XksProxyCredential.generate();
  private final XksProxyCredential next = XksProxyCredential.generate();
  private LocalXksProxy proxy;
  private ProxyKeyStore proxyStore;
  private LocalKms kms;
  private CustomKeyStoreClient client;
  private String storeId;

  @BeforeEach
  void connectAStore() {
    proxyStore =
        ProxyKeyStore.builder(
                PATH,
                InMemoryKeySource.create()
                    .addKey("rotation-key", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
            .credential(old)
            .build();
    proxy = LocalXksProxy.builder().hostnames(HOST).store(proxyStore).start();
    kms =
        LocalKms.builder()
            .region(proxy.region())
            .trustPem(proxy.certificatePem().orElseThrow())
            .resolve(HOST, proxy.address())
            .proxyTimeout(Duration.ofSeconds(5))
            .connectDelay(Duration.ofMillis(100))
            .build();
    client =
        CustomKeyStoreClient.builder()
            .backend(kms)
            .pollDelays(Duration.ofMillis(20), Duration.ofMillis(100))
            .proxyPreflight(
                spec ->
                    ProxyCheck.builder(spec)
                        .region(proxy.region())
                        .trustPem(proxy.certificatePem().orElseThrow())
                        .resolve(HOST, proxy.address())
                        .keyId("rotation-key")
                        // The credential is what this test is about; a loaded build machine may
                        // answer more slowly than KMS's budget while the JVM warms up.
                        .latencyBudget(Duration.ofSeconds(5))
                        .build()
                        .run())
            .build();
    storeId =
        client
            .ensure(spec(old), EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).build())
            .store()
            .customKeyStoreId();
  }

  @AfterEach
  void closeAll() {
    client.close();
    kms.close();
    proxy.close();
  }

  private static ExternalKeyStoreSpec spec(XksProxyCredential credential) {
    return ExternalKeyStoreSpec.builder()
        .name("Rotated")
        .proxyUriEndpoint("https://" + HOST)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(PATH)
        .proxyCredential(credential)
        .build();
  }

  private String accessKeyIdKmsUses() {
    return client.describe(storeId).xksProxyConfiguration().orElseThrow().accessKeyId();
  }

  @Test
  void rotation_whenTheProxyHoldsBothCredentials_movesKmsToTheNewOneWithoutDisconnecting() {
    String keyId = kms.createKey(CreateKeyRequest.inExternalStore(storeId, "rotation-key")).keyId();
    byte[] before = kms.encrypt(keyId, PLAINTEXT, Map.of());
    proxyStore.addCredential(next);

    EnsureResult result = client.rotateXksCredential(storeId, next);
    proxyStore.removeCredential(old.accessKeyId());

    assertThat(result.plan().steps())
        .extracting(PlanStep::action)
        .containsExactly(PlanStep.Action.UPDATE);
    assertThat(result.connection().orElseThrow().connected()).isTrue();
    assertThat(accessKeyIdKmsUses()).isEqualTo(next.accessKeyId());
    assertThat(client.describe(storeId).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    // Only the new credential opens the proxy now, and both old and new ciphertexts decrypt.
    assertThat(kms.decrypt(before, Map.of(), Optional.of(keyId)).plaintext().revealBytes())
        .isEqualTo(PLAINTEXT);
    byte[] after = kms.encrypt(keyId, PLAINTEXT, Map.of());
    assertThat(kms.decrypt(after, Map.of(), Optional.of(keyId)).plaintext().revealBytes())
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void rotation_beforeTheProxyKnowsTheNewCredential_isRefusedAndKmsKeepsTheOldOne() {
    assertThatThrownBy(() -> client.rotateXksCredential(storeId, next))
        .isInstanceOfSatisfying(
            PreflightFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith(
                      "XKS proxy pre-flight for https://" + HOST + PATH + " failed, nothing was")
                  .contains("FAILED credential: ")
                  .contains("INVALID_CREDENTIALS")
                  .doesNotContain(next.rawSecretAccessKey().reveal());
              assertThat(e.report().passed()).isFalse();
            });

    assertThat(accessKeyIdKmsUses()).isEqualTo(old.accessKeyId());
    assertThat(client.describe(storeId).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void rotation_withThePreflightSwitchedOff_isRefusedByKmsWhichChecksTheCredentialItself() {
    EnsureOptions unchecked = EnsureOptions.builder().preflight(false).build();

    assertThatThrownBy(() -> client.rotateXksCredential(storeId, next, unchecked))
        .isInstanceOf(XksProxyIncorrectAuthenticationCredentialException.class);

    assertThat(accessKeyIdKmsUses()).isEqualTo(old.accessKeyId());
    assertThat(client.describe(storeId).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }
}
