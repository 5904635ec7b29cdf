package dev.cks.local;

import static dev.cks.local.LocalXksProxyTest.encrypt;
import static dev.cks.local.LocalXksProxyTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyUnreachableException;
import dev.cks.xks.XksRequestMetadata;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain HTTP, given PEM files, mutual TLS, and hostname verification. */
class TransportModesTest {

  private static final String KMS_NAME = "cks.kms.eu-west-2.amazonaws.com";
  private final XksProxyCredential credential = XksProxyCredential.generate();

  @TempDir Path dir;

  @Test
  void plainHttp_servesEveryOperation() {
    try (LocalXksProxy proxy =
            proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST).plainHttp());
        XksProxyClient client =
            XksProxyClient.builder()
                .endpoint("http://" + ProxyFixture.HOST)
                .uriPath(ProxyFixture.PATH_A)
                .credential(credential)
                .region(ProxyFixture.REGION)
                .resolve(ProxyFixture.HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
                .callTimeout(ProxyFixture.TEST_TIMEOUT)
                .build()) {
      assertThat(proxy.certificatePem()).isEmpty();
      assertThat(proxy.url().getScheme()).isEqualTo("http");
      assertThat(client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")).anyActive())
          .isTrue();
      roundTrip(client);
    }
  }

  @Test
  void givenPemFiles_arePresentedAndWrittenOut() throws Exception {
    TlsIdentity identity = TlsIdentity.generate(List.of(ProxyFixture.HOST), "given");
    Path cert = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), identity.privateKeyPem());
    Path out = dir.resolve("out.pem");

    try (LocalXksProxy proxy =
            proxy(
                LocalXksProxy.builder()
                    .hostnames(ProxyFixture.HOST)
                    .certificate(cert, key)
                    .certificateOut(out));
        XksProxyClient client = ProxyFixture.client(proxy, ProxyFixture.PATH_A, credential)) {
      assertThat(proxy.certificatePem()).contains(identity.certificatePem());
      assertThat(Files.readString(out)).isEqualTo(identity.certificatePem());
      roundTrip(client);
    }
  }

  @Test
  void generatedCertificate_isRejectedForAnotherHostname() {
    try (LocalXksProxy proxy = proxy(LocalXksProxy.builder().hostnames("other.example.test"));
        XksProxyClient client =
            XksProxyClient.builder()
                .endpoint("https://" + ProxyFixture.HOST)
                .uriPath(ProxyFixture.PATH_A)
                .credential(credential)
                .region(ProxyFixture.REGION)
                .trustPem(proxy.certificatePem().orElseThrow())
                .resolve(ProxyFixture.HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
                .callTimeout(ProxyFixture.TEST_TIMEOUT)
                .build()) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class)
          .hasMessageStartingWith("GetHealthStatus could not reach the XKS proxy: ")
          .satisfies(e -> assertThat(((XksProxyUnreachableException) e).timedOut()).isFalse());
    }
  }

  @Test
  void untrustedCertificate_failsTheCall() {
    String stranger = TlsIdentity.generate(List.of(ProxyFixture.HOST), "x").certificatePem();
    try (LocalXksProxy proxy = proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST));
        XksProxyClient client =
            XksProxyClient.builder()
                .endpoint("https://" + ProxyFixture.HOST)
                .uriPath(ProxyFixture.PATH_A)
                .credential(credential)
                .region(ProxyFixture.REGION)
                .trustPem(stranger)
                .resolve(ProxyFixture.HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
                .callTimeout(ProxyFixture.TEST_TIMEOUT)
                .build()) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class);
    }
  }

  @Test
  void mutualTls_acceptsClientCertificateIssuedToTheKmsName() throws Exception {
    TlsIdentity kms = TlsIdentity.generate(List.of(KMS_NAME), KMS_NAME);
    Path ca = Files.writeString(dir.resolve("ca.pem"), kms.certificatePem());

    try (LocalXksProxy proxy =
            proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST).mutualTls(ca, KMS_NAME));
        XksProxyClient client = mtlsClient(proxy, kms)) {
      roundTrip(client);
    }
  }

  @Test
  void mutualTls_rejectsClientWithoutCertificate() throws Exception {
    TlsIdentity kms = TlsIdentity.generate(List.of(KMS_NAME), KMS_NAME);
    Path ca = Files.writeString(dir.resolve("ca.pem"), kms.certificatePem());

    try (LocalXksProxy proxy =
            proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST).mutualTls(ca, KMS_NAME));
        XksProxyClient client = ProxyFixture.client(proxy, ProxyFixture.PATH_A, credential)) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class);
    }
  }

  @Test
  void mutualTls_rejectsTrustedCertificateIssuedToAnotherName() throws Exception {
    TlsIdentity other = TlsIdentity.generate(List.of("cks.kms.us-east-1.amazonaws.com"), "o");
    Path ca = Files.writeString(dir.resolve("ca.pem"), other.certificatePem());

    try (LocalXksProxy proxy =
            proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST).mutualTls(ca, KMS_NAME));
        XksProxyClient client = mtlsClient(proxy, other)) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class);
    }
  }

  @Test
  void mutualTls_rejectsCertificateFromUntrustedIssuer() throws Exception {
    TlsIdentity trusted = TlsIdentity.generate(List.of(KMS_NAME), KMS_NAME);
    TlsIdentity impostor = TlsIdentity.generate(List.of(KMS_NAME), KMS_NAME);
    Path ca = Files.writeString(dir.resolve("ca.pem"), trusted.certificatePem());

    try (LocalXksProxy proxy =
            proxy(LocalXksProxy.builder().hostnames(ProxyFixture.HOST).mutualTls(ca, KMS_NAME));
        XksProxyClient client = mtlsClient(proxy, impostor)) {
      assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class);
    }
  }

  private XksProxyClient mtlsClient(LocalXksProxy proxy, TlsIdentity identity) {
    return XksProxyClient.builder()
        .endpoint("https://" + ProxyFixture.HOST)
        .uriPath(ProxyFixture.PATH_A)
        .credential(credential)
        .region(ProxyFixture.REGION)
        .trustPem(proxy.certificatePem().orElseThrow())
        .clientCertificate(identity.certificatePem(), identity.privateKeyPem())
        .resolve(ProxyFixture.HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
        .callTimeout(ProxyFixture.TEST_TIMEOUT)
        .build();
  }

  private LocalXksProxy proxy(LocalXksProxy.Builder builder) {
    return builder
        .region(ProxyFixture.REGION)
        .store(
            ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys())
                .credential(credential)
                .build())
        .start();
  }

  private static void roundTrip(XksProxyClient client) {
    byte[] plaintext = random(40);
    XksEncryptResponse encrypted = client.encrypt(encrypt("both", plaintext, null, true));
    assertThat(
            client
                .decrypt(
                    XksDecryptRequest.builder("both", ProxyFixture.encryptMetadata())
                        .encrypted(encrypted)
                        .build())
                .plaintext())
        .isEqualTo(plaintext);
  }
}
