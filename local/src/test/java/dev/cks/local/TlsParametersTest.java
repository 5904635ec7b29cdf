package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which TLS versions and cipher suites the proxy negotiates. */
class TlsParametersTest {

  private static LocalXksProxy proxy;
  private static SSLContext context;

  @BeforeAll
  static void start() throws Exception {
    proxy =
        LocalXksProxy.builder()
            .store(
                ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys())
                    .credential(XksProxyCredential.generate())
                    .build())
            .start();
    context = ProxyFixture.clientContext(proxy);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @ParameterizedTest
  @CsvSource({
    "TLSv1.3, TLS_AES_256_GCM_SHA384",
    "TLSv1.3, TLS_CHACHA20_POLY1305_SHA256",
    "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"
  })
  void handshake_withSpecSuite_succeeds(String protocol, String suite) throws IOException {
    try (SSLSocket socket = connect(protocol, suite)) {
      socket.startHandshake();

      assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "TLSv1.3, TLS_AES_128_GCM_SHA256",
    "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLSv1.1, TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"
  })
  void handshake_withOtherSuiteOrVersion_fails(String protocol, String suite) throws IOException {
    try (SSLSocket socket = connect(protocol, suite)) {
      assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
    }
  }

  private static SSLSocket connect(String protocol, String suite) throws IOException {
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", proxy.port());
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setEnabledCipherSuites(new String[] {suite});
    return socket;
  }
}
