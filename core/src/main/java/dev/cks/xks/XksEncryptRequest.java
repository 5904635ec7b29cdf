package dev.cks.xks;

import java.util.Objects;
import java.util.Optional;

/**
 * An Encrypt request: AES-GCM encryption of a plaintext under an external key.
 *
 * <pre>{@code
 * XksEncryptRequest request = XksEncryptRequest.builder("key-1", metadata)
 *     .plaintext(dataKey)
 *     .additionalAuthenticatedData(aad)
 *     .requestIntegrityValue(true)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} shows sizes, never the plaintext.
 */
public final class XksEncryptRequest {

  private final String externalKeyId;
  private final XksRequestMetadata metadata;
  private final byte[] plaintext;
  private final byte[] additionalAuthenticatedData;
  private final boolean requestIntegrityValue;

  private XksEncryptRequest(Builder builder) {
    this.externalKeyId = builder.externalKeyId;
    this.metadata = builder.metadata;
    this.plaintext = Objects.requireNonNull(builder.plaintext, "plaintext").clone();
    this.additionalAuthenticatedData =
        builder.additionalAuthenticatedData == null
            ? null
            : builder.additionalAuthenticatedData.clone();
    this.requestIntegrityValue = builder.requestIntegrityValue;
  }

  /** A builder for a request on the given external key with the given metadata. */
  public static Builder builder(String externalKeyId, XksRequestMetadata metadata) {
    return new Builder(externalKeyId, metadata);
  }

  /** The external key id. */
  public String externalKeyId() {
    return externalKeyId;
  }

  /** The request metadata. */
  public XksRequestMetadata metadata() {
    return metadata;
  }

  /** A copy of the plaintext. */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  /** A copy of the additional authenticated data, if any. */
  public Optional<byte[]> additionalAuthenticatedData() {
    return Optional.ofNullable(additionalAuthenticatedData).map(byte[]::clone);
  }

  /** Whether the request asks for the ciphertext data integrity value ({@code SHA_256}). */
  public boolean requestIntegrityValue() {
    return requestIntegrityValue;
  }

  @Override
  public String toString() {
    return "XksEncryptRequest[externalKeyId="
        + externalKeyId
        + ", plaintext="
        + plaintext.length
        + " bytes, aad="
        + (additionalAuthenticatedData == null ? "none" : additionalAuthenticatedData.length)
        + ", cdiv="
        + requestIntegrityValue
        + ", "
        + metadata
        + "]";
  }

  /** Builds an {@link XksEncryptRequest}; the plaintext is required. */
  public static final class Builder {
    private final String externalKeyId;
    private final XksRequestMetadata metadata;
    private byte[] plaintext;
    private byte[] additionalAuthenticatedData;
    private boolean requestIntegrityValue;

    private Builder(String externalKeyId, XksRequestMetadata metadata) {
      this.externalKeyId = Objects.requireNonNull(externalKeyId, "externalKeyId");
      this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /** Sets the plaintext; the array is copied. */
    public Builder plaintext(byte[] plaintext) {
      this.plaintext = plaintext.clone();
      return this;
    }

    /** Sets the additional authenticated data; the array is copied. */
    public Builder additionalAuthenticatedData(byte[] aad) {
      this.additionalAuthenticatedData = aad == null ? null : aad.clone();
      return this;
    }

    /** Asks the proxy for the ciphertext data integrity value, which the client then checks. */
    public Builder requestIntegrityValue(boolean requestIntegrityValue) {
      this.requestIntegrityValue = requestIntegrityValue;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException if no plaintext was set
     */
    public XksEncryptRequest build() {
      return new XksEncryptRequest(this);
    }
  }
}
