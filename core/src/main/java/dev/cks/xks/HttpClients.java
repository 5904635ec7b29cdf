package dev.cks.xks;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.TlsVersion;

/** Builds the OkHttp client behind an {@link XksProxyClient}. */
final class HttpClients {

  private HttpClients() {}

  static OkHttpClient build(XksProxyClient.Builder builder, boolean https) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
            .callTimeout(builder.callTimeoutMillis(), TimeUnit.MILLISECONDS)
            .connectTimeout(builder.callTimeoutMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(builder.callTimeoutMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(builder.callTimeoutMillis(), TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .dns(new ResolvingDns(Map.copyOf(builder.resolve)));
    if (https) {
      ConnectionSpec tls =
          new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
              .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
              .build();
      http.connectionSpecs(List.of(tls));
      X509TrustManager trust = trustManager(builder.trustedPems);
      http.sslSocketFactory(sslContext(builder, trust).getSocketFactory(), trust);
    } else {
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return http.build();
  }

  private static SSLContext sslContext(XksProxyClient.Builder builder, X509TrustManager trust) {
    try {
      KeyManager[] keyManagers = null;
      if (builder.clientCertificatePem != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = new char[0];
        keys.setKeyEntry(
            "client",
            privateKey(builder.clientKeyPem),
            password,
            certificates(builder.clientCertificatePem).toArray(new Certificate[0]));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        keyManagers = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(List<String> pems) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (pems == null) {
        factory.init((KeyStore) null);
      } else {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (String pem : pems) {
          for (Certificate certificate : certificates(pem)) {
            anchors.setCertificateEntry("trusted-" + i++, certificate);
          }
        }
        if (i == 0) {
          throw new IllegalArgumentException("the trusted PEM text holds no CERTIFICATE block");
        }
        factory.init(anchors);
      }
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          return (X509TrustManager) manager;
        }
      }
      throw new IllegalStateException("the JDK offers no X509TrustManager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("cannot load trusted certificates: " + e.getMessage(), e);
    }
  }

  static List<Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    return new ArrayList<>(
        factory.generateCertificates(
            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("the client key must be a PKCS#8 PEM PRIVATE KEY block");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).trim());
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not this algorithm; the next one may fit.
      }
    }
    throw new IllegalArgumentException("the client key is not an EC, RSA or Ed25519 key");
  }

  /** Resolves mapped hostnames to their address, others through the system. */
  private static final class ResolvingDns implements Dns {
    private final Map<String, InetSocketAddress> map;

    ResolvingDns(Map<String, InetSocketAddress> map) {
      this.map = map;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      InetSocketAddress mapped = map.get(hostname.toLowerCase(Locale.ROOT));
      if (mapped != null) {
        InetAddress address = mapped.getAddress();
        if (address == null) {
          throw new UnknownHostException("cannot resolve " + mapped.getHostString());
        }
        return List.of(address);
      }
      return Dns.SYSTEM.lookup(hostname);
    }
  }
}
