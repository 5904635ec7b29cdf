package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies SigV4 {@code Authorization} headers of received requests, as an XKS proxy must.
 *
 * <p>The verifier reads the access key id from the header, finds its credentials through a
 * caller-supplied {@link CredentialLookup}, and recomputes the signature over exactly the headers
 * the request's own {@code SignedHeaders} lists: KMS signs {@code host;x-amz-date}, curl adds
 * {@code content-type}, and both verify. It checks that the credential scope names the request's
 * date, the verifier's region and service and {@code aws4_request}, that the request time is within
 * the allowed clock skew (5 minutes by default) of the verifier's clock, and compares signatures in
 * constant time. Every request must sign {@code host} and {@code x-amz-date}. The payload is always
 * part of the signature: the canonical request carries the SHA-256 of the body received, and a
 * signed {@code x-amz-content-sha256} must hold that same hash.
 *
 * <pre>{@code
 * SigV4Verifier verifier = SigV4Verifier.builder()
 *     .region("us-east-1")
 *     .credentials(lookup)
 *     .build();
 * VerificationResult result = verifier.verify(
 *     "POST", exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
 *     exchange.getRequestHeaders()::get, body);
 * if (!result.accepted()) {
 *   // answer 401 or 403 with result.message()
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe. Each keeps up to a bounded number of derived signing keys, one per
 * (credentials, UTC date), so that only the first request of a credential on a day pays for the key
 * derivation, and small bounded caches of parsed {@code Authorization} values (matched on their
 * whole text up to the signature, each with the last request time seen with it), of canonical
 * method and path lines and of canonical header lines.
 *
 * <p>Limitation: only header authentication is verified: presigned URLs, unsigned and streaming
 * payloads, SigV4a and the {@code Date} header in place of {@code X-Amz-Date} are rejected.
 */
public final class SigV4Verifier {

  private static final String AUTHORIZATION = "authorization";
  private static final String X_AMZ_DATE = "x-amz-date";
  private static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
  private static final String[] KNOWN_NAMES = {
    "host",
    X_AMZ_DATE,
    "content-type",
    X_AMZ_CONTENT_SHA256,
    "content-length",
    "x-amz-security-token",
    "x-amz-target"
  };
  private static final String CREDENTIAL = "Credential=";
  private static final int CREDENTIAL_AT = SigV4.ALGORITHM.length() + 1 + CREDENTIAL.length();
  private static final String SIGNED_HEADERS = "SignedHeaders=";
  private static final String SIGNATURE = "Signature=";

  private final String region;
  private final String service;
  private final CredentialLookup credentials;
  private final Clock clock;
  private final long maxSkewSeconds;
  private final Duration maxSkew;
  private final SigningKeyCache keys;

  /** Parsed {@code Authorization} values up to the signature, by the text they were read from. */
  private final Parsed[] parsedCache = new Parsed[64];

  /** The method and canonical URI lines of recent (method, path) pairs. */
  private final TextCache requestLines = new TextCache(64);

  /** Canonical lines of recent signed headers that repeat between requests, such as host. */
  private final TextCache headerLines = new TextCache(64);

  private SigV4Verifier(Builder builder) {
    this.region = builder.region;
    this.service = builder.service;
    this.credentials = builder.credentials;
    this.clock = builder.clock;
    this.maxSkew = builder.maxClockSkew;
    this.maxSkewSeconds = builder.maxClockSkew.getSeconds();
    this.keys = new SigningKeyCache(builder.keyCacheCapacity, region, service);
  }

  /** A builder; region and credentials are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a received request.
   *
   * @param method the HTTP method, such as {@code POST}
   * @param path the raw (still percent-encoded) path as received, such as {@code
   *     /example/kms/xks/v1/keys/k1/encrypt}
   * @param rawQuery the raw query as received, without {@code ?}; null or empty for none
   * @param headers the request headers
   * @param body the exact body bytes received
   * @return the outcome; never null, never thrown
   * @throws NullPointerException if method, path, headers or body is null
   */
  public VerificationResult verify(
      String method, String path, String rawQuery, HeaderSource headers, byte[] body) {
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(path, "path must not be null");
    Objects.requireNonNull(headers, "headers must not be null");
    Objects.requireNonNull(body, "body must not be null");

    if (!path.isEmpty() && path.charAt(0) != '/') {
      return reject(
          VerificationOutcome.MALFORMED_PATH, null, "path must start with /, was \"" + path + "\"");
    }
    List<String> authorizations = headers.values(AUTHORIZATION);
    if (authorizations == null || authorizations.isEmpty()) {
      return reject(VerificationOutcome.MISSING_AUTHORIZATION, null, "Authorization is missing");
    }
    if (authorizations.size() > 1) {
      return reject(
          VerificationOutcome.MALFORMED_AUTHORIZATION, null, "Authorization is given twice");
    }
    String text = authorizations.get(0);
    // One bulk copy lets the checks below compare and decode bytes instead of chars.
    byte[] textBytes = text.getBytes(StandardCharsets.ISO_8859_1);
    Parsed parsed = parsed(text, textBytes);
    if (parsed.error != null) {
      return reject(VerificationOutcome.MALFORMED_AUTHORIZATION, null, parsed.error);
    }
    String accessKeyId = parsed.accessKeyId;
    if (parsed.scopeProblem != null) {
      return reject(VerificationOutcome.SCOPE_MISMATCH, accessKeyId, parsed.scopeProblem);
    }
    if (!hasHexSignature(textBytes, parsed.signatureStart)) {
      return reject(
          VerificationOutcome.MALFORMED_AUTHORIZATION,
          null,
          "Signature must be 64 lower-case hex digits");
    }

    List<String> dates = headers.values(X_AMZ_DATE);
    if (dates == null || dates.isEmpty()) {
      return reject(VerificationOutcome.MISSING_DATE, accessKeyId, "X-Amz-Date is missing");
    }
    String amzDate = dates.get(0);
    Dated dated = parsed.dated;
    if (dated == null || dates.size() != 1 || !amzDate.equals(dated.amzDate)) {
      long requestTime = dates.size() == 1 ? AmzDate.parse(amzDate) : AmzDate.MALFORMED;
      if (requestTime == AmzDate.MALFORMED) {
        return reject(
            VerificationOutcome.MALFORMED_DATE,
            accessKeyId,
            "X-Amz-Date must be one time in the form yyyyMMdd'T'HHmmss'Z', was " + dates);
      }
      if (!amzDate.regionMatches(0, parsed.scopeDate, 0, AmzDate.DATE_LENGTH)) {
        return reject(
            VerificationOutcome.SCOPE_MISMATCH,
            accessKeyId,
            "credential scope date "
                + parsed.scopeDate
                + " is not the date of X-Amz-Date "
                + amzDate);
      }
      dated = new Dated(amzDate, requestTime, parsed.scopeLines);
      parsed.dated = dated;
    }
    long now = Math.floorDiv(clock.millis(), 1000L);
    if (dated.epochSecond < now - maxSkewSeconds) {
      return reject(
          VerificationOutcome.STALE,
          accessKeyId,
          "X-Amz-Date " + amzDate + " is more than " + maxSkew + " before the verifier's time");
    }
    if (dated.epochSecond > now + maxSkewSeconds) {
      return reject(
          VerificationOutcome.FUTURE,
          accessKeyId,
          "X-Amz-Date " + amzDate + " is more than " + maxSkew + " after the verifier's time");
    }

    Optional<SigV4Credentials> found = credentials.find(accessKeyId);
    if (found.isEmpty()) {
      return reject(
          VerificationOutcome.UNKNOWN_ACCESS_KEY_ID,
          accessKeyId,
          "no credentials are known for access key id " + accessKeyId);
    }
    return checkSignature(
        Crypto.local(),
        textBytes,
        method,
        path,
        rawQuery,
        headers,
        body,
        parsed,
        dated,
        found.get());
  }

  /**
   * The parsed form of an {@code Authorization} value, from the cache when the same text up to the
   * signature was seen before. Only prefixes of printable ASCII other than {@code ?} are cached, so
   * that a match of the Latin-1 bytes, where any other char would be {@code ?}, is a match of the
   * text.
   */
  private Parsed parsed(String text, byte[] textBytes) {
    int prefixLength = textBytes.length - 64;
    int slot = prefixLength > 0 ? parsedSlot(textBytes, prefixLength) : 0;
    Parsed cached = prefixLength > 0 ? parsedCache[slot] : null;
    if (cached != null
        && cached.prefixBytes.length == prefixLength
        && Arrays.equals(textBytes, 0, prefixLength, cached.prefixBytes, 0, prefixLength)) {
      return cached;
    }
    Parsed parsed = Parsed.of(Authorization.parse(text), region, service);
    if (parsed.cacheable && parsed.signatureStart == prefixLength) {
      parsedCache[slot] = parsed;
    }
    return parsed;
  }

  private int parsedSlot(byte[] text, int length) {
    // The access key id starts at a fixed place; its first bytes and the length pick the slot.
    int h = length;
    for (int i = CREDENTIAL_AT; i < Math.min(length, CREDENTIAL_AT + 6); i++) {
      h = h * 31 + text[i];
    }
    h = h * 31 + text[length - 2];
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 15;
    return h & (parsedCache.length - 1);
  }

  private static boolean hasHexSignature(byte[] text, int start) {
    return start >= 0 && text.length - start == 64 && Hex.isLowerHex64(text, start);
  }

  private VerificationResult checkSignature(
      Crypto crypto,
      byte[] authorization,
      String method,
      String path,
      String rawQuery,
      HeaderSource headers,
      byte[] body,
      Parsed parsed,
      Dated dated,
      SigV4Credentials found) {
    String accessKeyId = parsed.accessKeyId;
    crypto.sha256(body, 0, body.length);
    AsciiBuffer canonical = crypto.canonical.clear();
    canonical.append(requestLines(method, path));
    if (rawQuery != null && !rawQuery.isEmpty()) {
      Canonical.appendQuery(canonical, Canonical.parseQuery(rawQuery));
    }
    canonical.append((byte) '\n');
    for (int h = 0; h < parsed.names.length; h++) {
      String name = parsed.names[h];
      // Well-known names are this class's constants, so identity tells them apart cheaply. The
      // date was read and checked already: one value, in its canonical form.
      if (name == X_AMZ_DATE) {
        canonical.append(dated.dateLine);
        continue;
      }
      List<String> values = headers.values(name);
      if (values == null || values.isEmpty()) {
        return reject(
            VerificationOutcome.MISSING_SIGNED_HEADER,
            accessKeyId,
            "signed header " + name + " is missing");
      }
      if (name == X_AMZ_CONTENT_SHA256
          && (values.size() > 1 || !isHexOf(values.get(0), crypto.digest))) {
        return reject(
            VerificationOutcome.PAYLOAD_HASH_MISMATCH,
            accessKeyId,
            "x-amz-content-sha256 does not hold the SHA-256 of the body");
      }
      if (values.size() == 1) {
        appendHeaderLine(canonical, name, parsed.nameLines[h], values.get(0));
      } else {
        canonical.append(parsed.nameLines[h]);
        for (int v = 0; v < values.size(); v++) {
          if (v > 0) {
            canonical.append((byte) ',');
          }
          Canonical.appendHeaderValue(canonical, values.get(v));
        }
        canonical.append((byte) '\n');
      }
    }
    canonical.append(parsed.signedHeadersLines).appendHex(crypto.digest, 0, 32);
    crypto.sha256(canonical.bytes, 0, canonical.length);

    AsciiBuffer stringToSign = crypto.stringToSign.clear();
    stringToSign.append(dated.stringToSignStart).appendHex(crypto.digest, 0, 32);
    SigningKey key =
        keys.get(found, dated.epochDay, dated.stringToSignStart, Dated.DATE_AT, crypto);
    crypto.hmac(key, stringToSign.bytes, stringToSign.length);

    if (!Hex.matchesLower64(crypto.digest, authorization, parsed.signatureStart)) {
      return reject(
          VerificationOutcome.SIGNATURE_MISMATCH, accessKeyId, "signature does not match");
    }
    return parsed.accepted;
  }

  /**
   * The first two lines of the canonical request, {@code "<method>\n<canonical URI>\n"}, kept for
   * the few method and path pairs a proxy meets over and over.
   */
  private byte[] requestLines(String method, String path) {
    byte[] lines = requestLines.get(method, path);
    if (lines == null) {
      AsciiBuffer encoded = new AsciiBuffer(3 * method.length() + path.length() + 16);
      encoded.appendUtf8(method, 0, method.length()).append((byte) '\n');
      Canonical.appendUri(encoded, path, true, true);
      encoded.append((byte) '\n');
      lines = Arrays.copyOf(encoded.bytes, encoded.length);
      requestLines.put(method, path, lines);
    }
    return lines;
  }

  /**
   * Appends the canonical line {@code "<name>:<value>\n"} of a header with one value. Values of
   * headers other than the payload hash tend to repeat from request to request, such as the host,
   * so their lines are kept.
   */
  private void appendHeaderLine(AsciiBuffer canonical, String name, byte[] nameLine, String value) {
    if (name == X_AMZ_CONTENT_SHA256 || value.length() > 256) {
      canonical.append(nameLine);
      Canonical.appendHeaderValue(canonical, value);
      canonical.append((byte) '\n');
      return;
    }
    byte[] line = headerLines.get(name, value);
    if (line == null) {
      AsciiBuffer folded = new AsciiBuffer(nameLine.length + value.length() + 8);
      folded.append(nameLine);
      Canonical.appendHeaderValue(folded, value);
      folded.append((byte) '\n');
      line = Arrays.copyOf(folded.bytes, folded.length);
      headerLines.put(name, value, line);
    }
    canonical.append(line);
  }

  private static String headerName(String text, int start, int end) {
    int length = end - start;
    for (String known : KNOWN_NAMES) {
      if (known.length() == length && text.regionMatches(start, known, 0, length)) {
        return known;
      }
    }
    return text.substring(start, end);
  }

  private static boolean isHexOf(String hex, byte[] digest) {
    if (hex.length() != 64) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < 32; i++) {
      int high = Character.digit(hex.charAt(2 * i), 16);
      int low = Character.digit(hex.charAt(2 * i + 1), 16);
      if (high < 0
          || low < 0
          || Character.isUpperCase(hex.charAt(2 * i))
          || Character.isUpperCase(hex.charAt(2 * i + 1))) {
        return false;
      }
      difference |= (high << 4 | low) ^ (digest[i] & 0xff);
    }
    return difference == 0;
  }

  private static VerificationResult reject(
      VerificationOutcome outcome, String accessKeyId, String message) {
    return new VerificationResult(outcome, accessKeyId, message);
  }

  /** Lists region, service and allowed skew. */
  @Override
  public String toString() {
    return "SigV4Verifier[region="
        + region
        + ", service="
        + service
        + ", maxClockSkew="
        + maxSkew
        + "]";
  }

  /** Builds a {@link SigV4Verifier}. Not thread-safe. */
  public static final class Builder {

    private String region;
    private String service = SigV4.XKS_SERVICE;
    private CredentialLookup credentials;
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private int keyCacheCapacity = 64;

    private Builder() {}

    /**
     * The region requests must be signed for, such as {@code us-east-1}.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder region(String region) {
      this.region = SigV4.checkScopePart("region", region);
      return this;
    }

    /**
     * The service requests must be signed for; {@code kms-xks-proxy} by default.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder service(String service) {
      this.service = SigV4.checkScopePart("service", service);
      return this;
    }

    /** Where the verifier finds the credentials of an access key id. */
    public Builder credentials(CredentialLookup credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
      return this;
    }

    /** The clock request times are compared with; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * How far a request time may lie before or after the verifier's clock; 5 minutes by default.
     *
     * @throws IllegalArgumentException if negative or longer than one day
     */
    public Builder maxClockSkew(Duration maxClockSkew) {
      Objects.requireNonNull(maxClockSkew, "maxClockSkew must not be null");
      if (maxClockSkew.isNegative() || maxClockSkew.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException(
            "maxClockSkew must be between 0 and 1 day, was " + maxClockSkew);
      }
      this.maxClockSkew = maxClockSkew;
      return this;
    }

    /**
     * How many derived signing keys the verifier keeps, one per (credentials, UTC date); 64 by
     * default, rounded up to a power of two.
     *
     * @throws IllegalArgumentException if below 1 or above 65536
     */
    public Builder keyCacheCapacity(int capacity) {
      if (capacity < 1 || capacity > 65_536) {
        throw new IllegalArgumentException(
            "keyCacheCapacity must be between 1 and 65536, was " + capacity);
      }
      this.keyCacheCapacity = capacity;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if region or credentials are missing
     */
    public SigV4Verifier build() {
      if (region == null) {
        throw new IllegalStateException("region is required");
      }
      if (credentials == null) {
        throw new IllegalStateException("credentials is required");
      }
      return new SigV4Verifier(this);
    }
  }

  /**
   * What a verifier needs from an {@code Authorization} value besides the signature, in ready-made
   * pieces. Immutable but for the last date seen, an immutable value itself, so that it can be
   * cached and shared between threads.
   */
  private static final class Parsed {
    /** The text up to the signature as Latin-1 bytes, which a cached value must match exactly. */
    final byte[] prefixBytes;

    /** Whether the prefix is printable ASCII without {@code ?}, so that it may be cached. */
    final boolean cacheable;

    final String error;
    final String scopeProblem;
    final String accessKeyId;
    final String scopeDate;
    final int signatureStart;

    /** Signed header names, the well-known ones as the constants of this class. */
    final String[] names;

    /** {@code "<name>:"} for each signed header. */
    final byte[][] nameLines;

    /** {@code "\n<signed headers>\n"}, which follows the canonical headers. */
    final byte[] signedHeadersLines;

    /** {@code "\n<scope>\n"}, which follows the date in the string to sign. */
    final byte[] scopeLines;

    /** The result of a request with this header whose signature matches; immutable, so shared. */
    final VerificationResult accepted;

    /**
     * The last request date that passed the checks with this header; replaced as time goes on. A
     * plain field: a {@link Dated} has only final fields, so a thread that reads it while another
     * replaces it sees a complete one, the old or the new.
     */
    Dated dated;

    private Parsed(Authorization a, String error, String scopeProblem) {
      this.error = error;
      this.scopeProblem = scopeProblem;
      boolean complete = error == null;
      String prefix = complete ? a.text.substring(0, a.signatureStart) : "";
      this.prefixBytes = prefix.getBytes(StandardCharsets.ISO_8859_1);
      this.cacheable = complete && prefix.chars().allMatch(c -> c >= ' ' && c < 0x7f && c != '?');
      this.accessKeyId = complete ? a.accessKeyId() : null;
      this.accepted =
          new VerificationResult(VerificationOutcome.ACCEPTED, accessKeyId, "signature is valid");
      this.scopeDate = complete ? a.scopeDate() : null;
      this.signatureStart = complete ? a.signatureStart : -1;
      List<String> names = new java.util.ArrayList<>();
      if (complete) {
        for (String name : a.text.substring(a.signedHeadersStart, a.signedHeadersEnd).split(";")) {
          names.add(headerName(name, 0, name.length()));
        }
      }
      this.names = names.toArray(new String[0]);
      this.nameLines = new byte[this.names.length][];
      for (int i = 0; i < this.names.length; i++) {
        this.nameLines[i] = (this.names[i] + ":").getBytes(StandardCharsets.US_ASCII);
      }
      this.signedHeadersLines =
          complete
              ? ("\n" + a.text.substring(a.signedHeadersStart, a.signedHeadersEnd) + "\n")
                  .getBytes(StandardCharsets.US_ASCII)
              : null;
      this.scopeLines =
          complete
              ? ("\n" + a.text.substring(a.scopeStart, a.credentialEnd) + "\n")
                  .getBytes(StandardCharsets.UTF_8)
              : null;
    }

    static Parsed of(Authorization a, String region, String service) {
      if (a.error != null) {
        return new Parsed(a, a.error, null);
      }
      String scopeProblem = null;
      if (!a.scopeRegionIs(region)) {
        scopeProblem = "credential scope region must be " + region + ", was " + a.scopeRegion();
      } else if (!a.scopeServiceIs(service)) {
        scopeProblem = "credential scope service must be " + service + ", was " + a.scopeService();
      } else if (!a.scopeTerminatorIs(SigV4.TERMINATOR)) {
        scopeProblem = "credential scope must end with aws4_request, was " + a.scopeTerminator();
      }
      return new Parsed(a, null, scopeProblem);
    }
  }

  /**
   * An {@code X-Amz-Date} value that passed the checks against one {@link Parsed} header, with what
   * follows from it. Requests of the same second with the same header share it.
   */
  private static final class Dated {
    /** Where the date starts in {@link #stringToSignStart}. */
    static final int DATE_AT = SigV4.STRING_TO_SIGN_START.length;

    final String amzDate;
    final long epochSecond;
    final long epochDay;

    /** {@code "AWS4-HMAC-SHA256\n<date>\n<scope>\n"}, the string to sign up to the hash. */
    final byte[] stringToSignStart;

    /** {@code "x-amz-date:<date>\n"}, the date's line in the canonical request. */
    final byte[] dateLine;

    Dated(String amzDate, long epochSecond, byte[] scopeLines) {
      this.amzDate = amzDate;
      this.epochSecond = epochSecond;
      this.epochDay = AmzDate.dayOf(epochSecond);
      this.stringToSignStart = new byte[DATE_AT + AmzDate.LENGTH + scopeLines.length];
      System.arraycopy(SigV4.STRING_TO_SIGN_START, 0, stringToSignStart, 0, DATE_AT);
      for (int i = 0; i < AmzDate.LENGTH; i++) {
        stringToSignStart[DATE_AT + i] = (byte) amzDate.charAt(i);
      }
      System.arraycopy(
          scopeLines, 0, stringToSignStart, DATE_AT + AmzDate.LENGTH, scopeLines.length);
      this.dateLine = (X_AMZ_DATE + ':' + amzDate + '\n').getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** The parts of an {@code Authorization} header, as index ranges into its text. */
  private static final class Authorization {
    final String text;
    String error;
    int credentialStart;
    int scopeStart;
    int regionStart;
    int serviceStart;
    int terminatorStart;
    int credentialEnd;
    int signedHeadersStart;
    int signedHeadersEnd;
    int signatureStart;
    private String accessKeyId;

    private Authorization(String text) {
      this.text = text;
    }

    static Authorization parse(String text) {
      Authorization a = new Authorization(text);
      a.error = a.parse();
      return a;
    }

    private String parse() {
      if (!text.startsWith(SigV4.ALGORITHM + " ")) {
        return "Authorization must start with AWS4-HMAC-SHA256 and a space";
      }
      int at = skipSpaces(SigV4.ALGORITHM.length());
      if (!text.startsWith(CREDENTIAL, at)) {
        return "Authorization must give Credential= first";
      }
      credentialStart = at + CREDENTIAL.length();
      credentialEnd = text.indexOf(',', credentialStart);
      if (credentialEnd < 0) {
        return "Authorization must separate its parts with commas";
      }
      terminatorStart = text.lastIndexOf('/', credentialEnd - 1) + 1;
      serviceStart = text.lastIndexOf('/', terminatorStart - 2) + 1;
      regionStart = text.lastIndexOf('/', serviceStart - 2) + 1;
      scopeStart = text.lastIndexOf('/', regionStart - 2) + 1;
      if (scopeStart <= credentialStart + 1 || regionStart - scopeStart != 9) {
        return "Credential must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request";
      }
      at = skipSpaces(credentialEnd + 1);
      if (!text.startsWith(SIGNED_HEADERS, at)) {
        return "Authorization must give SignedHeaders= second";
      }
      signedHeadersStart = at + SIGNED_HEADERS.length();
      signedHeadersEnd = text.indexOf(',', signedHeadersStart);
      if (signedHeadersEnd < 0) {
        return "Authorization must separate its parts with commas";
      }
      String headersProblem = checkSignedHeaders();
      if (headersProblem != null) {
        return headersProblem;
      }
      at = skipSpaces(signedHeadersEnd + 1);
      if (!text.startsWith(SIGNATURE, at)) {
        return "Authorization must give Signature= third";
      }
      signatureStart = at + SIGNATURE.length();
      if (text.length() - signatureStart != 64) {
        return "Signature must be 64 lower-case hex digits";
      }
      return null;
    }

    private String checkSignedHeaders() {
      boolean host = false;
      boolean date = false;
      int previousStart = -1;
      int previousEnd = -1;
      int start = signedHeadersStart;
      while (start <= signedHeadersEnd) {
        int end = text.indexOf(';', start);
        end = end < 0 || end > signedHeadersEnd ? signedHeadersEnd : end;
        if (end == start || !isLowerToken(start, end)) {
          return "SignedHeaders must be lower-case header names separated by ;";
        }
        if (previousStart >= 0 && compare(previousStart, previousEnd, start, end) >= 0) {
          return "SignedHeaders must be sorted and without repeats";
        }
        host |= end - start == 4 && text.startsWith("host", start);
        date |= end - start == 10 && text.startsWith(X_AMZ_DATE, start);
        previousStart = start;
        previousEnd = end;
        start = end + 1;
      }
      return host && date ? null : "SignedHeaders must include host and x-amz-date";
    }

    private int compare(int aStart, int aEnd, int bStart, int bEnd) {
      int length = Math.min(aEnd - aStart, bEnd - bStart);
      for (int i = 0; i < length; i++) {
        int d = text.charAt(aStart + i) - text.charAt(bStart + i);
        if (d != 0) {
          return d;
        }
      }
      return (aEnd - aStart) - (bEnd - bStart);
    }

    private boolean isLowerToken(int start, int end) {
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c <= ' '
            || c >= 0x7f
            || c >= 'A' && c <= 'Z'
            || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
          return false;
        }
      }
      return true;
    }

    private int skipSpaces(int at) {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
      return at;
    }

    String accessKeyId() {
      if (accessKeyId == null) {
        accessKeyId = text.substring(credentialStart, scopeStart - 1);
      }
      return accessKeyId;
    }

    boolean scopeRegionIs(String region) {
      return serviceStart - 1 - regionStart == region.length()
          && text.regionMatches(regionStart, region, 0, region.length());
    }

    boolean scopeServiceIs(String service) {
      return terminatorStart - 1 - serviceStart == service.length()
          && text.regionMatches(serviceStart, service, 0, service.length());
    }

    boolean scopeTerminatorIs(String terminator) {
      return credentialEnd - terminatorStart == terminator.length()
          && text.regionMatches(terminatorStart, terminator, 0, terminator.length());
    }

    String scopeDate() {
      return text.substring(scopeStart, regionStart - 1);
    }

    String scopeRegion() {
      return text.substring(regionStart, serviceStart - 1);
    }

    String scopeService() {
      return text.substring(serviceStart, terminatorStart - 1);
    }

    String scopeTerminator() {
      return text.substring(terminatorStart, credentialEnd);
    }
  }
}
