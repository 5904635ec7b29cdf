package dev.cks.local;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/** The server's TLS setup: its identity, the protocols and cipher suites, and mutual TLS. */
final class TlsContexts {

  /** TLS 1.3 and 1.2 cipher suites that the XKS proxy API names; a proxy must offer one. */
  static final String[] CIPHER_SUITES = {
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
  };

  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsContexts() {}

  static SSLContext server(
      TlsIdentity identity, List<X509Certificate> clientCas, String clientName) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = new char[0];
      keys.setKeyEntry(
          "server",
          identity.privateKey(),
          password,
          identity.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      TrustManager[] trust = null;
      if (clientCas != null) {
        trust = new TrustManager[] {new ClientTrust(caTrust(clientCas), clientName)};
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trust, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS", e);
    }
  }

  static SSLParameters parameters(SSLContext context, boolean mutual) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    parameters.setCipherSuites(CIPHER_SUITES);
    parameters.setUseCipherSuitesOrder(true);
    if (mutual) {
      parameters.setNeedClientAuth(true);
    }
    return parameters;
  }

  private static X509ExtendedTrustManager caTrust(List<X509Certificate> cas)
      throws GeneralSecurityException, java.io.IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      anchors.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager) {
        return (X509ExtendedTrustManager) manager;
      }
    }
    throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
  }

  /**
   * Trusts a client certificate that chains to a configured authority and, when a name is set,
   * carries that name as a DNS subject alternative name or as its common name.
   */
  private static final class ClientTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final String name;

    ClientTrust(X509ExtendedTrustManager delegate, String name) {
      this.delegate = delegate;
      this.name = name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
      checkName(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
      checkName(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
      checkName(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }

    private void checkName(X509Certificate leaf) throws CertificateException {
      if (name == null || names(leaf).contains(name)) {
        return;
      }
      throw new CertificateException("the client certificate is not issued to " + name);
    }

    private static List<String> names(X509Certificate leaf) throws CertificateParsingException {
      java.util.ArrayList<String> names = new java.util.ArrayList<>();
      if (leaf.getSubjectAlternativeNames() != null) {
        for (List<?> entry : leaf.getSubjectAlternativeNames()) {
          if (Integer.valueOf(2).equals(entry.get(0))) {
            names.add(entry.get(1).toString().toLowerCase(Locale.ROOT));
          }
        }
      }
      String dn = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
      for (String part : dn.split(",")) {
        if (part.startsWith("CN=")) {
          names.add(part.substring(3).toLowerCase(Locale.ROOT));
        }
      }
      return names;
    }
  }
}
