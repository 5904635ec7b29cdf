package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.errors.CustomKeyStoreHasCMKsException;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.IncorrectKeyException;
import dev.cks.errors.InvalidCiphertextException;
import dev.cks.errors.KMSInvalidStateException;
import dev.cks.errors.KmsException;
import dev.cks.errors.NotFoundException;
import dev.cks.errors.XksKeyAlreadyInUseException;
import dev.cks.errors.XksKeyInvalidConfigurationException;
import dev.cks.errors.XksKeyNotFoundException;
import dev.cks.spi.DescribeRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalKms} against real XKS proxies over TLS on loopback: a {@link LocalXksProxy}, and
 * servers that fail in the ways KMS distinguishes.
 */
class LocalKmsWithProxyTest {

  private static final String HOST = "xks.example.test";
  private static final String PATH = "/keystores/kms-test/kms/xks/v1";
  private static final String REGION = "us-east-1";
  private static final XksProxyCredential PROXY_CREDENTIAL = XksProxyCredential.generate();

  private LocalXksProxy proxy;
  private InMemoryKeySource keys;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

  @BeforeEach
  void startProxy() {
    keys =
        InMemoryKeySource.create()
            .addKey("both", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT))
            .addKey("second", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT))
            .addKey("encrypt-only", EnumSet.of(KeyUsage.ENCRYPT))
            .addKey("disabled", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
    keys.disable("disabled");
    proxy =
        LocalXksProxy.builder()
            .hostnames(HOST)
            .region(REGION)
            .store(ProxyKeyStore.builder(PATH, keys).credential(PROXY_CREDENTIAL).build())
            .start();
    closing.add(proxy);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private LocalKms kms(Consumer<LocalKms.Builder> customizer) {
    LocalKms.Builder builder =
        LocalKms.builder()
            .region(REGION)
            .clock(clock)
            .trustPem(proxy.certificatePem().orElseThrow())
            .resolve(HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
            .proxyTimeout(Duration.ofSeconds(5));
    customizer.accept(builder);
    LocalKms kms = builder.build();
    closing.add(kms);
    return kms;
  }

  private LocalKms kms() {
    return kms(b -> {});
  }

  private static ExternalKeyStoreSpec spec(String path, XksProxyCredential credential) {
    return ExternalKeyStoreSpec.builder()
        .name("Proxied")
        .proxyUriEndpoint("https://" + HOST)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(path)
        .proxyCredential(
            XksProxyCredential.of(credential.accessKeyId(), credential.rawSecretAccessKey()))
        .build();
  }

  private static ExternalKeyStoreSpec spec() {
    return spec(PATH, PROXY_CREDENTIAL);
  }

  private static CustomKeyStoreDescription describe(LocalKms kms, String id) {
    return kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores().get(0);
  }

  private String connectedStore(LocalKms kms) {
    String id = kms.createCustomKeyStore(spec());
    kms.connectCustomKeyStore(id);
    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
    return id;
  }

  // ---- the happy path

  @Test
  void encryptAndDecrypt_throughTheProxy_roundTripWithTheContext() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    byte[] plaintext = "a secret of the customer".getBytes(StandardCharsets.UTF_8);
    Map<String, String> context = Map.of("purpose", "test");

    byte[] blob = kms.encrypt(key.arn(), plaintext, context);
    Decrypted decrypted = kms.decrypt(blob, context, Optional.empty());

    assertThat(key.keyState()).isEqualTo("Enabled");
    assertThat(key.origin()).isEqualTo("EXTERNAL_KEY_STORE");
    assertThat(key.xksKeyId()).contains("both");
    assertThat(decrypted.plaintext().revealBytes()).isEqualTo(plaintext);
    assertThat(decrypted.keyId()).isEqualTo(key.arn());
    assertThat(new String(blob, StandardCharsets.ISO_8859_1)).doesNotContain("a secret");
  }

  @Test
  void decrypt_withAnotherContextOrATamperedBlob_failsWithInvalidCiphertext() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    byte[] blob = kms.encrypt(key.keyId(), new byte[] {1, 2, 3}, Map.of("a", "1"));

    assertThatThrownBy(() -> kms.decrypt(blob, Map.of("a", "2"), Optional.empty()))
        .isInstanceOf(InvalidCiphertextException.class)
        .hasMessage("Decryption failed.");
    for (int i = 38; i < blob.length; i += 7) {
      byte[] tampered = blob.clone();
      tampered[i] ^= 1;
      assertThatThrownBy(() -> kms.decrypt(tampered, Map.of("a", "1"), Optional.empty()))
          .as("byte %d flipped", i)
          .isInstanceOf(InvalidCiphertextException.class);
    }
  }

  @Test
  void decrypt_underANamedOtherKey_failsWithIncorrectKey() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey first = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    KmsKey second = kms.createKey(CreateKeyRequest.inExternalStore(store, "second"));
    byte[] blob = kms.encrypt(first.keyId(), new byte[] {9}, Map.of());

    assertThatThrownBy(() -> kms.decrypt(blob, Map.of(), Optional.of(second.arn())))
        .isInstanceOf(IncorrectKeyException.class);
  }

  @Test
  void generateDataKey_returnsAKeyThatDecryptsBack() {
    LocalKms kms = kms();
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(connectedStore(kms), "both"));

    DataKey dataKey = kms.generateDataKey(key.keyId(), 32, Map.of());

    assertThat(dataKey.plaintext().revealBytes()).hasSize(32);
    assertThat(kms.decrypt(dataKey.ciphertextBlob(), Map.of(), Optional.empty()).plaintext())
        .isEqualTo(dataKey.plaintext());
  }

  // ---- CreateKey errors

  @Test
  void createKey_errorsOfTheExternalKey_areKmsErrors() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));

    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "both")))
        .isInstanceOf(XksKeyAlreadyInUseException.class);
    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "nowhere")))
        .isInstanceOf(XksKeyNotFoundException.class)
        .hasMessage(
            "The external key store proxy of "
                + store
                + " does not know the external key nowhere.");
    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "encrypt-only")))
        .isInstanceOf(XksKeyInvalidConfigurationException.class)
        .hasMessage(
            "External key encrypt-only cannot back a KMS key: its usage is [ENCRYPT], not ENCRYPT"
                + " and DECRYPT.");
    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "disabled")))
        .isInstanceOf(XksKeyInvalidConfigurationException.class)
        .hasMessage(
            "External key disabled cannot back a KMS key: its status is DISABLED, not ENABLED.");
  }

  @Test
  void createKey_inAStoreThatIsNotConnected_failsWithInvalidState() {
    LocalKms kms = kms();
    String store = kms.createCustomKeyStore(spec());

    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "both")))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class)
        .hasMessage(
            "CreateKey needs custom key store " + store + " CONNECTED; it is DISCONNECTED.");
  }

  @Test
  void createKey_whenTheProxyDeniesAccess_failsWithInvalidState() {
    proxy.removeStore(PATH);
    proxy.addStore(
        ProxyKeyStore.builder(PATH, keys)
            .credential(PROXY_CREDENTIAL)
            .authorization(request -> false)
            .build());
    LocalKms kms = kms();
    String store = connectedStore(kms);

    assertThatThrownBy(() -> kms.createKey(CreateKeyRequest.inExternalStore(store, "both")))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class)
        .hasMessageContaining("failed: access_denied");
  }

  // ---- keys and connection states

  @Test
  void disconnect_makesKeysUnavailableAndReconnectRestoresThem() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    byte[] blob = kms.encrypt(key.keyId(), new byte[] {1}, Map.of());

    kms.disconnectCustomKeyStore(store);

    assertThat(kms.describeKey(key.keyId()).keyState()).isEqualTo("Unavailable");
    assertThatThrownBy(() -> kms.encrypt(key.keyId(), new byte[] {1}, Map.of()))
        .isInstanceOf(KMSInvalidStateException.class)
        .hasMessage(
            "KMS key "
                + key.arn()
                + " cannot be used now: its custom key store "
                + store
                + " is DISCONNECTED, not CONNECTED.");
    assertThatThrownBy(() -> kms.decrypt(blob, Map.of(), Optional.empty()))
        .isInstanceOf(KMSInvalidStateException.class);

    kms.connectCustomKeyStore(store);
    assertThat(kms.describeKey(key.keyId()).keyState()).isEqualTo("Enabled");
    assertThat(kms.decrypt(blob, Map.of(), Optional.empty()).plaintext().revealBytes())
        .containsExactly(1);
  }

  @Test
  void keyOperations_whenTheProxyStopsAnswering_failWithInvalidState() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    proxy.close();

    assertThatThrownBy(() -> kms.encrypt(key.keyId(), new byte[] {1}, Map.of()))
        .isInstanceOf(KMSInvalidStateException.class)
        .hasMessageContaining("its external key store proxy failed (XKS_PROXY_NOT_REACHABLE)");
    assertThat(describe(kms, store).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void deleteStore_waitsUntilTheKeysArePastTheirWaitingPeriod() {
    LocalKms kms = kms();
    String store = connectedStore(kms);
    KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(store, "both"));
    KmsKey pending = kms.scheduleKeyDeletion(key.keyId(), 7);
    kms.disconnectCustomKeyStore(store);

    assertThat(pending.keyState()).isEqualTo("PendingDeletion");
    assertThat(pending.deletionDate()).contains(Instant.parse("2026-12-10T10:00:00Z"));
    assertThat(kms.describeKey(key.keyId()).keyState()).isEqualTo("PendingDeletion");
    assertThatThrownBy(() -> kms.deleteCustomKeyStore(store))
        .isInstanceOf(CustomKeyStoreHasCMKsException.class);

    clock.advance(Duration.ofDays(7));

    kms.deleteCustomKeyStore(store);
    assertThatThrownBy(() -> kms.describeKey(key.keyId())).isInstanceOf(NotFoundException.class);
  }

  // ---- the proxy checks of create and connect, each failure for real

  @Test
  void create_withAWrongSecret_failsWithIncorrectCredential() {
    LocalKms kms = kms();
    XksProxyCredential wrong =
        XksProxyCredential.of(
            PROXY_CREDENTIAL.accessKeyId(), XksProxyCredential.generate().rawSecretAccessKey());

    assertThatThrownBy(() -> kms.createCustomKeyStore(spec(PATH, wrong)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e ->
                assertThat(e.errorName())
                    .isEqualTo("XksProxyIncorrectAuthenticationCredentialException"));
  }

  @Test
  void create_withAPathTheProxyDoesNotServe_failsWithInvalidConfiguration() {
    LocalKms kms = kms();

    assertThatThrownBy(
            () -> kms.createCustomKeyStore(spec("/elsewhere/kms/xks/v1", PROXY_CREDENTIAL)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.errorName()).isEqualTo("XksProxyInvalidConfigurationException"))
        .hasMessage(
            "The XKS proxy at https://"
                + HOST
                + "/elsewhere/kms/xks/v1 does not serve the URI path.");
  }

  @Test
  void create_withAnUntrustedCertificate_failsWithInvalidConfiguration() {
    LocalKms kms =
        LocalKms.builder()
            .region(REGION)
            .resolve(HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
            .build();
    closing.add(kms);

    assertThatThrownBy(() -> kms.createCustomKeyStore(spec()))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.errorName()).isEqualTo("XksProxyInvalidConfigurationException"))
        .hasMessageEndingWith("failed the TLS handshake.");
  }

  @Test
  void create_whenNothingListens_failsWithUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    LocalKms kms = kms(b -> b.resolve(HOST, new InetSocketAddress("127.0.0.1", closedPort)));

    assertThatThrownBy(() -> kms.createCustomKeyStore(spec()))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.errorName()).isEqualTo("XksProxyUriUnreachableException"))
        .hasMessageEndingWith("could not be reached.");
  }

  @Test
  void connect_failuresOfARealProxy_endInTheirConnectionErrorCodes() throws Exception {
    LocalKms kms = kms();
    String id = kms.createCustomKeyStore(spec());

    // The proxy forgets the credential: INVALID_CREDENTIALS.
    proxy.store(PATH).orElseThrow().removeCredential(PROXY_CREDENTIAL.accessKeyId());
    proxy.store(PATH).orElseThrow().addCredential(XksProxyCredential.generate());
    assertThat(connectOnce(kms, id)).contains(ConnectionErrorCode.INVALID_CREDENTIALS);

    // The proxy no longer serves the path: XKS_PROXY_INVALID_CONFIGURATION.
    proxy.removeStore(PATH);
    assertThat(connectOnce(kms, id)).contains(ConnectionErrorCode.XKS_PROXY_INVALID_CONFIGURATION);

    // The proxy is gone: XKS_PROXY_NOT_REACHABLE.
    proxy.close();
    assertThat(connectOnce(kms, id)).contains(ConnectionErrorCode.XKS_PROXY_NOT_REACHABLE);
  }

  @Test
  void create_againstAServerThatNeverAnswers_timesOut() throws Exception {
    ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    List<Socket> accepted = new ArrayList<>();
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(silent.accept());
                }
              } catch (java.io.IOException stopped) {
                // The socket closed: the test is over.
              }
            });
    acceptor.start();
    try {
      LocalKms kms =
          kms(
              b ->
                  b.resolve(HOST, new InetSocketAddress("127.0.0.1", silent.getLocalPort()))
                      .proxyTimeout(Duration.ofMillis(250)));

      assertThatThrownBy(() -> kms.createCustomKeyStore(spec()))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.errorName()).isEqualTo("XksProxyUriUnreachableException"))
          .hasMessageEndingWith("did not answer in time.");
    } finally {
      silent.close();
      acceptor.join(5000);
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void create_againstAServerAnsweringGarbage_failsWithInvalidResponse() throws Exception {
    TlsIdentity identity = TlsIdentity.generate(List.of(HOST), HOST);
    try (SSLServerSocket server =
        (SSLServerSocket)
            TlsContexts.server(identity, null, null)
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> answerGarbage(server));
      answering.start();
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(identity.chain().get(0).getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      LocalKms kms =
          LocalKms.builder()
              .region(REGION)
              .trustPem(pem)
              .resolve(HOST, new InetSocketAddress("127.0.0.1", server.getLocalPort()))
              .proxyTimeout(Duration.ofSeconds(5))
              .build();
      closing.add(kms);

      assertThatThrownBy(() -> kms.createCustomKeyStore(spec()))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.errorName()).isEqualTo("XksProxyInvalidResponseException"));
    }
  }

  @Test
  void create_whenNoKeyManagerIsAvailable_failsWithUnreachable() {
    proxy.removeStore(PATH);
    proxy.addStore(
        ProxyKeyStore.builder(PATH, new DownKeySource()).credential(PROXY_CREDENTIAL).build());
    LocalKms kms = kms();

    assertThatThrownBy(() -> kms.createCustomKeyStore(spec()))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.errorName()).isEqualTo("XksProxyUriUnreachableException"))
        .hasMessageEndingWith("reports no key manager available.");
  }

  @Test
  void update_credentialRotation_checksTheNewCredentialAgainstTheProxy() {
    LocalKms kms = kms();
    String id = connectedStore(kms);
    XksProxyCredential next = XksProxyCredential.generate();
    ExternalKeyStoreUpdate rotate =
        ExternalKeyStoreUpdate.builder()
            .customKeyStoreId(id)
            .proxyCredential(XksProxyCredential.of(next.accessKeyId(), next.rawSecretAccessKey()))
            .build();

    assertThatThrownBy(() -> kms.updateCustomKeyStore(rotate))
        .isInstanceOfSatisfying(
            KmsException.class,
            e ->
                assertThat(e.errorName())
                    .isEqualTo("XksProxyIncorrectAuthenticationCredentialException"));

    proxy.store(PATH).orElseThrow().addCredential(next);
    kms.updateCustomKeyStore(rotate);
    assertThat(describe(kms, id).xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo(next.accessKeyId());
    assertThat(describe(kms, id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  private static Optional<ConnectionErrorCode> connectOnce(LocalKms kms, String id) {
    if (describe(kms, id).connectionState() != ConnectionState.DISCONNECTED) {
      kms.disconnectCustomKeyStore(id);
    }
    kms.connectCustomKeyStore(id);
    return describe(kms, id).connectionErrorCode();
  }

  private static void answerGarbage(SSLServerSocket server) {
    try (Socket socket = server.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      in.skip(length);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n"
                  + "Connection: close\r\n\r\nnot json!")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (java.io.IOException e) {
      // The client went away; the test sees what it saw.
    }
  }

  /** A key manager whose every instance reports itself unavailable. */
  private static final class DownKeySource implements KeySource {
    @Override
    public Optional<ProxyKey> key(String externalKeyId) {
      return Optional.empty();
    }

    @Override
    public KeySourceHealth checkHealth() {
      return new KeySourceHealth(
          "DownCo",
          List.of(
              new KeySourceHealth.Member("hsm-1", "Down 1", KeySourceHealth.Status.UNAVAILABLE)));
    }
  }

  /** A clock that tests move forward. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
