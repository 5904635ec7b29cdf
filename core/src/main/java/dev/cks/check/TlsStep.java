package dev.cks.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The network checks up to TLS: {@code TCP connection}, {@code TLS handshake}, {@code cipher
 * suite}, {@code certificate chain}, {@code certificate hostname} and {@code certificate expiry}.
 */
final class TlsStep {

  static final List<String> BEFORE_TCP = List.of(ProxyCheck.ENDPOINT_FORMAT, ProxyCheck.DNS);
  static final List<String> BEFORE_HANDSHAKE =
      List.of(ProxyCheck.ENDPOINT_FORMAT, ProxyCheck.DNS, ProxyCheck.TCP);
  static final List<String> BEFORE_CERTIFICATE =
      List.of(ProxyCheck.ENDPOINT_FORMAT, ProxyCheck.DNS, ProxyCheck.TCP, ProxyCheck.HANDSHAKE);

  private static final String INVALID_TLS = "KMS reports XKS_PROXY_INVALID_TLS_CONFIGURATION";
  private static final int RENEW_DAYS = 30;

  private final ProxyCheck check;
  private final Checks checks;

  TlsStep(ProxyCheck check, Checks checks) {
    this.check = check;
    this.checks = checks;
  }

  void run(InetSocketAddress target) {
    Socket socket = checks.skipUnlessPassed(ProxyCheck.TCP, BEFORE_TCP) ? null : connect(target);
    if (socket == null) {
      skipAfterTcp();
      return;
    }
    TlsProbe.Handshake asKms = null;
    IOException failure = null;
    try (Socket connected = socket) {
      asKms = TlsProbe.handshake(connected, check.host(), true);
    } catch (IOException e) {
      failure = e;
    }
    TlsProbe.Handshake any = asKms != null ? asKms : withDefaults(target, failure);
    if (!handshake(any, failure)) {
      skipAfterHandshake();
      return;
    }
    cipherSuite(asKms, any);
    chain(any.chain());
    hostname(any.leaf());
    expiry(any.leaf(), Instant.now());
  }

  private Socket connect(InetSocketAddress target) {
    String where = target.getAddress().getHostAddress() + " port " + target.getPort();
    try {
      Socket socket = TlsProbe.connect(target, check.timeoutMillis());
      checks.passed(ProxyCheck.TCP, where + " accepted a TCP connection.");
      return socket;
    } catch (SocketTimeoutException e) {
      checks.failed(
          ProxyCheck.TCP,
          "no TCP connection to "
              + where
              + " within "
              + Texts.duration(check.timeout())
              + "; KMS reports XKS_PROXY_NOT_REACHABLE.");
    } catch (ConnectException e) {
      checks.failed(
          ProxyCheck.TCP,
          where
              + " refused the TCP connection ("
              + Texts.cause(e)
              + "): nothing listens there; KMS reports XKS_PROXY_NOT_REACHABLE.");
    } catch (IOException e) {
      checks.failed(
          ProxyCheck.TCP,
          "the TCP connection to "
              + where
              + " failed ("
              + Texts.cause(e)
              + "); KMS reports XKS_PROXY_NOT_REACHABLE.");
    }
    return null;
  }

  /** A second handshake offering the JDK's defaults, to tell a cipher suite problem apart. */
  private TlsProbe.Handshake withDefaults(InetSocketAddress target, IOException failure) {
    if (failure instanceof SocketTimeoutException) {
      return null;
    }
    try (Socket socket = TlsProbe.connect(target, check.timeoutMillis())) {
      return TlsProbe.handshake(socket, check.host(), false);
    } catch (IOException e) {
      return null;
    }
  }

  private boolean handshake(TlsProbe.Handshake any, IOException failure) {
    if (any == null && failure instanceof SocketTimeoutException) {
      checks.failed(
          ProxyCheck.HANDSHAKE,
          "the proxy accepted the TCP connection but completed no TLS handshake within "
              + Texts.duration(check.timeout())
              + "; KMS reports XKS_PROXY_TIMED_OUT.");
      return false;
    }
    if (any == null) {
      checks.failed(
          ProxyCheck.HANDSHAKE,
          "no TLS handshake ("
              + Texts.cause(failure)
              + "); KMS needs TLS 1.2 or 1.3, else "
              + INVALID_TLS
              + ".");
      return false;
    }
    if (!TlsProbe.KMS_PROTOCOLS.contains(any.protocol())) {
      checks.failed(
          ProxyCheck.HANDSHAKE,
          "the proxy negotiated "
              + any.protocol()
              + "; KMS needs TLS 1.2 or 1.3, else "
              + INVALID_TLS
              + ".");
      return false;
    }
    checks.passed(ProxyCheck.HANDSHAKE, "the proxy negotiated " + any.protocol() + ".");
    return true;
  }

