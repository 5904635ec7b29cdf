package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs XKS proxy requests, the way AWS KMS does, as fast as SigV4 allows: a {@code POST} with a
 * JSON body, signing {@code host} and {@code x-amz-date} (and {@code x-amz-content-sha256} when
 * configured to send it) for service {@code kms-xks-proxy}.
 *
 * <pre>{@code
 * XksRequestSigner signer = XksRequestSigner.builder()
 *     .region("us-east-1")
 *     .credentials(SigV4Credentials.of(accessKeyId, rawSecretAccessKey))
 *     .build();
 * SignatureHeaders headers =
 *     signer.sign("xks.example.com", "/example/kms/xks/v1/keys/k1/encrypt", body);
 * headers.forEach(httpRequest::header);
 * }</pre>
 *
 * <p>The signature is exactly the one {@link SigV4Signer} makes for the same {@code POST} request
 * with no query and no other header. The fast path covers a host of printable ASCII without
 * whitespace and a path of unreserved chars ({@code A-Z a-z 0-9 - _ . ~}) between single slashes
 * with no {@code .} or {@code ..} segment; anything else is signed by the general algorithm, with
 * the same result, only slower. On the fast path the signer derives the signing key once per UTC
 * day, keeps it as the two HMAC pad blocks so that an HMAC is two plain SHA-256 runs, formats the
 * date once per second, writes the canonical request and the string to sign as bytes into
 * per-thread buffers, and allocates nothing besides the returned header values.
 *
 * <p>Instances are immutable and thread-safe; build one per credential and share it.
 *
 * <p>Limitation: each thread that signs keeps about 2 KiB of buffers, one SHA-256 and one
 * HMAC-SHA256 instance for the life of the thread, shared with every other signer and verifier of
 * this package.
 */
public final class XksRequestSigner {

  private static final byte[] POST_LINE = "POST\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HOST_START = "\n\nhost:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_SHA256_START =
      "\nx-amz-content-sha256:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATE_START = "\nx-amz-date:".getBytes(StandardCharsets.US_ASCII);

  private final SigV4Credentials credentials;
  private final String region;
  private final String service;
  private final Clock clock;
  private final boolean contentSha256Header;
  private final SignerCore general;

  /** Everything after the date line of the canonical request up to the payload hash. */
  private final byte[] afterDate;

  /** What follows the date in the scope line of the string to sign: {@code /<region>/...\n}. */
  private final byte[] scopeAfterDate;

  /** The {@code Authorization} value up to the signature, with a placeholder for the date. */
  private final byte[] authorizationStart;

  /** Where the date goes in {@link #authorizationStart}. */
  private final int authorizationDateAt;

  /** The canonical request starts of recent (host, path) pairs on the fast path. */
  private final TextCache targets = new TextCache(32);

  /**
   * The second of the latest signature. A plain field: a {@link Second} has only final fields, so a
   * thread that reads it while another replaces it sees a complete one, the old or the new.
   */
  private Second second;

