package dev.cks.check;

import dev.cks.Constraints;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.Violation;
import dev.cks.XksProxyCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an XKS proxy the way KMS will before an external key store is created or changed, and
 * reports item by item in a {@link CheckReport}:
 *
 * <ol>
 *   <li>{@code endpoint format}, {@code path format}, {@code credential format}: the KMS rules of
 *       {@link Constraints} (a secret is described by its length only);
 *   <li>{@code DNS}: the endpoint's host name resolves to an IPv4 address, or a {@link
 *       Builder#resolve resolve} entry maps it;
 *   <li>{@code TCP connection}: the address accepts a connection;
 *   <li>{@code TLS handshake} and {@code cipher suite}: a real handshake offering what KMS offers,
 *       TLS 1.2 or 1.3 and the four cipher suites of the XKS proxy API;
 *   <li>{@code certificate chain}, {@code certificate hostname}, {@code certificate expiry}: the
 *       proxy's certificate chains to the trusted certificates (the given PEM certificates, else
 *       the JDK's default public authorities, like KMS), names the host, and is valid now; the
 *       detail gives the days left and asks to renew under 30;
 *   <li>{@code URI path}, {@code credential}, {@code health}: a signed GetHealthStatus finds a key
 *       store at the path, is accepted with the credential (401 and 403 fail here, apart from
 *       network failures), and reports a proxy fleet with at least one {@code ACTIVE} key manager;
 *   <li>{@code key metadata}, {@code encrypt}, {@code decrypt}: given a key id, GetKeyMetadata
 *       reports {@code AES_256}, {@code ENCRYPT} and {@code DECRYPT}, {@code ENABLED}, and an
 *       encryption with additional authenticated data and a ciphertext data integrity value
 *       decrypts to the same plaintext; without a key id they are skipped;
 *   <li>{@code latency}: every answered call came within the latency budget (250 ms, KMS's timeout,
 *       by default); GetHealthStatus is timed on new connections after a first call, so the time
 *       includes TCP and TLS set-up as KMS's timeout does, and the faster of two such calls counts.
 * </ol>
 *
 * <pre>{@code
 * CheckReport report = ProxyCheck.builder()
 *     .endpoint("https://xks.example.com")
 *     .uriPath("/keystores/a/kms/xks/v1")
 *     .credential(accessKeyId, Secret.of(System.getenv("XKS_SECRET")))
 *     .keyId("key-1")
 *     .build()
 *     .run();
 * System.out.print(report.render());
 * }</pre>
 *
 * <p>A bad value, an unreachable proxy or a proxy error is a failed check, never an exception. A
 * check that cannot run because an earlier one failed is skipped and names that check. Neither the
 * report nor the log holds the secret.
 *
 * <p>Limitation: the JDK's default certificate authorities stand in for the list KMS trusts, which
 * differs; a private certificate authority passes when it is given, though KMS refuses it. Mutual
 * TLS is not offered. Times are taken on this machine, so they include the CPU this JVM spends on
 * TLS (tens of milliseconds while it warms up); a proxy whose only slow answer is the first, or one
 * of the two timed on new connections, passes.
 */
