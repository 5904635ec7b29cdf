package dev.cks.local;

import dev.cks.XksProxyCredential;
import dev.cks.signer.CredentialLookup;
import dev.cks.signer.SigV4Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One logical key store of a {@link LocalXksProxy}: a URI path, the credentials that may sign
 * requests to it, and the key source behind it. Credentials may be added and removed while the
 * proxy runs, so that a credential can be rotated: add the new one, update KMS, remove the old.
 *
 * <pre>{@code
 * ProxyKeyStore store = ProxyKeyStore.builder("/keystores/a/kms/xks/v1", keys)
 *     .credential(credential)
 *     .build();
 * }</pre>
 *
 * <p>It is thread-safe.
 */
public final class ProxyKeyStore {

  private static final Pattern URI_PATH = Pattern.compile("(/[a-zA-Z0-9/_-]+)?/kms/xks/v1");

  private final String uriPath;
  private final KeySource keySource;
  private final Map<String, XksProxyCredential> credentials = new ConcurrentHashMap<>();
  private final Map<String, SigV4Credentials> signing = new ConcurrentHashMap<>();
  private final Throttle throttle;
  private final SecondaryAuthorization authorization;
  private final byte[] ciphertextMetadata;
  private final HealthCache health;

  private ProxyKeyStore(Builder builder) {
    this.uriPath = builder.uriPath;
    this.keySource = builder.keySource;
    builder.credentials.forEach(this::addCredential);
    this.throttle =
        builder.quotaRequests == 0 ? null : new Throttle(builder.quotaRequests, builder.quotaPer);
    this.authorization = builder.authorization;
    this.ciphertextMetadata = builder.ciphertextMetadata.clone();
    this.health = new HealthCache(keySource, builder.healthMaxAge);
  }

  /**
   * A builder for a store at the given URI path with the given keys.
   *
   * @throws IllegalArgumentException if the path does not end with {@code /kms/xks/v1}, is longer
   *     than 128 characters, or has characters other than {@code a-zA-Z0-9/_-}
   */
  public static Builder builder(String uriPath, KeySource keySource) {
    return new Builder(uriPath, keySource);
  }

  static String checkUriPath(String uriPath) {
    if (uriPath == null || uriPath.length() > 128 || !URI_PATH.matcher(uriPath).matches()) {
      throw new IllegalArgumentException(
          "XksProxyUriPath must end with /kms/xks/v1 and have at most 128 characters of"
              + " a-zA-Z0-9/_-, was \""
              + uriPath
              + "\"");
    }
    return uriPath;
  }

  /** The URI path, such as {@code /keystores/a/kms/xks/v1}. */
  public String uriPath() {
    return uriPath;
  }

  /** The key source. */
  public KeySource keySource() {
    return keySource;
  }

  /**
   * Accepts a credential from now on, next to the ones already accepted.
   *
   * @throws IllegalArgumentException if another credential with the same access key id is accepted
   */
  public void addCredential(XksProxyCredential credential) {
    XksProxyCredential old = credentials.putIfAbsent(credential.accessKeyId(), credential);
    if (old != null && !old.equals(credential)) {
      throw new IllegalArgumentException(
          "access key id " + credential.accessKeyId() + " already names another credential");
    }
    signing.put(
        credential.accessKeyId(),
        SigV4Credentials.of(credential.accessKeyId(), credential.rawSecretAccessKey().reveal()));
  }

  /**
   * Stops accepting the credential with this access key id.
   *
   * @return whether one was accepted
   */
  public boolean removeCredential(String accessKeyId) {
    signing.remove(accessKeyId);
    return credentials.remove(accessKeyId) != null;
  }

  /** The access key ids accepted now. */
  public List<String> accessKeyIds() {
    return List.copyOf(credentials.keySet());
  }

  CredentialLookup credentialLookup() {
    return accessKeyId -> Optional.ofNullable(signing.get(accessKeyId));
  }

  boolean tryAcquire() {
    return throttle == null || throttle.tryAcquire();
  }

  SecondaryAuthorization authorization() {
    return authorization;
  }

  byte[] ciphertextMetadata() {
    return ciphertextMetadata;
  }

  HealthCache health() {
    return health;
  }

  @Override
  public String toString() {
    return "ProxyKeyStore[" + uriPath + ", " + credentials.size() + " credentials]";
  }

  /** Builds a {@link ProxyKeyStore}. */
  public static final class Builder {
    private final String uriPath;
    private final KeySource keySource;
    private final List<XksProxyCredential> credentials = new java.util.ArrayList<>();
    private int quotaRequests;
    private Duration quotaPer;
    private SecondaryAuthorization authorization;
    private byte[] ciphertextMetadata = {'c', 'k', 's', '1'};
    private Duration healthMaxAge = Duration.ofSeconds(30);

    private Builder(String uriPath, KeySource keySource) {
      this.uriPath = checkUriPath(uriPath);
      this.keySource = Objects.requireNonNull(keySource, "keySource");
    }

    /** Accepts a credential; call it again for a second one. */
    public Builder credential(XksProxyCredential credential) {
      credentials.add(Objects.requireNonNull(credential, "credential"));
      return this;
    }

    /**
     * Limits the store to {@code requests} per {@code per}, as a token bucket that holds at most
     * {@code requests}; a request beyond it answers 429 ThrottlingException. No limit by default.
     */
    public Builder quota(int requests, Duration per) {
      if (requests < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException(
            "quota must be at least 1 request per positive duration, was "
                + requests
                + " per "
                + per);
      }
      this.quotaRequests = requests;
      this.quotaPer = per;
      return this;
    }

    /** Sets a secondary authorization for GetKeyMetadata, Encrypt and Decrypt. None by default. */
    public Builder authorization(SecondaryAuthorization authorization) {
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      return this;
    }

    /**
     * Sets the ciphertext metadata returned with every encryption and bound into its additional
     * authenticated data, 0 to 20 bytes; {@code cks1} by default, naming this proxy's AAD layout.
     */
    public Builder ciphertextMetadata(byte[] ciphertextMetadata) {
      if (ciphertextMetadata.length > 20) {
        throw new IllegalArgumentException(
            "ciphertextMetadata must be at most 20 bytes, was " + ciphertextMetadata.length);
      }
      this.ciphertextMetadata = ciphertextMetadata.clone();
      return this;
    }

    /** Sets how long a health check's outcome is reused, at most one minute; 30 s by default. */
    public Builder healthMaxAge(Duration healthMaxAge) {
      if (healthMaxAge.isNegative() || healthMaxAge.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "healthMaxAge must be between 0 and 1 minute, was " + healthMaxAge);
      }
      this.healthMaxAge = healthMaxAge;
      return this;
    }

    /** Builds the store. */
    public ProxyKeyStore build() {
      return new ProxyKeyStore(this);
    }
  }
}