  private void cipherSuite(TlsProbe.Handshake asKms, TlsProbe.Handshake any) {
    if (asKms != null) {
      checks.passed(ProxyCheck.CIPHER_SUITE, asKms.cipherSuite() + ", one of those KMS offers.");
      return;
    }
    checks.failed(
        ProxyCheck.CIPHER_SUITE,
        "the proxy accepts none of the cipher suites KMS offers ("
            + String.join(", ", TlsProbe.KMS_CIPHER_SUITES)
            + "); offered the JDK's defaults, it chose "
            + any.cipherSuite()
            + ". "
            + INVALID_TLS
            + ".");
  }

  private void chain(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    Optional<X509Certificate> anchor = TlsProbe.chainTrust(chain, check.anchors());
    if (anchor.isEmpty()) {
      checks.failed(
          ProxyCheck.CHAIN,
          "the certificate of "
              + subject(leaf)
              + ", issued by "
              + leaf.getIssuerX500Principal().getName()
              + ", does not chain to "
              + check.trustName()
              + "; "
              + INVALID_TLS
              + ".");
    } else if (anchor.get().equals(leaf)) {
      checks.passed(
          ProxyCheck.CHAIN,
          "the certificate of " + subject(leaf) + " is one of " + check.trustName() + ".");
    } else {
      checks.passed(
          ProxyCheck.CHAIN,
          "the certificate of "
              + subject(leaf)
              + " chains to "
              + subject(anchor.get())
              + ", one of "
              + check.trustName()
              + ".");
    }
  }

  private void hostname(X509Certificate leaf) {
    String host = check.host();
    List<String> names = TlsProbe.dnsNames(leaf);
    Optional<String> match = names.stream().filter(n -> TlsProbe.covers(n, host)).findFirst();
    if (match.isPresent()) {
      String name = match.get();
      checks.passed(
          ProxyCheck.HOSTNAME,
          "the certificate names "
              + name
              + (name.equalsIgnoreCase(host) ? "." : ", which covers " + host + "."));
    } else if (names.isEmpty()) {
      checks.failed(
          ProxyCheck.HOSTNAME,
          "the certificate names no DNS host (it has no DNS subject alternative name), so not "
              + host
              + "; "
              + INVALID_TLS
              + ".");
    } else {
      checks.failed(
          ProxyCheck.HOSTNAME,
          "the certificate names "
              + Texts.some(names)
              + ", not "
              + host
              + "; "
              + INVALID_TLS
              + ".");
    }
  }

  private void expiry(X509Certificate leaf, Instant now) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      checks.failed(
          ProxyCheck.EXPIRY,
          "the certificate is not valid before "
              + Texts.date(notBefore)
              + ", in "
              + Texts.days(Duration.between(now, notBefore).toDays())
              + "; "
              + INVALID_TLS
              + ".");
    } else if (now.isAfter(notAfter)) {
      checks.failed(
          ProxyCheck.EXPIRY,
          "the certificate expired on "
              + Texts.date(notAfter)
              + ", "
              + Texts.days(Duration.between(notAfter, now).toDays())
              + " ago; "
              + INVALID_TLS
              + ".");
    } else {
      long left = Duration.between(now, notAfter).toDays();
      checks.passed(
          ProxyCheck.EXPIRY,
          "the certificate is valid until "
              + Texts.date(notAfter)
              + ", "
              + Texts.days(left)
              + " from now"
              + (left < RENEW_DAYS
                  ? "; renew it soon, since KMS refuses it once it expires."
                  : "."));
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  private void skipAfterTcp() {
    checks.skipUnlessPassed(ProxyCheck.HANDSHAKE, BEFORE_HANDSHAKE);
    skipAfterHandshake();
  }

  private void skipAfterHandshake() {
    for (String name :
        List.of(
            ProxyCheck.CIPHER_SUITE, ProxyCheck.CHAIN, ProxyCheck.HOSTNAME, ProxyCheck.EXPIRY)) {
      checks.skipUnlessPassed(name, BEFORE_CERTIFICATE);
    }
  }
}