public final class ProxyCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyCheck.class);

  static final String ENDPOINT_FORMAT = "endpoint format";
  static final String PATH_FORMAT = "path format";
  static final String CREDENTIAL_FORMAT = "credential format";
  static final String DNS = "DNS";
  static final String TCP = "TCP connection";
  static final String HANDSHAKE = "TLS handshake";
  static final String CIPHER_SUITE = "cipher suite";
  static final String CHAIN = "certificate chain";
  static final String HOSTNAME = "certificate hostname";
  static final String EXPIRY = "certificate expiry";
  static final String URI_PATH = "URI path";
  static final String CREDENTIAL = "credential";
  static final String HEALTH = "health";
  static final String KEY_METADATA = "key metadata";
  static final String ENCRYPT = "encrypt";
  static final String DECRYPT = "decrypt";
  static final String LATENCY = "latency";

  private static final String ACCESS_KEY_ID = "XksProxyAuthenticationCredential.AccessKeyId";
  private static final String RAW_SECRET = "XksProxyAuthenticationCredential.RawSecretAccessKey";

  private final String endpoint;
  private final String uriPath;
  private final String accessKeyId;
  private final Secret rawSecret;
  private final String region;
  private final List<String> trustPems;
  private final List<X509Certificate> trusted;
  private final Map<String, InetSocketAddress> resolve;
  private final String keyId;
  private final Duration latencyBudget;
  private final Duration timeout;

  private ProxyCheck(Builder builder) {
    this.endpoint = builder.endpoint;
    this.uriPath = builder.uriPath;
    this.accessKeyId = builder.accessKeyId;
    this.rawSecret = builder.rawSecret;
    this.region = builder.region;
    this.trustPems = List.copyOf(builder.trustPems);
    this.trusted = List.copyOf(builder.trusted);
    this.resolve = Map.copyOf(builder.resolve);
    this.keyId = builder.keyId;
    this.latencyBudget = builder.latencyBudget;
    this.timeout = builder.timeout;
  }

  /** A builder with nothing set but the defaults: region {@code us-east-1}, a 250 ms budget. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding the endpoint, path and credential of the given spec. */
  public static Builder builder(ExternalKeyStoreSpec spec) {
    return builder()
        .endpoint(spec.proxyUriEndpoint())
        .uriPath(spec.proxyUriPath())
        .credential(spec.proxyCredential());
  }

  /**
   * Runs every check, in order, and reports. It takes at most a few times the timeout; nothing is
   * thrown for a problem of the proxy.
   */
  public CheckReport run() {
    Checks checks = new Checks();
    checks.add(endpointFormat());
    checks.add(pathFormat());
    checks.add(credentialFormat());
    InetSocketAddress target = dns(checks);
    new TlsStep(this, checks).run(target);
    new CallStep(this, checks).run(target);
    CheckReport report = CheckReport.of(title(), checks.list);
    LOG.debug("{}: {}", report.title(), report.passed() ? "passed" : "failed");
    return report;
  }

  /** The report's title: {@code XKS proxy pre-flight for <endpoint><path>}. */
  String title() {
    return "XKS proxy pre-flight for "
        + (endpoint == null ? "(no endpoint)" : endpoint)
        + (uriPath == null ? "(no path)" : uriPath);
  }

  /** Names the endpoint, path and key id; never the credential. */
  @Override
  public String toString() {
    return "ProxyCheck[" + title() + (keyId == null ? "" : ", key " + keyId) + "]";
  }

  String host() {
    return endpoint.substring("https://".length()).toLowerCase(Locale.ROOT);
  }

  String endpoint() {
    return endpoint;
  }

  String uriPath() {
    return uriPath;
  }

  String accessKeyId() {
    return accessKeyId;
  }

  Secret rawSecret() {
    return rawSecret;
  }

  String region() {
    return region;
  }

  List<String> trustPems() {
    return trustPems;
  }

  Map<String, InetSocketAddress> resolveMap() {
    return resolve;
  }

  String keyId() {
    return keyId;
  }

  Duration latencyBudget() {
    return latencyBudget;
  }

  Duration timeout() {
    return timeout;
  }

  int timeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /** The trusted certificates as anchors, and how a detail names them. */
  Set<TrustAnchor> anchors() {
    if (trusted.isEmpty()) {
      return TlsProbe.defaultAnchors();
    }
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    trusted.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
    return anchors;
  }

  String trustName() {
    return trusted.isEmpty()
        ? "the JDK's default certificate authorities"
        : "the given trusted certificates";
  }

  private Check endpointFormat() {
    if (endpoint == null) {
      return missing(ENDPOINT_FORMAT, "XksProxyUriEndpoint");
    }
    List<Violation> found = Constraints.xksProxyUriEndpoint("XksProxyUriEndpoint", endpoint);
    if (!found.isEmpty()) {
      return Check.failed(ENDPOINT_FORMAT, sentences(found));
    }
    return Check.passed(
        ENDPOINT_FORMAT, endpoint + " is https:// and a DNS name, with no port and no path.");
  }

  private Check pathFormat() {
    if (uriPath == null) {
      return missing(PATH_FORMAT, "XksProxyUriPath");
    }
    List<Violation> found = Constraints.xksProxyUriPath("XksProxyUriPath", uriPath);
    if (found.isEmpty() && !uriPath.endsWith("/kms/xks/v1")) {
      found =
          List.of(
              Violation.of(
                  "XksProxyUriPath",
                  "must end with /kms/xks/v1, the only version of the XKS proxy API",
                  uriPath));
    }
    if (!found.isEmpty()) {
      return Check.failed(PATH_FORMAT, sentences(found));
    }
    return Check.passed(PATH_FORMAT, uriPath + " has the form [/prefix]/kms/xks/v1.");
  }

  private Check credentialFormat() {
    if (accessKeyId == null || rawSecret == null) {
      return missing(CREDENTIAL_FORMAT, "XksProxyAuthenticationCredential");
    }
    List<Violation> found = new ArrayList<>(Constraints.accessKeyId(ACCESS_KEY_ID, accessKeyId));
    if (!rawSecret.isText()) {
      found.add(
          Violation.described(
              RAW_SECRET, "must be text", "a secret of " + rawSecret.length() + " bytes"));
    } else {
      found.addAll(Constraints.rawSecretAccessKey(RAW_SECRET, rawSecret));
    }
    if (!found.isEmpty()) {
      return Check.failed(CREDENTIAL_FORMAT, sentences(found));
    }
    return Check.passed(
        CREDENTIAL_FORMAT,
        "the access key id has "
            + accessKeyId.length()
            + " characters of A-Z and 2-7, the secret "
            + rawSecret.length()
            + " characters of letters, digits, '/', '+' and '='.");
  }

  private InetSocketAddress dns(Checks checks) {
    if (checks.skipUnlessPassed(DNS, ENDPOINT_FORMAT)) {
      return null;
    }
    String host = host();
    InetSocketAddress mapped = resolve.get(host);
    if (mapped != null) {
      return mappedAddress(checks, host, mapped);
    }
    return Resolution.lookUp(host, checks);
  }

  private static InetSocketAddress mappedAddress(
      Checks checks, String host, InetSocketAddress mapped) {
    InetSocketAddress address = mapped;
    if (mapped.isUnresolved()) {
      address = new InetSocketAddress(mapped.getHostString(), mapped.getPort());
    }
    if (address.isUnresolved()) {
      checks.add(
          Check.failed(
              DNS,
              "the resolve entry of "
                  + host
                  + " names "
                  + mapped.getHostString()
                  + ", which does not resolve."));
      return null;
    }
    checks.add(
        Check.passed(
            DNS,
            host
                + " is mapped to "
                + address.getAddress().getHostAddress()
                + " port "
                + address.getPort()
                + " by a resolve entry; DNS was not asked."));
    return address;
  }

  private static Check missing(String name, String member) {
    return Check.failed(name, member + " is required, was missing.");
  }

  private static String sentences(List<Violation> found) {
    return found.stream().map(Violation::message).collect(Collectors.joining("; ")) + ".";
  }

  /** Builds a {@link ProxyCheck}; endpoint, path and credential are checked when it runs. */
  public static final class Builder {
    private String endpoint;
    private String uriPath;
    private String accessKeyId;
    private Secret rawSecret;
    private String region = "us-east-1";
    private final List<String> trustPems = new ArrayList<>();
    private final List<X509Certificate> trusted = new ArrayList<>();
    private final Map<String, InetSocketAddress> resolve = new HashMap<>();
    private String keyId;
    private Duration latencyBudget = Duration.ofMillis(250);
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * Sets the {@code XksProxyUriEndpoint}, such as {@code https://xks.example.com}. It is taken as
     * it is; a value KMS would refuse fails the {@code endpoint format} check.
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * Sets the {@code XksProxyUriPath}, such as {@code /keystores/a/kms/xks/v1}. A value KMS would
     * refuse fails the {@code path format} check.
     */
    public Builder uriPath(String uriPath) {
      this.uriPath = Objects.requireNonNull(uriPath, "uriPath");
      return this;
    }

    /**
     * Sets the credential from its two parts, as they are; a part KMS would refuse fails the {@code
     * credential format} check, which describes the secret by its length only.
     */
    public Builder credential(String accessKeyId, Secret rawSecretAccessKey) {
      this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
      this.rawSecret = Objects.requireNonNull(rawSecretAccessKey, "rawSecretAccessKey");
      return this;
    }

    /** Sets the credential. */
    public Builder credential(XksProxyCredential credential) {
      Objects.requireNonNull(credential, "credential");
      return credential(credential.accessKeyId(), credential.rawSecretAccessKey());
    }

    /** Sets the AWS Region the requests are signed for; {@code us-east-1} by default. */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (region.isBlank()) {
        throw new IllegalArgumentException("region must not be blank");
      }
      this.region = region;
      return this;
    }

    /**
     * Trusts the certificates in the given PEM text (one or more {@code CERTIFICATE} blocks)
     * instead of the JDK's default certificate authorities; call it again to trust more.
     *
     * @throws IllegalArgumentException if the text holds no certificate that can be read
     */
    public Builder trustPem(String pemCertificates) {
      Objects.requireNonNull(pemCertificates, "pemCertificates");
      trusted.addAll(Pem.certificates(pemCertificates));
      trustPems.add(pemCertificates);
      return this;
    }

    /**
     * Trusts the certificates in the given PEM file, as {@link #trustPem(String)}.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate that can be read
     */
    public Builder trustPem(Path pemFile) {
      String text;
      try {
        text = Files.readString(pemFile, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + pemFile, e);
      }
      try {
        return trustPem(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
      }
    }

    /**
     * Connects to {@code address} whenever the endpoint's host is {@code hostname}, as {@code curl
     * --resolve} does, instead of asking DNS and using port 443. TLS still checks the certificate
     * against {@code hostname}.
     */
    public Builder resolve(String hostname, InetSocketAddress address) {
      Objects.requireNonNull(hostname, "hostname");
      resolve.put(hostname.toLowerCase(Locale.ROOT), Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Sets an external key id, which enables GetKeyMetadata and the encrypt and decrypt round trip.
     * A value KMS would refuse fails the {@code key metadata} check.
     */
    public Builder keyId(String externalKeyId) {
      this.keyId = Objects.requireNonNull(externalKeyId, "externalKeyId");
      return this;
    }

    /**
     * Sets the time each call may take before the {@code latency} check fails; 250 ms, KMS's
     * timeout, by default.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder latencyBudget(Duration latencyBudget) {
      this.latencyBudget = positive(latencyBudget, "latencyBudget");
      return this;
    }

    /**
     * Sets how long a connection, a handshake or a call may take before it counts as unanswered; 5
     * seconds by default, so that a slow answer can be timed against the budget.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Builds the check; missing or bad values show as failed checks when it runs. */
    public ProxyCheck build() {
      return new ProxyCheck(this);
    }

    /** Names the endpoint and path; never the credential. */
    @Override
    public String toString() {
      return "ProxyCheck.Builder[" + endpoint + uriPath + "]";
    }

    private static Duration positive(Duration value, String member) {
      Objects.requireNonNull(value, member);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(member + " must be positive, was " + value);
      }
      return value;
    }
  }
}
