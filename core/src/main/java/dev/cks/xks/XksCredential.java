package dev.cks.xks;

import dev.cks.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SigV4 credential that KMS uses to sign requests to an XKS proxy: an access key id and a raw
 * secret access key. It has nothing to do with IAM.
 *
 * <p>The access key id is 20 to 30 characters of {@code A-Z} and {@code 2-7}; the secret is 43 to
 * 64 characters of {@code a-zA-Z0-9/+=}. {@link #toString()} shows the access key id only.
 */
public final class XksCredential {

  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z2-7]{20,30}");
  private static final Pattern SECRET = Pattern.compile("[a-zA-Z0-9/+=]{43,64}");
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String accessKeyId;
  private final Secret secretAccessKey;

  private XksCredential(String accessKeyId, Secret secretAccessKey) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /**
   * A credential from its two parts.
   *
   * @throws IllegalArgumentException if either part breaks the KMS rules; the message names the
   *     rule, and for the secret only its length
   */
  public static XksCredential of(String accessKeyId, Secret secretAccessKey) {
    Objects.requireNonNull(accessKeyId, "AccessKeyId");
    Objects.requireNonNull(secretAccessKey, "RawSecretAccessKey");
    if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
      throw new IllegalArgumentException(
          "AccessKeyId must be 20 to 30 characters of A-Z and 2-7, was \"" + accessKeyId + "\"");
    }
    if (!SECRET.matcher(secretAccessKey.reveal()).matches()) {
      throw new IllegalArgumentException(
          "RawSecretAccessKey must be 43 to 64 characters of a-z, A-Z, 0-9, /, + and =, was "
              + secretAccessKey.length()
              + " characters");
    }
    return new XksCredential(accessKeyId, secretAccessKey);
  }

  /**
   * A fresh random credential: a 20-character access key id (100 random bits, unrelated to the
   * secret) and a secret of 32 random bytes in base64 (44 characters).
   */
  public static XksCredential generate() {
    byte[] idBytes = new byte[20];
    RANDOM.nextBytes(idBytes);
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[idBytes[i] & 31];
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new XksCredential(new String(id), Secret.of(Base64.getEncoder().encodeToString(secret)));
  }

  /** The access key id, which names the credential; not secret. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** The raw secret access key. */
  public Secret secretAccessKey() {
    return secretAccessKey;
  }

  /** Equal when both the access key id and the secret are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof XksCredential
        && ((XksCredential) other).accessKeyId.equals(accessKeyId)
        && ((XksCredential) other).secretAccessKey.equals(secretAccessKey);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }

  /** Names the access key id; never the secret. */
  @Override
  public String toString() {
    return "XksCredential[" + accessKeyId + ", secret redacted]";
  }
}
