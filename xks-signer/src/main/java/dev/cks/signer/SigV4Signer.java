package dev.cks.signer;

import java.time.Clock;
import java.util.Objects;

/**
 * Signs any HTTP request with AWS Signature Version 4 in the {@code Authorization} header, for one
 * set of credentials, one region and one service.
 *
 * <p>Every header of the request is signed except {@code Connection}, {@code Expect}, {@code
 * Transfer-Encoding}, {@code User-Agent}, {@code X-Amzn-Trace-Id} and {@code X-Forwarded-For},
 * together with {@code host}, {@code x-amz-date}, and, when present, {@code x-amz-content-sha256}
 * and {@code x-amz-security-token}. The payload is always hashed. For XKS proxy requests prefer
 * {@link XksRequestSigner}, which gives the same signatures much faster.
 *
 * <pre>{@code
 * SigV4Signer signer = SigV4Signer.builder()
 *     .region("us-east-1")
 *     .service("kms-xks-proxy")
 *     .credentials(SigV4Credentials.of(accessKeyId, secret))
 *     .build();
 * SignatureHeaders headers = signer.sign(request);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Each keeps the signing key it derived for the current
 * UTC day, so only the first request of a day pays for the key derivation.
 *
 * <p>Limitation: presigned URLs (query-string authentication), unsigned and streaming ({@code
 * aws-chunked}) payloads and SigV4a are not supported.
 */
public final class SigV4Signer {

  private final SignerCore core;
  private final Clock clock;

  private SigV4Signer(Builder builder) {
    this.clock = builder.clock;
    this.core =
        new SignerCore(
            builder.credentials,
            builder.region,
            builder.service,
            builder.contentSha256Header,
            builder.normalizePath,
            builder.encodePath);
  }

  /** A builder; region, service and credentials are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs a request at the current time of the signer's clock.
   *
   * @return the headers to add to the request
   * @throws IllegalArgumentException if the clock's time lies outside the years 0000 to 9999
   */
  public SignatureHeaders sign(SigningRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    return core.sign(request, Math.floorDiv(clock.millis(), 1000L));
  }

  /** Builds a {@link SigV4Signer}. Not thread-safe. */
  public static final class Builder {

    private String region;
    private String service;
    private SigV4Credentials credentials;
    private Clock clock = Clock.systemUTC();
    private boolean contentSha256Header;
    private boolean normalizePath = true;
    private boolean encodePath = true;

    private Builder() {}

    /**
     * The region of the credential scope, such as {@code us-east-1}.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder region(String region) {
      this.region = SigV4.checkScopePart("region", region);
      return this;
    }

    /**
     * The service of the credential scope, such as {@code kms-xks-proxy}.
     *
     * @throws IllegalArgumentException unless lower-case letters, digits and hyphens
     */
    public Builder service(String service) {
      this.service = SigV4.checkScopePart("service", service);
      return this;
    }

    /** The credentials to sign with. */
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
     * Whether to send and sign {@code x-amz-content-sha256} with the hex SHA-256 of the body, as S3
     * requires; false by default.
     */
    public Builder contentSha256Header(boolean send) {
      this.contentSha256Header = send;
      return this;
    }

    /**
     * Whether to normalize the path for the canonical request, removing empty, {@code .} and {@code
     * ..} segments; true by default, false for S3.
     */
    public Builder normalizePath(boolean normalize) {
      this.normalizePath = normalize;
      return this;
    }

    /**
     * Whether to URI-encode the path once more for the canonical request, slashes excepted; true by
     * default, false for S3.
     */
    public Builder encodePath(boolean encode) {
      this.encodePath = encode;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws IllegalStateException if region, service or credentials are missing
     */
    public SigV4Signer build() {
      requireSet("region", region);
      requireSet("service", service);
      requireSet("credentials", credentials);
      return new SigV4Signer(this);
    }

    private static void requireSet(String member, Object value) {
      if (value == null) {
        throw new IllegalStateException(member + " is required");
      }
    }
  }
}
