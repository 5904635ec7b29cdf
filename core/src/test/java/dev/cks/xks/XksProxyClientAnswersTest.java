package dev.cks.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cks.Secret;
import dev.cks.XksProxyCredential;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a plain-HTTP stand-in that answers whatever a test sets. */
class XksProxyClientAnswersTest {

  private static final XksProxyCredential CREDENTIAL =
      XksProxyCredential.of("AAAAAAAAAAAAAAAAAAAA", Secret.of("b".repeat(44)));

  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> answer = new AtomicReference<>("{}");
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;
  private XksProxyClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          seen.add(
              exchange.getRequestURI().getPath()
                  + " host="
                  + exchange.getRequestHeaders().getFirst("Host")
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " body="
                  + new String(body, StandardCharsets.UTF_8));
          byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
    client = client(Duration.ofSeconds(10), server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void encrypt_sendsSignedCompactBodyToKeyPath() {
    answer.set(
        "{\"ciphertext\":\"AQID\",\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
    XksRequestMetadata metadata =
        XksRequestMetadata.builder()
            .kmsRequestId("r-1")
            .kmsOperation("Encrypt")
            .awsPrincipalArn("p")
            .kmsKeyArn("k")
            .build();

    XksEncryptResponse response =
        client.encrypt(
            XksEncryptRequest.builder("key-1", metadata).plaintext(new byte[] {1, 2, 3}).build());

    assertThat(response.ciphertext()).containsExactly(1, 2, 3);
    assertThat(response.ciphertextMetadata()).isEmpty();
    assertThat(seen).hasSize(1);
    String request = seen.get(0);
    assertThat(request)
        .startsWith(
            "/keystores/a/kms/xks/v1/keys/key-1/encrypt host=xks.example.test:"
                + server.getAddress().getPort()
                + " auth=AWS4-HMAC-SHA256 Credential=AAAAAAAAAAAAAAAAAAAA/")
        .contains("/eu-west-2/kms-xks-proxy/aws4_request, SignedHeaders=host;x-amz-date, ")
        .endsWith(
            " body={\"requestMetadata\":{\"awsPrincipalArn\":\"p\",\"kmsKeyArn\":\"k\","
                + "\"kmsOperation\":\"Encrypt\",\"kmsRequestId\":\"r-1\"},"
                + "\"plaintext\":\"AQID\",\"encryptionAlgorithm\":\"AES_GCM\"}");
  }

  @Test
  void encrypt_withWrongIntegrityValue_failsWithInvalidResponse() {
    answer.set(
        "{\"ciphertext\":\"AQID\",\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\","
            + "\"ciphertextDataIntegrityValue\":\"qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=\"}");

    assertThatThrownBy(() -> client.encrypt(encrypt(true)))
        .isInstanceOf(XksProxyInvalidAnswerException.class)
        .hasMessage(
            "invalid answer from the XKS proxy: ciphertextDataIntegrityValue does not match the"
                + " answer");
  }

  @Test
  void encrypt_withMissingIntegrityValue_failsWithInvalidResponse() {
    answer.set(
        "{\"ciphertext\":\"AQID\",\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");

    assertThatThrownBy(() -> client.encrypt(encrypt(true)))
        .isInstanceOf(XksProxyInvalidAnswerException.class);
  }

  @Test
  void encrypt_withCiphertextOfOtherLength_failsWithInvalidResponse() {
    answer.set(
        "{\"ciphertext\":\"AQIDBA==\",\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
            + "\"authenticationTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");

    assertThatThrownBy(() -> client.encrypt(encrypt(false)))
        .isInstanceOf(XksProxyInvalidAnswerException.class)
        .hasMessage(
            "invalid answer from the XKS proxy: ciphertext must be as long as the plaintext");
  }

  @Test
  void encrypt_withShortTag_failsWithInvalidResponse() {
    answer.set(
        "{\"ciphertext\":\"AQID\",\"initializationVector\":\"AAAAAAAAAAAAAAAA\","
            + "\"authenticationTag\":\"AAAA\"}");

    assertThatThrownBy(() -> client.encrypt(encrypt(false)))
        .isInstanceOf(XksProxyInvalidAnswerException.class)
        .hasMessage("invalid answer from the XKS proxy: authenticationTag must be 16 bytes, was 3");
  }

  @Test
  void anyCall_withNonJsonErrorBody_failsWithInvalidResponse() {
    status.set(502);
    answer.set("<html>bad gateway</html>");

    assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
        .isInstanceOf(XksProxyInvalidAnswerException.class)
        .hasMessage("GetHealthStatus failed with HTTP 502 and no known XKS errorName")
        .satisfies(e -> assertThat(((XksProxyException) e).httpStatus()).isEqualTo(502));
  }

  @Test
  void anyCall_withErrorBody_failsWithTypedExceptionCarryingRequestId() {
    status.set(404);
    answer.set("{\"errorName\":\"KeyNotFoundException\",\"errorMessage\":\"no such key\\u0007\"}");

    assertThatThrownBy(
            () ->
                client.keyMetadata("k", XksRequestMetadata.builder().kmsRequestId("req-9").build()))
        .isInstanceOf(XksProxyKeyNotFoundException.class)
        .hasMessage("GetKeyMetadata failed with KeyNotFoundException (HTTP 404): no such key?")
        .satisfies(e -> assertThat(((XksProxyException) e).requestId()).contains("req-9"));
  }

  @Test
  void health_withEmptyFleet_failsWithInvalidResponse() {
    answer.set(
        "{\"xksProxyFleetSize\":1,\"xksProxyVendor\":\"v\",\"xksProxyModel\":\"m\","
            + "\"ekmVendor\":\"e\",\"ekmFleetDetails\":[]}");

    assertThatThrownBy(() -> client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
        .isInstanceOf(XksProxyInvalidAnswerException.class)
        .hasMessage(
            "invalid answer from the XKS proxy: ekmFleetDetails must be an array of 1 to 10"
                + " entries");
  }

  @Test
  void keyMetadata_withInvalidKeyId_failsBeforeSending() {
    assertThatThrownBy(() -> client.keyMetadata("a/b", XksRequestMetadata.builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _, was \"a/b\"");
    assertThat(seen).isEmpty();
  }

  @Test
  void anyCall_toSilentServer_failsWithTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        XksProxyClient impatient = client(Duration.ofMillis(250), silent.getLocalPort())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket connection = silent.accept()) {
                  Thread.sleep(5_000);
                  connection.getOutputStream().flush();
                } catch (IOException | InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();

      assertThatThrownBy(
              () -> impatient.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck")))
          .isInstanceOf(XksProxyUnreachableException.class)
          .hasMessage("GetHealthStatus did not finish within the call timeout")
          .satisfies(
              e -> {
                assertThat(((XksProxyUnreachableException) e).timedOut()).isTrue();
                assertThat(((XksProxyException) e).errorName()).isEqualTo("XksProxyTimeout");
              });
      acceptor.interrupt();
    }
  }

  @Test
  void builder_withEndpointCarryingPort_fails() {
    assertThatThrownBy(() -> XksProxyClient.builder().endpoint("https://xks.example.test:8443"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "XksProxyUriEndpoint must be https://<host> with no port or path, was"
                + " \"https://xks.example.test:8443\"");
    assertThatThrownBy(() -> XksProxyClient.builder().uriPath("/kms/xks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "XksProxyUriPath must end with /kms/xks/v1 and have at most 128 characters of"
                + " a-zA-Z0-9/_-, was \"/kms/xks\"");
  }

  private static XksEncryptRequest encrypt(boolean cdiv) {
    return XksEncryptRequest.builder("key-1", XksRequestMetadata.builder().build())
        .plaintext(new byte[] {1, 2, 3})
        .requestIntegrityValue(cdiv)
        .build();
  }

  private static XksProxyClient client(Duration timeout, int port) {
    return XksProxyClient.builder()
        .endpoint("http://xks.example.test")
        .uriPath("/keystores/a/kms/xks/v1")
        .credential(CREDENTIAL)
        .region("eu-west-2")
        .resolve("xks.example.test", new InetSocketAddress("127.0.0.1", port))
        .callTimeout(timeout)
        .build();
  }
}
