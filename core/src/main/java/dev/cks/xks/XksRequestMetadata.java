package dev.cks.xks;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code requestMetadata} object that KMS puts in every request to an XKS proxy: who called,
 * through which KMS operation, with which request id.
 *
 * <p>Which fields a proxy requires depends on the operation: GetHealthStatus needs {@code
 * kmsOperation} and {@code kmsRequestId}; GetKeyMetadata also {@code awsPrincipalArn}; Encrypt and
 * Decrypt also {@code kmsKeyArn}. The client sends what is set and leaves the proxy to judge.
 *
 * <pre>{@code
 * XksRequestMetadata metadata = XksRequestMetadata.builder()
 *     .kmsOperation("Encrypt")
 *     .awsPrincipalArn("arn:aws:iam::111122223333:user/alice")
 *     .kmsKeyArn("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
 *     .build();
 * }</pre>
 */
public final class XksRequestMetadata {

  private final String kmsRequestId;
  private final String kmsOperation;
  private final String awsPrincipalArn;
  private final String kmsKeyArn;
  private final String awsSourceVpc;
  private final String awsSourceVpce;
  private final String kmsViaService;

  private XksRequestMetadata(Builder builder) {
    this.kmsRequestId = builder.kmsRequestId;
    this.kmsOperation = builder.kmsOperation;
    this.awsPrincipalArn = builder.awsPrincipalArn;
    this.kmsKeyArn = builder.kmsKeyArn;
    this.awsSourceVpc = builder.awsSourceVpc;
    this.awsSourceVpce = builder.awsSourceVpce;
    this.kmsViaService = builder.kmsViaService;
  }

  /** A builder; the request id defaults to a fresh random UUID. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Metadata for a health check as KMS sends it: the given {@code kmsOperation} (such as {@code
   * KmsHealthCheck}) and a fresh request id.
   */
  public static XksRequestMetadata forHealthCheck(String kmsOperation) {
    return builder().kmsOperation(kmsOperation).build();
  }

  /** The request id, an opaque string (usually a UUID) that both sides log. */
  public String kmsRequestId() {
    return kmsRequestId;
  }

  /** The KMS API operation that led to the call, such as {@code GenerateDataKey}. */
  public Optional<String> kmsOperation() {
    return Optional.ofNullable(kmsOperation);
  }

  /** The ARN of the caller of KMS, a service principal, or {@code AWS Internal}. */
  public Optional<String> awsPrincipalArn() {
    return Optional.ofNullable(awsPrincipalArn);
  }

  /** The ARN of the KMS key. */
  public Optional<String> kmsKeyArn() {
    return Optional.ofNullable(kmsKeyArn);
  }

  /** The VPC the call came from, when it came through a VPC endpoint. */
  public Optional<String> awsSourceVpc() {
    return Optional.ofNullable(awsSourceVpc);
  }

  /** The VPC endpoint the call came through. */
  public Optional<String> awsSourceVpce() {
    return Optional.ofNullable(awsSourceVpce);
  }

  /** The AWS service that called KMS for the caller, such as {@code ebs}. */
  public Optional<String> kmsViaService() {
    return Optional.ofNullable(kmsViaService);
  }

  @Override
  public String toString() {
    return "XksRequestMetadata[kmsRequestId="
        + kmsRequestId
        + ", kmsOperation="
        + kmsOperation
        + ", awsPrincipalArn="
        + awsPrincipalArn
        + ", kmsKeyArn="
        + kmsKeyArn
        + "]";
  }

  /** Builds {@link XksRequestMetadata}; every field but the request id is optional. */
  public static final class Builder {
    private String kmsRequestId = UUID.randomUUID().toString();
    private String kmsOperation;
    private String awsPrincipalArn;
    private String kmsKeyArn;
    private String awsSourceVpc;
    private String awsSourceVpce;
    private String kmsViaService;

    private Builder() {}

    /** Sets the request id; by default a fresh random UUID. */
    public Builder kmsRequestId(String kmsRequestId) {
      this.kmsRequestId = Objects.requireNonNull(kmsRequestId, "kmsRequestId");
      return this;
    }

    /** Sets the KMS operation. */
    public Builder kmsOperation(String kmsOperation) {
      this.kmsOperation = kmsOperation;
      return this;
    }

    /** Sets the caller's ARN. */
    public Builder awsPrincipalArn(String awsPrincipalArn) {
      this.awsPrincipalArn = awsPrincipalArn;
      return this;
    }

    /** Sets the KMS key ARN. */
    public Builder kmsKeyArn(String kmsKeyArn) {
      this.kmsKeyArn = kmsKeyArn;
      return this;
    }

    /** Sets the source VPC. */
    public Builder awsSourceVpc(String awsSourceVpc) {
      this.awsSourceVpc = awsSourceVpc;
      return this;
    }

    /** Sets the source VPC endpoint. */
    public Builder awsSourceVpce(String awsSourceVpce) {
      this.awsSourceVpce = awsSourceVpce;
      return this;
    }

    /** Sets the AWS service that called KMS. */
    public Builder kmsViaService(String kmsViaService) {
      this.kmsViaService = kmsViaService;
      return this;
    }

    /** Builds the metadata. */
    public XksRequestMetadata build() {
      return new XksRequestMetadata(this);
    }
  }
}
