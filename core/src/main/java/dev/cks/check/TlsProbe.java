package dev.cks.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS handshake with a proxy, as KMS makes it, and what it shows: the protocol, the cipher suite
 * and the certificate chain, which is judged apart from the handshake so that each problem is
 * reported on its own.
 */
final class TlsProbe {

  /** The protocols KMS offers. */
  static final List<String> KMS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The cipher suites the XKS proxy API names; a proxy must accept at least one of them. */
  static final List<String> KMS_CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");

  private TlsProbe() {}

  /** What a completed handshake showed. */
  record Handshake(String protocol, String cipherSuite, List<X509Certificate> chain) {

    X509Certificate leaf() {
      return chain.get(0);
    }
  }

  /** Opens a TCP connection. */
  static Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Completes a TLS handshake over a connected socket and closes it. With {@code asKms} the client
   * offers only what KMS offers; otherwise it offers the JDK's defaults, to learn what the proxy
   * would choose. Any certificate is accepted here; {@link #chainTrust} judges it afterwards.
   */
  static Handshake handshake(Socket connected, String host, boolean asKms) throws IOException {
    Capture capture = new Capture();
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {capture}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS client", e);
    }
    try (SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(connected, host, connected.getPort(), true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(host)));
      if (asKms) {
        Set<String> supported = new HashSet<>(Arrays.asList(socket.getSupportedCipherSuites()));
        parameters.setProtocols(KMS_PROTOCOLS.toArray(new String[0]));
        parameters.setCipherSuites(
            KMS_CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new));
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      SSLSession session = socket.getSession();
      if (capture.chain == null || capture.chain.length == 0) {
        throw new IOException("the proxy presented no certificate");
      }
      return new Handshake(
          session.getProtocol(), session.getCipherSuite(), List.of(capture.chain.clone()));
    }
  }

  /** The certificate authorities of the JDK's default trust store, which stand in for KMS's. */
  static Set<TrustAnchor> defaultAnchors() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      Set<TrustAnchor> anchors = new HashSet<>();
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          for (X509Certificate ca : ((X509TrustManager) manager).getAcceptedIssuers()) {
            anchors.add(new TrustAnchor(ca, null));
          }
        }
      }
      return anchors;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the JDK's default trust store", e);
    }
  }

  /**
   * The trusted certificate the chain leads to, or empty if it leads to none. Validity periods are
   * judged apart: the path is checked as of a moment within the leaf's validity, so that an expired
   * certificate does not also read as an untrusted one.
   */
  static Optional<X509Certificate> chainTrust(
      List<X509Certificate> chain, Set<TrustAnchor> anchors) {
    X509Certificate leaf = chain.get(0);
    for (TrustAnchor anchor : anchors) {
      if (leaf.equals(anchor.getTrustedCert())) {
        return Optional.of(leaf);
      }
    }
    if (anchors.isEmpty()) {
      return Optional.empty();
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(withinValidity(leaf, new Date()));
      parameters.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      return Optional.of(result.getTrustAnchor().getTrustedCert());
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** The DNS names of the certificate's subject alternative names, in its order. */
  static List<String> dnsNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        for (List<?> entry : certificate.getSubjectAlternativeNames()) {
          if (Integer.valueOf(2).equals(entry.get(0))) {
            names.add(entry.get(1).toString());
          }
        }
      }
    } catch (CertificateParsingException e) {
      return List.of();
    }
    return names;
  }

  /**
   * Whether a certificate name covers a host: equal ignoring case, or a wildcard {@code *.} that
   * stands for exactly one whole leftmost label. The common name is not consulted, as in current
   * HTTPS clients.
   */
  static boolean covers(String name, String host) {
    String pattern = trimDot(name.toLowerCase(Locale.ROOT));
    String target = trimDot(host.toLowerCase(Locale.ROOT));
    if (!pattern.startsWith("*.")) {
      return pattern.equals(target);
    }
    String suffix = pattern.substring(1);
    if (!target.endsWith(suffix) || suffix.indexOf('.', 1) < 0) {
      return false;
    }
    String label = target.substring(0, target.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  private static String trimDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  private static Date withinValidity(X509Certificate leaf, Date now) {
    if (now.before(leaf.getNotBefore())) {
      return leaf.getNotBefore();
    }
    if (now.after(leaf.getNotAfter())) {
      return leaf.getNotAfter();
    }
    return now;
  }

  /** Accepts any server certificate and keeps the chain, for judging after the handshake. */
  private static final class Capture extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      this.chain = chain.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      this.chain = chain.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      this.chain = chain.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