  private XksRequestSigner(Builder builder) {
    this.credentials = builder.credentials;
    this.region = builder.region;
    this.service = builder.service;
    this.clock = builder.clock;
    this.contentSha256Header = builder.contentSha256Header;
    this.general = new SignerCore(credentials, region, service, contentSha256Header, true, true);

    AsciiBuffer tail = new AsciiBuffer(128).append((byte) '\n');
    String token = credentials.sessionTokenOrNull();
    if (token != null) {
      tail.appendAscii("x-amz-security-token:");
      Canonical.appendHeaderValue(tail, token);
      tail.append((byte) '\n');
    }
    tail.append((byte) '\n').appendAscii(signedHeaders()).append((byte) '\n');
    this.afterDate = Arrays.copyOf(tail.bytes, tail.length);

    String scopeAfterDate = '/' + region + '/' + service + '/' + SigV4.TERMINATOR;
    this.scopeAfterDate = (scopeAfterDate + '\n').getBytes(StandardCharsets.US_ASCII);
    String credentialStart = SigV4.ALGORITHM + " Credential=" + credentials.accessKeyId() + '/';
    this.authorizationDateAt = credentialStart.length();
    this.authorizationStart =
        (credentialStart
                + "yyyyMMdd"
                + scopeAfterDate
                + ", SignedHeaders="
                + signedHeaders()
                + ", Signature=")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** A builder; region and credentials are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs a {@code POST} of {@code body} to {@code https://host/path} at the current time of the
   * signer's clock.
   *
   * @param host the {@code Host} header value the request will carry: the proxy's host name, with
   *     {@code :port} when the port is not 443
   * @param path the request path as sent on the wire, without query, such as {@code
   *     /example/kms/xks/v1/keys/k1/encrypt}
   * @param body the exact body bytes that will be sent; read, not kept
   * @return the headers to add to the request
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the host is blank, or the path does not start with {@code
   *     /} or holds {@code ?} or {@code #}
   */
  public SignatureHeaders sign(String host, String path, byte[] body) {
    Objects.requireNonNull(host, "host must not be null");
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(body, "body must not be null");
    long now = Math.floorDiv(clock.millis(), 1000L);
    byte[] start = targets.get(host, path);
    if (start == null) {
      start = canonicalStart(host, path);
      if (start == null) {
        return signGenerally(host, path, body, now);
      }
      targets.put(host, path, start);
    }
    Crypto crypto = Crypto.local();
    Second time = second(now, crypto);

    crypto.sha256(body, 0, body.length);
    AsciiBuffer canonical = crypto.canonical.clear();
    canonical.ensure(start.length + time.dateToHash.length + 256);
    canonical.append(start);
    String contentSha256 = null;
    if (contentSha256Header) {
      canonical.append(CONTENT_SHA256_START).appendHex(crypto.digest, 0, 32);
      contentSha256 =
          new String(canonical.bytes, canonical.length - 64, 64, StandardCharsets.ISO_8859_1);
    }
    canonical.append(time.dateToHash).appendHex(crypto.digest, 0, 32);
    crypto.sha256(canonical.bytes, 0, canonical.length);

    AsciiBuffer stringToSign = crypto.stringToSign.clear();
    stringToSign.append(time.stringToSignStart).appendHex(crypto.digest, 0, 32);
    crypto.hmac(time.key, stringToSign.bytes, stringToSign.length);

    AsciiBuffer authorization = crypto.value.clear().append(authorizationStart);
    // The start holds a placeholder where the credential scope's date goes.
    System.arraycopy(
        time.stringToSignStart,
        Second.DATE_AT,
        authorization.bytes,
        authorizationDateAt,
        AmzDate.DATE_LENGTH);
    authorization.appendHex(crypto.digest, 0, 32);
    return new SignatureHeaders(
        authorization.toLatin1String(),
        time.amzDate,
        contentSha256,
        credentials.sessionTokenOrNull());
  }

  /**
   * The canonical request up to the host value, {@code POST\n<path>\n\nhost:<host>}, or null when
   * the path or host is not its own canonical form and the general algorithm must sign.
   */
  private static byte[] canonicalStart(String host, String path) {
    if (!Canonical.isPlainPath(path) || !isPlainHost(host)) {
      return null;
    }
    AsciiBuffer start = new AsciiBuffer(path.length() + host.length() + 16);
    start.append(POST_LINE).appendAscii(path).append(HOST_START).appendAscii(host);
    return Arrays.copyOf(start.bytes, start.length);
  }

  private static boolean isPlainHost(String host) {
    int length = host.length();
    if (length == 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = host.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private SignatureHeaders signGenerally(String host, String path, byte[] body, long now) {
    SigningRequest request =
        SigningRequest.builder().method("POST").host(host).path(path).body(body).build();
    return general.sign(request, now);
  }

  private Second second(long epochSecond, Crypto crypto) {
    Second current = second;
    if (current == null || current.epochSecond != epochSecond) {
      long epochDay = AmzDate.dayOf(epochSecond);
      byte[] stringToSignStart = Second.stringToSignStart(epochSecond, scopeAfterDate);
      SigningKey key =
          current != null && current.epochDay == epochDay
              ? current.key
              : general
                  .keys()
                  .get(credentials, epochDay, stringToSignStart, Second.DATE_AT, crypto);
      current = new Second(epochSecond, epochDay, key, stringToSignStart, afterDate);
      second = current;
    }
    return current;
  }

  private String signedHeaders() {
    return "host"
        + (contentSha256Header ? ";x-amz-content-sha256" : "")
        + ";x-amz-date"
        + (credentials.sessionTokenOrNull() != null ? ";x-amz-security-token" : "");
  }

  /** Lists region, service and access key id; never the secret. */
  @Override
  public String toString() {
    return "XksRequestSigner[region="
        + region
        + ", service="
        + service
        + ", accessKeyId="
        + credentials.accessKeyId()
        + "]";
  }

  /**
   * What stays the same for one second: the signing key of its day, the {@code X-Amz-Date} value
   * and the string to sign up to the canonical request hash, which holds the date as bytes.
   */
  private static final class Second {
    /** Where the {@code X-Amz-Date} value starts in {@link #stringToSignStart}. */
    static final int DATE_AT = SigV4.STRING_TO_SIGN_START.length;

    final long epochSecond;
    final long epochDay;
    final SigningKey key;
    final String amzDate;

    /** {@code "AWS4-HMAC-SHA256\n<X-Amz-Date>\n<scope>\n"}. */
    final byte[] stringToSignStart;

    /** The canonical request from the date line up to the payload hash. */
    final byte[] dateToHash;

    Second(
        long epochSecond,
        long epochDay,
        SigningKey key,
        byte[] stringToSignStart,
        byte[] afterDate) {
      this.epochSecond = epochSecond;
      this.epochDay = epochDay;
      this.key = key;
      this.stringToSignStart = stringToSignStart;
      this.amzDate =
          new String(stringToSignStart, DATE_AT, AmzDate.LENGTH, StandardCharsets.ISO_8859_1);
      this.dateToHash = new byte[DATE_START.length + AmzDate.LENGTH + afterDate.length];
      System.arraycopy(DATE_START, 0, dateToHash, 0, DATE_START.length);
      System.arraycopy(stringToSignStart, DATE_AT, dateToHash, DATE_START.length, AmzDate.LENGTH);
      System.arraycopy(
          afterDate, 0, dateToHash, DATE_START.length + AmzDate.LENGTH, afterDate.length);
    }

    /** {@code "AWS4-HMAC-SHA256\n<X-Amz-Date>\n<date>" + scopeAfterDate} for a second. */
    static byte[] stringToSignStart(long epochSecond, byte[] scopeAfterDate) {
      int scopeAt = DATE_AT + AmzDate.LENGTH + 1;
      byte[] start = new byte[scopeAt + AmzDate.DATE_LENGTH + scopeAfterDate.length];
      System.arraycopy(SigV4.STRING_TO_SIGN_START, 0, start, 0, DATE_AT);
      AmzDate.write(epochSecond, start, DATE_AT);
      start[scopeAt - 1] = '\n';
      System.arraycopy(start, DATE_AT, start, scopeAt, AmzDate.DATE_LENGTH);
      System.arraycopy(
          scopeAfterDate, 0, start, scopeAt + AmzDate.DATE_LENGTH, scopeAfterDate.length);
      return start;
    }
  }

  /** Builds an {@link XksRequestSigner}. Not thread-safe. */
  public static final class Builder {

    private String region;
    private String service = SigV4.XKS_SERVICE;
    private SigV4Credentials credentials;
    private Clock clock = Clock.systemUTC();
    private boolean contentSha256Header;

    private Builder() {}

    /**
     * The AWS Region of the KMS that calls the proxy, such as {@code us-east-1}.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder region(String region) {
      this.region = SigV4.checkScopePart("region", region);
      return this;
    }

    /**
     * The service of the credential scope; {@code kms-xks-proxy} by default, which is what XKS
     * proxies expect.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder service(String service) {
      this.service = SigV4.checkScopePart("service", service);
      return this;
    }

    /** The proxy authentication credentials to sign with. */
    public Builder credentials(SigV4Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
      return this;
    }

    /** The clock that gives the signing time; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Whether to send and sign {@code x-amz-content-sha256} with the hex SHA-256 of the body; false
     * by default, as KMS does not send it.
     */
    public Builder contentSha256Header(boolean send) {
      this.contentSha256Header = send;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws IllegalStateException if region or credentials are missing
     */
    public XksRequestSigner build() {
      if (region == null) {
        throw new IllegalStateException("region is required");
      }
      if (credentials == null) {
        throw new IllegalStateException("credentials is required");
      }
      return new XksRequestSigner(this);
    }
  }
}
