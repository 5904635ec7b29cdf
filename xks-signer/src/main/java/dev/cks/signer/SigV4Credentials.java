package dev.cks.signer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials a SigV4 signature is made with: an access key id, a secret access key and, for
 * temporary credentials, a session token.
 *
 * <p>The secret never shows itself: {@link #toString()} names the access key id and the length of
 * the secret only, {@link #equals(Object)} compares secrets in constant time, and the secret is
 * read only inside this package, to derive signing keys. For an XKS proxy these are the proxy
 * authentication credentials (an access key id and a raw secret access key); they have nothing to
 * do with IAM.
 *
 * <pre>{@code
 * SigV4Credentials credentials = SigV4Credentials.of("ABCDEFGHIJKLMNOPQRST", rawSecret);
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class SigV4Credentials {

  private final String accessKeyId;
  private final byte[] secret;
  private final int secretHash;
  private final String sessionToken;

  private SigV4Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    this.accessKeyId = accessKeyId;
    this.secret = secretAccessKey.getBytes(StandardCharsets.UTF_8);
    this.secretHash = Arrays.hashCode(secret);
    this.sessionToken = sessionToken;
  }

  /**
   * Long-term credentials: an access key id and its secret access key.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the access key id is empty or holds a character that is not
   *     printable ASCII or is {@code /} or {@code ,}, or if the secret is empty
   */
  public static SigV4Credentials of(String accessKeyId, String secretAccessKey) {
    return new SigV4Credentials(
        checkAccessKeyId(accessKeyId), checkSecret(secretAccessKey), /* sessionToken= */ null);
  }

  /**
   * Temporary credentials: an access key id, its secret access key and a session token, which the
   * signer sends, and signs, as {@code X-Amz-Security-Token}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #of(String, String)}, or if the session token is
   *     empty
   */
  public static SigV4Credentials of(
      String accessKeyId, String secretAccessKey, String sessionToken) {
    Objects.requireNonNull(sessionToken, "sessionToken must not be null");
    if (sessionToken.isEmpty()) {
      throw new IllegalArgumentException("sessionToken must not be empty");
    }
    return new SigV4Credentials(
        checkAccessKeyId(accessKeyId), checkSecret(secretAccessKey), sessionToken);
  }

  /** The access key id, which appears in the clear in every {@code Authorization} header. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The session token of temporary credentials, or empty for long-term credentials. */
  public Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  /** The session token or null; for use inside this package on hot paths. */
  String sessionTokenOrNull() {
    return sessionToken;
  }

  /** The UTF-8 bytes of the secret access key. The array is shared: never modify or expose it. */
  byte[] secretBytes() {
    return secret;
  }

  /** A hash of the secret, computed once, for key caches inside this package. */
  int secretHash() {
    return secretHash;
  }

  /**
   * Equal when the access key id, the secret and the session token are all equal; the secrets are
   * compared in constant time for secrets of equal length.
   */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SigV4Credentials)) {
      return false;
    }
    SigV4Credentials that = (SigV4Credentials) other;
    return accessKeyId.equals(that.accessKeyId)
        && MessageDigest.isEqual(secret, that.secret)
        && Objects.equals(sessionToken, that.sessionToken);
  }

  /** A hash of the access key id only, so that it reveals nothing about the secret. */
  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }

  /** Names the access key id and the length of the secret, never the secret or the token. */
  @Override
  public String toString() {
    return "SigV4Credentials[accessKeyId="
        + accessKeyId
        + ", secretAccessKey=redacted, "
        + secret.length
        + " bytes"
        + (sessionToken == null ? "" : ", sessionToken=redacted")
        + "]";
  }

  private static String checkAccessKeyId(String accessKeyId) {
    Objects.requireNonNull(accessKeyId, "accessKeyId must not be null");
    if (accessKeyId.isEmpty()) {
      throw new IllegalArgumentException("accessKeyId must not be empty");
    }
    for (int i = 0; i < accessKeyId.length(); i++) {
      char c = accessKeyId.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '/' || c == ',') {
        throw new IllegalArgumentException(
            "accessKeyId must contain only printable ASCII characters other than '/' and ',',"
                + " was \""
                + accessKeyId
                + "\"");
      }
    }
    return accessKeyId;
  }

  private static String checkSecret(String secretAccessKey) {
    Objects.requireNonNull(secretAccessKey, "secretAccessKey must not be null");
    if (secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("secretAccessKey must not be empty, was 0 characters");
    }
    return secretAccessKey;
  }
}
