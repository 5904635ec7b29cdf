package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.check.Check;
import dev.cks.check.CheckReport;
import dev.cks.check.CheckStatus;
import dev.cks.check.ProxyCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProxyCheck} against {@link LocalXksProxy} over real TLS on loopback: a healthy proxy
 * passes every check, and a proxy broken in one way fails exactly the check for that, while the
 * checks that depend on it are skipped and name it.
 */
class ProxyCheckTest {

  private static final String HOST = "xks.example.test";
  private static final String PATH = "/keystores/a/kms/xks/v1";
  private static final String KEY = "key-1";
  private static final TestPki PKI = TestPki.authority("CN=cks test CA");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private static final List<String> ALL =
      List.of(
          "endpoint format",
          "path format",
          "credential format",
          "DNS",
          "TCP connection",
          "TLS handshake",
          "cipher suite",
          "certificate chain",
          "certificate hostname",
          "certificate expiry",
          "URI path",
          "credential",
          "health",
          "key metadata",
          "encrypt",
          "decrypt",
          "latency");
  private static final List<String> CALLS = ALL.subList(ALL.indexOf("URI path"), ALL.size());
  private static final List<String> KEY_CHECKS = List.of("key metadata", "encrypt", "decrypt");

  @TempDir Path dir;

  private final XksProxyCredential credential = XksProxyCredential.generate();
  private final List<String> secrets = new ArrayList<>();

  @Test
  void run_healthyProxy_passesEveryCheck() {
    Instant notAfter = Instant.now().plus(Duration.ofDays(400)).plus(Duration.ofHours(12));
    try (LocalXksProxy proxy = proxy(keys(), certificate(HOST, notAfter))) {
      CheckReport report = run(check(proxy));

      assertThat(report.passed()).isTrue();
      assertThat(report.title())
          .isEqualTo("XKS proxy pre-flight for https://xks.example.test/keystores/a/kms/xks/v1");
      assertThat(report.checks()).extracting(Check::name).containsExactlyElementsOf(ALL);
      assertThat(report.checks().subList(0, ALL.size() - 1))
          .containsExactly(
              passed(
                  "endpoint format",
                  "https://xks.example.test is https:// and a DNS name, with no port and no path."),
              passed("path format", PATH + " has the form [/prefix]/kms/xks/v1."),
              passed(
                  "credential format",
                  "the access key id has 20 characters of A-Z and 2-7, the secret 44 characters"
                      + " of letters, digits, '/', '+' and '='."),
              passed(
                  "DNS",
                  "xks.example.test is mapped to 127.0.0.1 port "
                      + proxy.port()
                      + " by a resolve entry; DNS was not asked."),
              passed(
                  "TCP connection",
                  "127.0.0.1 port " + proxy.port() + " accepted a TCP connection."),
              passed("TLS handshake", "the proxy negotiated TLSv1.3."),
              passed("cipher suite", "TLS_AES_256_GCM_SHA384, one of those KMS offers."),
              passed(
                  "certificate chain",
                  "the certificate of CN=xks.example.test chains to CN=cks test CA, one of the"
                      + " given trusted certificates."),
              passed("certificate hostname", "the certificate names xks.example.test."),
              passed(
                  "certificate expiry",
                  "the certificate is valid until "
                      + DATE.format(notAfter)
                      + ", 400 days from now."),
              passed("URI path", "the proxy serves a key store at " + PATH + "."),
              passed(
                  "credential",
                  "the proxy accepted GetHealthStatus signed with access key id "
                      + credential.accessKeyId()
                      + " for us-east-1."),
              passed(
                  "health", "1 proxy (cks LocalXksProxy 0.1.0); key manager cks: memory-0 ACTIVE."),
              passed(
                  "key metadata",
                  "key-1 is AES_256 with keyUsage [ENCRYPT, DECRYPT], and ENABLED."),
              passed(
                  "encrypt",
                  "32 bytes encrypted under key-1 with 32 bytes of additional authenticated data;"
                      + " the ciphertext data integrity value verifies."),
              passed("decrypt", "the 32 bytes came back unchanged."));
      assertThat(report.checks().get(ALL.size() - 1).detail())
          .matches(
              "GetHealthStatus \\d+ ms on a new connection, GetKeyMetadata \\d+ ms, Encrypt \\d+"
                  + " ms, Decrypt \\d+ ms; all within the 10 s budget\\.");
    }
  }

