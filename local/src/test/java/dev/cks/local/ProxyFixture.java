package dev.cks.local;

import dev.cks.XksProxyCredential;
import dev.cks.signer.SigV4Credentials;
import dev.cks.signer.XksRequestSigner;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksRequestMetadata;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Starts proxies on loopback and makes clients and raw requests for them. */
final class ProxyFixture {

  static final String HOST = "xks.example.test";
  static final String PATH_A = "/keystores/a/kms/xks/v1";
  static final String PATH_B = "/keystores/b/kms/xks/v1";
  static final String REGION = "eu-west-2";
  static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

  private ProxyFixture() {}

  /** Keys: both, encrypt-only, decrypt-only, none, disabled. */
  static InMemoryKeySource standardKeys() {
    InMemoryKeySource keys =
        InMemoryKeySource.create()
            .addKey("both", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT))
            .addKey("encrypt-only", EnumSet.of(KeyUsage.ENCRYPT))
            .addKey("decrypt-only", EnumSet.of(KeyUsage.DECRYPT))
            .addKey("none", EnumSet.noneOf(KeyUsage.class))
            .addKey("disabled", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
    keys.disable("disabled");
    return keys;
  }

  static XksProxyClient client(LocalXksProxy proxy, String uriPath, XksProxyCredential credential) {
    return client(proxy, uriPath, credential, REGION);
  }

  static XksProxyClient client(
      LocalXksProxy proxy, String uriPath, XksProxyCredential credential, String region) {
    return XksProxyClient.builder()
        .endpoint("https://" + HOST)
        .uriPath(uriPath)
        .credential(credential)
        .region(region)
        .trustPem(proxy.certificatePem().orElseThrow())
        .resolve(HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
        .callTimeout(TEST_TIMEOUT)
        .build();
  }

  static XksRequestMetadata encryptMetadata() {
    return XksRequestMetadata.builder()
        .kmsOperation("Encrypt")
        .awsPrincipalArn("arn:aws:iam::111122223333:user/alice")
        .kmsKeyArn("arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        .build();
  }

  /** A trust manager that trusts the proxy's certificate and nothing else. */
  static X509TrustManager trusting(LocalXksProxy proxy) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry(
        "proxy",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(
                    proxy.certificatePem().orElseThrow().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  /** A client TLS context that trusts the proxy's certificate and nothing else. */
  static SSLContext clientContext(LocalXksProxy proxy) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trusting(proxy)}, null);
    return context;
  }

  /** An OkHttp client trusting the proxy's certificate, for raw requests. */
  static OkHttpClient rawHttp(LocalXksProxy proxy) throws Exception {
    return new OkHttpClient.Builder()
        .sslSocketFactory(clientContext(proxy).getSocketFactory(), trusting(proxy))
        .hostnameVerifier((host, session) -> true)
        .build();
  }

  /** Sends a raw POST, signed when a credential is given; returns status and body. */
  static RawAnswer post(
      OkHttpClient http,
      LocalXksProxy proxy,
      String path,
      String body,
      XksProxyCredential credential)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Request.Builder request =
        new Request.Builder()
            .url("https://localhost:" + proxy.port() + path)
            .post(RequestBody.create(bytes, MediaType.get("application/json")));
    if (credential != null) {
      XksRequestSigner signer =
          XksRequestSigner.builder()
              .region(REGION)
              .credentials(
                  SigV4Credentials.of(
                      credential.accessKeyId(), credential.rawSecretAccessKey().reveal()))
              .build();
      Map<String, String> headers = signer.sign("localhost:" + proxy.port(), path, bytes).asMap();
      headers.forEach(request::header);
    }
    return execute(http, request.build());
  }

  static RawAnswer execute(OkHttpClient http, Request request) throws Exception {
    try (Response response = http.newCall(request).execute()) {
      return new RawAnswer(response.code(), response.body().string(), response.header("Allow"));
    }
  }

  /** Status, body text and Allow header of a raw answer. */
  record RawAnswer(int status, String body, String allow) {}
}
