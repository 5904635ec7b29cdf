package dev.cks.local;

import static dev.cks.local.ProxyFixture.PATH_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.XksRequestSigner;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The proxy's HTTP connections seen byte by byte: keep-alive, pipelining, closing, bodies over the
 * limit, {@code Expect: 100-continue}, unreadable requests, a port in use, and closing the proxy
 * while a request is in progress.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyConnectionsTest {

  /** The body limit with the default plaintext and AAD limits: base64 of both, plus 16 KiB. */
  private static final int MAX_BODY = (65_536 + 16_384) / 3 * 4 + 16 * 1024;

  private static final String METADATA =
      "\"requestMetadata\":{\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/alice\","
          + "\"kmsKeyArn\":\"arn:aws:kms:eu-west-2:111122223333:key/k\","
          + "\"kmsOperation\":\"Encrypt\",\"kmsRequestId\":\"raw-1\"}";
  private static final String ENCRYPT_BODY =
      "{" + METADATA + ",\"plaintext\":\"AAECAwQFBgcICQ==\",\"encryptionAlgorithm\":\"AES_GCM\"}";

  private final XksProxyCredential credential = XksProxyCredential.generate();
  private LocalXksProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void twoRequests_onOneConnection_areBothAnswered() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(signedEncrypt(""));
      Answer first = raw.read();
      raw.send(signedEncrypt(""));
      Answer second = raw.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).startsWith("{\"authenticationTag\":\"");
      assertThat(second.headers()).doesNotContainKey("connection");
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(signedEncrypt("") + unsigned("GET", PATH_A + "/health", ""));
      Answer first = raw.read();
      Answer second = raw.read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(405);
      assertThat(second.headers()).containsEntry("allow", "POST");
    }
  }

  @Test
  void absoluteFormTarget_isRoutedByItsPath() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());
    String request =
        signedEncrypt("").replaceFirst("POST /", "POST https://localhost:" + proxy.port() + "/");

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(request + "OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n");
      Answer absolute = raw.read();
      Answer asterisk = raw.read();

      assertThat(absolute.status()).isEqualTo(200);
      assertThat(asterisk.status()).isEqualTo(404);
    }
  }

  @Test
  void request_withConnectionClose_isAnsweredThenClosed() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(signedEncrypt("Connection: close\r\n"));
      Answer answer = raw.read();

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers()).containsEntry("connection", "close");
      assertThat(raw.atEnd()).isTrue();
    }
  }

  @Test
  void post_withContentLengthOverLimit_answers501BeforeTheBodyAndCloses() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(
          "POST "
              + PATH_A
              + "/keys/both/encrypt HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
              + (MAX_BODY + 1)
              + "\r\n\r\n");
      Answer answer = raw.read();

      assertThat(answer.status()).isEqualTo(501);
      assertThat(answer.body())
          .isEqualTo(
              "{\"errorName\":\"UnsupportedOperationException\",\"errorMessage\":"
                  + "\"the request body is larger than "
                  + MAX_BODY
                  + " bytes\"}");
      assertThat(answer.headers()).containsEntry("connection", "close");
      assertThat(raw.atEnd()).isTrue();
    }
  }

  @Test
  void post_withChunkedBodyOverLimit_answers501AndCloses() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(
          "POST "
              + PATH_A
              + "/keys/both/encrypt HTTP/1.1\r\nHost: localhost\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n");
      String chunk = "x".repeat(16 * 1024);
      for (int sent = 0; sent <= MAX_BODY; sent += chunk.length()) {
        raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      }
      Answer answer = raw.read();

      assertThat(answer.status()).isEqualTo(501);
      assertThat(answer.body()).contains("the request body is larger than " + MAX_BODY + " bytes");
    }
  }

  @Test
  void post_overLimitToUnknownPath_answers404() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(
          "POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\n{}x"
              + unsigned("POST", "/nowhere", "x".repeat(MAX_BODY + 1)));
      Answer small = raw.read();
      Answer large = raw.read();

      assertThat(small.status()).isEqualTo(404);
      assertThat(large.status()).isEqualTo(404);
      assertThat(large.body())
          .isEqualTo(
              "{\"errorName\":\"InvalidUriPathException\","
                  + "\"errorMessage\":\"no XKS operation is served at this URI path\"}");
    }
  }

  @Test
  void post_withExpectContinue_getsContinueThenTheAnswer() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());
    String request = signedEncrypt("Expect: 100-continue\r\n");
    int headEnd = request.indexOf("\r\n\r\n") + 4;

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(request.substring(0, headEnd));
      Answer interim = raw.readHead();
      raw.send(request.substring(headEnd));
      Answer answer = raw.read();

      assertThat(interim.status()).isEqualTo(100);
      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void unreadableRequestLine_answers400AndCloses() throws Exception {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.tls(proxy)) {
      raw.send("POST " + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
      Answer answer = raw.read();

      assertThat(answer.status()).isEqualTo(400);
      assertThat(raw.atEnd()).isTrue();
    }
  }

  @Test
  void plainHttp_servesOverAPlainSocket() throws Exception {
    proxy = start(LocalXksProxy.builder().plainHttp(), ProxyFixture.standardKeys());

    try (Raw raw = Raw.plain(proxy)) {
      raw.send(signedEncrypt(""));

      assertThat(raw.read().status()).isEqualTo(200);
    }
  }

  @Test
  void start_onPortInUse_failsNamingTheAddress() {
    proxy = start(LocalXksProxy.builder(), ProxyFixture.standardKeys());
    LocalXksProxy.Builder second = LocalXksProxy.builder().port(proxy.port());

    assertThatThrownBy(() -> start(second, ProxyFixture.standardKeys()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot start the XKS proxy")
        .cause()
        .hasMessage("cannot listen on 127.0.0.1:" + proxy.port());
  }

  @Test
  void close_withRequestInProgress_answersItThenRefusesConnections() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    proxy = start(LocalXksProxy.builder().workerThreads(1), new HeldKeys(entered, release));
    int port = proxy.port();
    Answer[] answer = new Answer[1];

    try (Raw raw = Raw.tls(proxy)) {
      raw.send(signedEncrypt(""));
      entered.await();
      Thread closer = new Thread(proxy::close, "closer");
      closer.start();
      while (closer.isAlive()
          && closer.getState() != Thread.State.WAITING
          && closer.getState() != Thread.State.TIMED_WAITING) {
        Thread.sleep(1);
      }
      release.countDown();
      answer[0] = raw.read();
      closer.join();
      proxy = null;
    }

    assertThat(answer[0].status()).isEqualTo(200);
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }

  private LocalXksProxy start(LocalXksProxy.Builder builder, KeySource keys) {
    return builder
        .region(ProxyFixture.REGION)
        .store(ProxyKeyStore.builder(PATH_A, keys).credential(credential).build())
        .start();
  }

  /** A signed Encrypt request with the given extra header lines. */
  private String signedEncrypt(String extraHeaders) {
    String path = PATH_A + "/keys/both/encrypt";
    byte[] body = ENCRYPT_BODY.getBytes(StandardCharsets.UTF_8);
    String host = "localhost:" + proxy.port();
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region(ProxyFixture.REGION)
            .credentials(
                SigV4Credentials.of(
                    credential.accessKeyId(), credential.rawSecretAccessKey().reveal()))
            .build();
    StringBuilder request =
        new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n")
            .append("Content-Type: application/json\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n")
            .append(extraHeaders);
    signer
        .sign(host, path, body)
        .forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    return request.append("\r\n").append(ENCRYPT_BODY).toString();
  }

  private static String unsigned(String method, String path, String body) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /** An answer: status, headers by lower-case name, body text. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /** A raw HTTP/1.1 connection to the proxy. */
  private static final class Raw implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Raw(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(10_000);
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    static Raw plain(LocalXksProxy proxy) throws IOException {
      return new Raw(new Socket(InetAddress.getLoopbackAddress(), proxy.port()));
    }

    static Raw tls(LocalXksProxy proxy) throws Exception {
      SSLContext context = ProxyFixture.clientContext(proxy);
      SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), proxy.port());
      socket.startHandshake();
      return new Raw(socket);
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads a status line and headers only. */
    Answer readHead() throws IOException {
      String status = line();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
      return new Answer(Integer.parseInt(status.split(" ")[1]), headers, "");
    }

    /** Reads a whole answer, its body by Content-Length. */
    Answer read() throws IOException {
      Answer head = readHead();
      int length =
          Optional.ofNullable(head.headers().get("content-length"))
              .map(Integer::parseInt)
              .orElse(0);
      byte[] body = in.readNBytes(length);
      return new Answer(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the proxy closed the connection: the stream ends. */
    boolean atEnd() throws IOException {
      try {
        return in.read() < 0;
      } catch (SSLException e) {
        return true;
      }
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new IOException("the connection ended inside an answer");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** One key, "both", whose encryption signals that it started and waits to be released. */
  private static final class HeldKeys extends ForwardingKeySource {
    private final CountDownLatch entered;
    private final CountDownLatch release;

    HeldKeys(CountDownLatch entered, CountDownLatch release) {
      super(
          InMemoryKeySource.create()
              .addKey("both", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)));
      this.entered = entered;
      this.release = release;
    }

    @Override
    public Optional<ProxyKey> key(String externalKeyId) {
      return super.key(externalKeyId)
          .map(
              key ->
                  new ForwardingKey(key) {
                    @Override
                    public Sealed encrypt(byte[] plaintext, byte[] aad) {
                      entered.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return super.encrypt(plaintext, aad);
                    }
                  });
    }
  }
}