  @Test
  void run_withoutKeyId_skipsTheKeyChecksAndSaysAKeyIdEnablesThem() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report =
          run(
              ProxyCheck.builder()
                  .endpoint("https://" + HOST)
                  .uriPath(PATH)
                  .credential(credential.accessKeyId(), credential.rawSecretAccessKey())
                  .trustPem(PKI.caPem())
                  .resolve(HOST, loopback(proxy.port()))
                  .latencyBudget(Duration.ofSeconds(10)));

      assertThat(report.passed()).isTrue();
      assertThat(report.checks().subList(13, 16))
          .containsExactly(
              Check.skipped(
                  "key metadata",
                  "not checked, because no key id was given; a key id enables this check and an"
                      + " encrypt and decrypt round trip."),
              Check.skipped("encrypt", "not checked, because no key id was given."),
              Check.skipped("decrypt", "not checked, because no key id was given."));
      assertThat(report.checks().get(16).detail())
          .matches("GetHealthStatus \\d+ ms on a new connection; all within the 10 s budget\\.");
    }
  }

  @Test
  void run_certificateExpiringWithin30Days_passesAndAsksToRenew() {
    Instant notAfter = Instant.now().plus(Duration.ofDays(12)).plus(Duration.ofHours(12));
    try (LocalXksProxy proxy = proxy(keys(), certificate(HOST, notAfter))) {
      CheckReport report = run(check(proxy));

      assertThat(report.passed()).isTrue();
      assertThat(check(report, "certificate expiry"))
          .isEqualTo(
              passed(
                  "certificate expiry",
                  "the certificate is valid until "
                      + DATE.format(notAfter)
                      + ", 12 days from now; renew it soon, since KMS refuses it once it"
                      + " expires."));
    }
  }

  @Test
  void run_expiredCertificate_failsOnlyTheExpiry() {
    Instant notAfter = Instant.now().minus(Duration.ofDays(10)).minus(Duration.ofHours(12));
    TestPki.Issued expired =
        PKI.issue(dir, HOST, List.of(HOST), notAfter.minus(Duration.ofDays(365)), notAfter);
    try (LocalXksProxy proxy = proxy(keys(), expired)) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "certificate expiry",
          "the certificate expired on "
              + DATE.format(notAfter)
              + ", 10 days ago; KMS reports XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
      assertThat(check(report, "certificate chain").status()).isEqualTo(CheckStatus.PASSED);
    }
  }

  @Test
  void run_certificateNotYetValid_failsOnlyTheExpiry() {
    Instant notBefore = Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofHours(12));
    TestPki.Issued early =
        PKI.issue(dir, HOST, List.of(HOST), notBefore, notBefore.plus(Duration.ofDays(365)));
    try (LocalXksProxy proxy = proxy(keys(), early)) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "certificate expiry",
          "the certificate is not valid before "
              + DATE.format(notBefore)
              + ", in 3 days; KMS reports XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
    }
  }

  @Test
  void run_certificateForAnotherHost_failsOnlyTheHostname() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate("other.example.test"))) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "certificate hostname",
          "the certificate names other.example.test, not xks.example.test; KMS reports"
              + " XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
    }
  }

  @Test
  void run_certificateOfAnotherAuthority_failsOnlyTheChain() {
    TestPki stranger = TestPki.authority("CN=stranger CA");
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report =
          run(
              ProxyCheck.builder()
                  .endpoint("https://" + HOST)
                  .uriPath(PATH)
                  .credential(credential)
                  .trustPem(stranger.caPem())
                  .resolve(HOST, loopback(proxy.port()))
                  .keyId(KEY));

      assertOnlyFailure(
          report,
          "certificate chain",
          "the certificate of CN=xks.example.test, issued by CN=cks test CA, does not chain to"
              + " the given trusted certificates; KMS reports"
              + " XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
    }
  }

  @Test
  void run_withoutTrustPem_judgesTheChainByTheJdkAuthorities() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report =
          run(
              ProxyCheck.builder()
                  .endpoint("https://" + HOST)
                  .uriPath(PATH)
                  .credential(credential)
                  .resolve(HOST, loopback(proxy.port())));

      assertOnlyFailure(
          report,
          "certificate chain",
          "the certificate of CN=xks.example.test, issued by CN=cks test CA, does not chain to"
              + " the JDK's default certificate authorities; KMS reports"
              + " XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
    }
  }

  @Test
  void run_slowProxy_failsOnlyTheLatency() {
    SlowKeySource slow = new SlowKeySource(keys(), Duration.ofSeconds(1));
    try (LocalXksProxy proxy = proxy(slow, validCertificate(HOST))) {
      CheckReport report = run(check(proxy).latencyBudget(Duration.ofMillis(250)));

      assertThat(report.failures()).extracting(Check::name).containsExactly("latency");
      assertThat(report.checks()).allMatch(c -> c.status() != CheckStatus.SKIPPED);
      assertThat(check(report, "latency").detail())
          .matches(
              "GetHealthStatus \\d{4,} ms on a new connection, GetKeyMetadata \\d{4,} ms, Encrypt"
                  + " \\d{4,} ms, Decrypt \\d{4,} ms; over the 250 ms budget: GetHealthStatus,"
                  + " GetKeyMetadata, Encrypt, Decrypt\\. KMS gives up on a call after 250 ms and"
                  + " reports XKS_PROXY_TIMED_OUT\\.");
    }
  }

  @Test
  void run_keyReportingAnotherKeySpec_failsOnlyTheKeyMetadata() {
    KeySource wrongSpec = new ReportedSpecKeySource(keys(), "RSA_0");
    try (LocalXksProxy proxy = proxy(wrongSpec, validCertificate(HOST))) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "key metadata",
          "key-1 does not suit KMS: keySpec is RSA_0, not AES_256; KMS refuses it in CreateKey"
              + " with XksKeyInvalidConfigurationException.",
          List.of("encrypt", "decrypt"));
    }
  }

  @Test
  void run_keyWithoutDecrypt_failsOnlyTheKeyMetadata() {
    InMemoryKeySource keys = InMemoryKeySource.create().addKey(KEY, EnumSet.of(KeyUsage.ENCRYPT));
    try (LocalXksProxy proxy = proxy(keys, validCertificate(HOST))) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "key metadata",
          "key-1 does not suit KMS: keyUsage [ENCRYPT] lacks DECRYPT; KMS refuses it in CreateKey"
              + " with XksKeyInvalidConfigurationException.",
          List.of("encrypt", "decrypt"));
    }
  }

  @Test
  void run_disabledKey_failsOnlyTheKeyMetadata() {
    InMemoryKeySource keys = keys();
    keys.disable(KEY);
    try (LocalXksProxy proxy = proxy(keys, validCertificate(HOST))) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "key metadata",
          "key-1 does not suit KMS: keyStatus is DISABLED, not ENABLED; KMS refuses it in"
              + " CreateKey with XksKeyInvalidConfigurationException.",
          List.of("encrypt", "decrypt"));
    }
  }

  @Test
  void run_unknownKey_failsOnlyTheKeyMetadata() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report = run(check(proxy).keyId("no-such-key"));

      assertOnlyFailure(
          report,
          "key metadata",
          "the proxy has no key no-such-key at "
              + PATH
              + " (KeyNotFoundException, HTTP 404); KMS refuses CreateKey with"
              + " XksKeyNotFoundException.",
          List.of("encrypt", "decrypt"));
    }
  }

  @Test
  void run_unknownAccessKeyId_failsOnlyTheCredential() {
    XksProxyCredential unknown = XksProxyCredential.generate();
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report = run(check(proxy).credential(unknown));

      assertOnlyFailure(report, "credential", rejected(unknown.accessKeyId()), after("credential"));
      assertThat(report.render()).doesNotContain(unknown.rawSecretAccessKey().reveal());
    }
  }

  @Test
  void run_wrongSecret_failsOnlyTheCredential() {
    Secret wrong = XksProxyCredential.generate().rawSecretAccessKey();
    secrets.add(wrong.reveal());
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report = run(check(proxy).credential(credential.accessKeyId(), wrong));

      assertOnlyFailure(
          report, "credential", rejected(credential.accessKeyId()), after("credential"));
    }
  }

  @Test
  void run_pathTheProxyDoesNotServe_failsOnlyTheUriPath() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report = run(check(proxy).uriPath("/keystores/zz/kms/xks/v1"));

      assertOnlyFailure(
          report,
          "URI path",
          "the proxy serves no key store at /keystores/zz/kms/xks/v1 (InvalidUriPathException,"
              + " HTTP 404); KMS reports XKS_PROXY_INVALID_CONFIGURATION.",
          after("URI path"));
    }
  }

  @Test
  void run_keyManagerUnavailable_failsOnlyTheHealth() {
    KeySource down = new UnavailableKeySource(keys());
    try (LocalXksProxy proxy = proxy(down, validCertificate(HOST))) {
      CheckReport report = run(check(proxy));

      assertOnlyFailure(
          report,
          "health",
          "no key manager is ACTIVE (hsm-1 UNAVAILABLE, hsm-2 DEGRADED); KMS reports"
              + " XKS_PROXY_NOT_REACHABLE until one is.",
          KEY_CHECKS);
      assertThat(check(report, "latency").status()).isEqualTo(CheckStatus.PASSED);
    }
  }

  @Test
  void run_nothingListening_failsOnlyTheTcpConnection() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    CheckReport report = run(addressed(port));

    assertOnlyFailure(
        report,
        "TCP connection",
        "127.0.0.1 port "
            + port
            + " refused the TCP connection (Connection refused): nothing listens there; KMS"
            + " reports XKS_PROXY_NOT_REACHABLE.",
        after("TCP connection"));
  }

  @Test
  void run_socketThatNeverAnswers_failsOnlyTheTlsHandshake() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      CheckReport report = run(addressed(silent.getLocalPort()).timeout(Duration.ofSeconds(1)));

      assertOnlyFailure(
          report,
          "TLS handshake",
          "the proxy accepted the TCP connection but completed no TLS handshake within 1 s; KMS"
              + " reports XKS_PROXY_TIMED_OUT.",
          after("TLS handshake"));
    }
  }

  @Test
  void run_serverWithoutKmsCipherSuites_failsOnlyTheCipherSuite() throws Exception {
    TestPki.Issued issued = validCertificate(HOST);
    try (SSLServerSocket server =
        (SSLServerSocket)
            PKI.serverContext(issued)
                .getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(new String[] {"TLSv1.2"});
      server.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
      Thread handshakes = new Thread(() -> serveHandshakes(server), "handshakes");
      handshakes.setDaemon(true);
      handshakes.start();

      CheckReport report = run(addressed(server.getLocalPort()));

      assertOnlyFailure(
          report,
          "cipher suite",
          "the proxy accepts none of the cipher suites KMS offers (TLS_AES_256_GCM_SHA384,"
              + " TLS_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
              + " TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384); offered the JDK's defaults, it chose"
              + " TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256. KMS reports"
              + " XKS_PROXY_INVALID_TLS_CONFIGURATION.",
          CALLS);
      assertThat(check(report, "TLS handshake"))
          .isEqualTo(passed("TLS handshake", "the proxy negotiated TLSv1.2."));
    }
  }

  @Test
  void run_hostThatDoesNotResolve_failsOnlyTheDns() {
    CheckReport report =
        run(
            ProxyCheck.builder()
                .endpoint("https://xks.invalid")
                .uriPath(PATH)
                .credential(credential)
                .keyId(KEY));

    assertOnlyFailure(
        report,
        "DNS",
        "xks.invalid does not resolve; KMS reports XKS_PROXY_NOT_REACHABLE.",
        after("DNS"));
  }

  @Test
  void run_badFormats_failEachFormatAndTryNothingElse() {
    Secret shortSecret = Secret.of("tooShort/secret+");
    secrets.add(shortSecret.reveal());
    CheckReport report =
        run(
            ProxyCheck.builder()
                .endpoint("https://xks.example.test:8443")
                .uriPath("/kms/xks")
                .credential("ABCDE12345670EXAMPLE", shortSecret)
                .keyId(KEY));

    assertThat(report.checks().subList(0, 4))
        .containsExactly(
            Check.failed(
                "endpoint format",
                "XksProxyUriEndpoint must not have a port; KMS always connects to port 443, was"
                    + " \"https://xks.example.test:8443\"."),
            Check.failed(
                "path format",
                "XksProxyUriPath must be 10 to 128 characters long, was \"/kms/xks\" (8"
                    + " characters); XksProxyUriPath must end with /kms/xks/v1, was"
                    + " \"/kms/xks\"."),
            Check.failed(
                "credential format",
                "XksProxyAuthenticationCredential.AccessKeyId must contain only A-Z and 2-7, was"
                    + " \"ABCDE12345670EXAMPLE\": '1' and '0' are outside [A-Z2-7]; this is the"
                    + " example access key id of the KMS documentation, which KMS rejects;"
                    + " XksProxyAuthenticationCredential.RawSecretAccessKey must be 43 to 64"
                    + " characters long, was a secret of 16 characters."),
            Check.skipped("DNS", "not checked, because the endpoint format check failed."));
    assertThat(report.checks().subList(4, ALL.size()))
        .extracting(Check::status)
        .containsOnly(CheckStatus.SKIPPED);
    assertThat(report.checks().subList(4, ALL.size()))
        .extracting(Check::detail)
        .containsOnly("not checked, because the endpoint format check failed.");
  }

  @Test
  void run_badPathOnly_stillChecksDnsAndTls() {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report = run(check(proxy).uriPath("/kms/xks/v2"));

      assertOnlyFailure(
          report,
          "path format",
          "XksProxyUriPath must end with /kms/xks/v1, the only version of the XKS proxy API, was"
              + " \"/kms/xks/v2\".",
          CALLS);
    }
  }

  @Test
  void builder_fromSpec_checksTheSpecsProxy() {
    ExternalKeyStoreSpec spec =
        ExternalKeyStoreSpec.builder()
            .name("checked")
            .proxyUriEndpoint("https://" + HOST)
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .proxyUriPath(PATH)
            .proxyCredential(credential)
            .build();
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      CheckReport report =
          run(
              ProxyCheck.builder(spec)
                  .trustPem(PKI.caPem())
                  .resolve(HOST, loopback(proxy.port()))
                  .latencyBudget(Duration.ofSeconds(10)));

      assertThat(report.passed()).isTrue();
      assertThat(report.title())
          .isEqualTo("XKS proxy pre-flight for https://xks.example.test/keystores/a/kms/xks/v1");
    }
  }

  @Test
  void run_neverLogsTheSecret() throws IOException {
    try (LocalXksProxy proxy = proxy(keys(), validCertificate(HOST))) {
      run(check(proxy));
      run(check(proxy).credential(credential.accessKeyId(), Secret.of("x".repeat(44))));
    }

    Path log = Path.of("target", "test-log.txt");
    assertThat(log).exists();
    String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(logged)
        .contains("XKS proxy pre-flight for https://xks.example.test" + PATH)
        .doesNotContain(credential.rawSecretAccessKey().reveal())
        .doesNotContain("x".repeat(44));
  }

  @Test
  void toString_namesTheProxyButNotTheCredential() {
    ProxyCheck check =
        ProxyCheck.builder()
            .endpoint("https://" + HOST)
            .uriPath(PATH)
            .credential(credential)
            .keyId(KEY)
            .build();

    assertThat(check)
        .hasToString(
            "ProxyCheck[XKS proxy pre-flight for https://xks.example.test/keystores/a/kms/xks/v1,"
                + " key key-1]");
  }

  // --- helpers ---

  private CheckReport run(ProxyCheck.Builder builder) {
    CheckReport report = builder.build().run();
    secrets.add(credential.rawSecretAccessKey().reveal());
    for (String secret : secrets) {
      assertThat(report.render()).doesNotContain(secret);
      assertThat(report.toJson()).doesNotContain(secret);
    }
    return report;
  }

  private ProxyCheck.Builder check(LocalXksProxy proxy) {
    return ProxyCheck.builder()
        .endpoint("https://" + HOST)
        .uriPath(PATH)
        .credential(credential)
        .trustPem(PKI.caPem())
        .resolve(HOST, loopback(proxy.port()))
        .keyId(KEY)
        .latencyBudget(Duration.ofSeconds(10));
  }

  private ProxyCheck.Builder addressed(int port) {
    return ProxyCheck.builder()
        .endpoint("https://" + HOST)
        .uriPath(PATH)
        .credential(credential)
        .trustPem(PKI.caPem())
        .resolve(HOST, loopback(port))
        .keyId(KEY);
  }

  private LocalXksProxy proxy(KeySource keys, TestPki.Issued certificate) {
    return LocalXksProxy.builder()
        .hostnames(HOST)
        .certificate(certificate.chainPem(), certificate.keyPem())
        .store(
            ProxyKeyStore.builder(PATH, keys)
                .credential(credential)
                .healthMaxAge(Duration.ZERO)
                .build())
        .start();
  }

  private static InMemoryKeySource keys() {
    return InMemoryKeySource.create().addKey(KEY, EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
  }

  private TestPki.Issued validCertificate(String host) {
    return certificate(host, Instant.now().plus(Duration.ofDays(90)));
  }

  private TestPki.Issued certificate(String host, Instant notAfter) {
    return PKI.issue(dir, host, List.of(host), Instant.now().minus(Duration.ofDays(1)), notAfter);
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static Check passed(String name, String detail) {
    return Check.passed(name, detail);
  }

  private static Check check(CheckReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static String rejected(String accessKeyId) {
    return "the proxy rejected the signature (AuthenticationFailedException, HTTP 401): it knows"
        + " no access key id "
        + accessKeyId
        + " at "
        + PATH
        + ", or holds another secret for it, or expects a Region other than us-east-1; KMS"
        + " reports INVALID_CREDENTIALS.";
  }

  /** The checks after {@code name}, but for the latency, which may run without it. */
  private static List<String> after(String name) {
    return ALL.subList(ALL.indexOf(name) + 1, ALL.size());
  }

  /**
   * Asserts that {@code failed} is the only failure, with the given detail; that exactly the {@code
   * skipped} checks were skipped, each naming {@code failed}; and that every other check passed.
   */
  private static void assertOnlyFailure(
      CheckReport report, String failed, String detail, List<String> skipped) {
    assertThat(report.checks()).extracting(Check::name).containsExactlyElementsOf(ALL);
    assertThat(report.failures()).containsExactly(Check.failed(failed, detail));
    for (Check check : report.checks()) {
      if (check.name().equals(failed)) {
        continue;
      }
      if (skipped.contains(check.name())) {
        assertThat(check)
            .isEqualTo(
                Check.skipped(
                    check.name(), "not checked, because the " + failed + " check failed."));
      } else {
        assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASSED);
      }
    }
  }

  /** Completes TLS handshakes and holds each connection until the client closes it. */
  private static void serveHandshakes(SSLServerSocket server) {
    while (!server.isClosed()) {
      try (Socket accepted = server.accept()) {
        SSLSocket socket = (SSLSocket) accepted;
        socket.startHandshake();
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // Drain until the client closes.
        }
      } catch (IOException e) {
        // A refused handshake or a closed server; the next client may come.
      }
    }
  }

  /** Answers after a delay: every key lookup and every health check sleeps first. */
  private static final class SlowKeySource extends ForwardingKeySource {
    private final Duration delay;

    SlowKeySource(KeySource delegate, Duration delay) {
      super(delegate);
      this.delay = delay;
    }

    @Override
    public Optional<ProxyKey> key(String externalKeyId) {
      sleep();
      return super.key(externalKeyId);
    }

    @Override
    public KeySourceHealth checkHealth() {
      sleep();
      return super.checkHealth();
    }

    private void sleep() {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Reports another key spec for every key, as a proxy with a broken metadata lookup does. */
  private static final class ReportedSpecKeySource extends ForwardingKeySource {
    private final String keySpec;

    ReportedSpecKeySource(KeySource delegate, String keySpec) {
      super(delegate);
      this.keySpec = keySpec;
    }

    @Override
    public Optional<ProxyKey> key(String externalKeyId) {
      return super.key(externalKeyId)
          .map(
              key ->
                  new ForwardingKey(key) {
                    @Override
                    public String keySpec() {
                      return keySpec;
                    }
                  });
    }
  }

  /** Serves its keys but reports no key manager member as ACTIVE. */
  private static final class UnavailableKeySource extends ForwardingKeySource {
    UnavailableKeySource(KeySource delegate) {
      super(delegate);
    }

    @Override
    public KeySourceHealth checkHealth() {
      return new KeySourceHealth(
          "test",
          List.of(
              new KeySourceHealth.Member("hsm-1", "test", KeySourceHealth.Status.UNAVAILABLE),
              new KeySourceHealth.Member("hsm-2", "test", KeySourceHealth.Status.DEGRADED)));
    }
  }
}
