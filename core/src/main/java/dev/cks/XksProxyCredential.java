package dev.cks;

import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * The {@code XksProxyAuthenticationCredential}: the SigV4 credential KMS signs its requests to the
 * proxy with. It is set up on the proxy first, then given to KMS; both parts always go together.
 *
 * <pre>{@code
 * XksProxyCredential credential = XksProxyCredential.of(
 *     "BCDEFGHIJKLMNOPQRSTU", Secret.of(System.getenv("XKS_SECRET")));
 * }</pre>
 *
 * <p>{@code toString()} shows neither part: the access key id is a sensitive member in the KMS
 * model, and the raw secret is a {@link Secret}. Validation messages do show the access key id,
 * which KMS itself returns in plain text when it describes a store.
 */
@Value.Immutable
@ValueStyle
public abstract class XksProxyCredential {

  XksProxyCredential() {}

  /**
   * The credential of those two parts.
   *
   * @throws ValidationException if either part breaks a rule, naming each violation
   */
  public static XksProxyCredential of(String accessKeyId, Secret rawSecretAccessKey) {
    return ImmutableXksProxyCredential.builder()
        .accessKeyId(accessKeyId)
        .rawSecretAccessKey(rawSecretAccessKey)
        .build();
  }

  /** The {@code AccessKeyId}: 20 to 30 characters of {@code A-Z} and {@code 2-7}. */
  /**
   * A fresh random credential, as a proxy hands out: a 20-character access key id of {@code A-Z}
   * and {@code 2-7} (100 random bits, unrelated to the secret) and a secret of 32 random bytes in
   * base64 (44 characters).
   */
  public static XksProxyCredential generate() {
    char[] id = new char[20];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32.charAt(RANDOM.nextInt(32));
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    try {
      return of(new String(id), Secret.of(java.util.Base64.getEncoder().encodeToString(secret)));
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
  }

  @Value.Redacted
  public abstract String accessKeyId();

  /** The {@code RawSecretAccessKey}: 43 to 64 characters of letters, digits, {@code /+=}. */
  @Value.Redacted
  public abstract Secret rawSecretAccessKey();

  @Value.Check
  void check() {
    List<Violation> found = new ArrayList<>();
    found.addAll(Constraints.accessKeyId(MEMBER + ".AccessKeyId", accessKeyId()));
    found.addAll(
        Constraints.rawSecretAccessKey(MEMBER + ".RawSecretAccessKey", rawSecretAccessKey()));
    ValidationException.throwIfAny(found);
  }

  private static final String MEMBER = "XksProxyAuthenticationCredential";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
