package dev.cks.xks;

import java.util.Objects;
import java.util.Optional;

/**
 * A Decrypt request: the parts an Encrypt answer returned, the same additional authenticated data,
 * and the external key id.
 *
 * <pre>{@code
 * XksDecryptRequest request = XksDecryptRequest.builder("key-1", metadata)
 *     .encrypted(encryptResponse)
 *     .additionalAuthenticatedData(aad)
 *     .build();
 * }</pre>
 *
 * <p>The builder does not check sizes: the proxy judges them, so that a caller can see how a proxy
 * answers bad input.
 */
public final class XksDecryptRequest {

  private final String externalKeyId;
  private final XksRequestMetadata metadata;
  private final byte[] ciphertext;
  private final byte[] initializationVector;
  private final byte[] authenticationTag;
  private final byte[] ciphertextMetadata;
  private final byte[] additionalAuthenticatedData;

  private XksDecryptRequest(Builder builder) {
    this.externalKeyId = builder.externalKeyId;
    this.metadata = builder.metadata;
    this.ciphertext = Objects.requireNonNull(builder.ciphertext, "ciphertext");
    this.initializationVector =
        Objects.requireNonNull(builder.initializationVector, "initializationVector");
    this.authenticationTag = Objects.requireNonNull(builder.authenticationTag, "authenticationTag");
    this.ciphertextMetadata = builder.ciphertextMetadata;
    this.additionalAuthenticatedData = builder.additionalAuthenticatedData;
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

  /** A copy of the ciphertext. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** A copy of the IV. */
  public byte[] initializationVector() {
    return initializationVector.clone();
  }

  /** A copy of the authentication tag. */
  public byte[] authenticationTag() {
    return authenticationTag.clone();
  }

  /** A copy of the ciphertext metadata, if any. */
  public Optional<byte[]> ciphertextMetadata() {
    return Optional.ofNullable(ciphertextMetadata).map(byte[]::clone);
  }

  /** A copy of the additional authenticated data, if any. */
  public Optional<byte[]> additionalAuthenticatedData() {
    return Optional.ofNullable(additionalAuthenticatedData).map(byte[]::clone);
  }

  @Override
  public String toString() {
    return "XksDecryptRequest[externalKeyId="
        + externalKeyId
        + ", ciphertext="
        + ciphertext.length
        + " bytes, "
        + metadata
        + "]";
  }

  /** Builds an {@link XksDecryptRequest}; ciphertext, IV and tag are required. */
  public static final class Builder {
    private final String externalKeyId;
    private final XksRequestMetadata metadata;
    private byte[] ciphertext;
    private byte[] initializationVector;
    private byte[] authenticationTag;
    private byte[] ciphertextMetadata;
    private byte[] additionalAuthenticatedData;

    private Builder(String externalKeyId, XksRequestMetadata metadata) {
      this.externalKeyId = Objects.requireNonNull(externalKeyId, "externalKeyId");
      this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /** Takes ciphertext, IV, tag and ciphertext metadata from an Encrypt answer. */
    public Builder encrypted(XksEncryptResponse response) {
      this.ciphertext = response.ciphertext();
      this.initializationVector = response.initializationVector();
      this.authenticationTag = response.authenticationTag();
      this.ciphertextMetadata = response.ciphertextMetadata().orElse(null);
      return this;
    }

    /** Sets the ciphertext; the array is copied. */
    public Builder ciphertext(byte[] ciphertext) {
      this.ciphertext = ciphertext.clone();
      return this;
    }

    /** Sets the IV; the array is copied. */
    public Builder initializationVector(byte[] initializationVector) {
      this.initializationVector = initializationVector.clone();
      return this;
    }

    /** Sets the tag; the array is copied. */
    public Builder authenticationTag(byte[] authenticationTag) {
      this.authenticationTag = authenticationTag.clone();
      return this;
    }

    /** Sets or clears the ciphertext metadata; the array is copied. */
    public Builder ciphertextMetadata(byte[] ciphertextMetadata) {
      this.ciphertextMetadata = ciphertextMetadata == null ? null : ciphertextMetadata.clone();
      return this;
    }

    /** Sets or clears the additional authenticated data; the array is copied. */
    public Builder additionalAuthenticatedData(byte[] aad) {
      this.additionalAuthenticatedData = aad == null ? null : aad.clone();
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException if ciphertext, IV or tag is missing
     */
    public XksDecryptRequest build() {
      return new XksDecryptRequest(this);
    }
  }
}
