package dev.cks.local;

import dev.cks.Secret;
import dev.cks.cloudhsm.AesKey;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.CryptoUserSession;
import dev.cks.cloudhsm.GcmCiphertext;
import dev.cks.cloudhsm.HsmCluster;
import dev.cks.cloudhsm.HsmException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link KeySource} over a PKCS#11 token: the key of an external key id is the token's AES secret
 * key whose label is that id.
 *
 * <pre>{@code
 * try (Pkcs11KeySource keys = Pkcs11KeySource.open(
 *     Path.of("/usr/lib/softhsm/libsofthsm2.so"), "xks-token", Secret.of("kmsuser:password"))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The health check encrypts and decrypts with a key of its own, labelled {@value #HEALTH_KEY},
 * which it makes on the token the first time.
 *
 * <p>Limitation: the PIN is given to the module as {@code <user>:<password>}, the form AWS CloudHSM
 * takes, so a token whose PIN has no colon cannot be used. Limitation: the key's PKCS#11 usage
 * attributes are not read; every key reports ENCRYPT and DECRYPT, and a use the token refuses
 * answers InternalException. Limitation: keys are never reported as disabled.
 */
public final class Pkcs11KeySource implements KeySource, AutoCloseable {

  /** The label of the key the health check uses. */
  public static final String HEALTH_KEY = "cks-xks-health-check";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HsmCluster cluster;
  private final CryptoUserSession session;
  private final String tokenLabel;
  private final String model;

  private Pkcs11KeySource(
      HsmCluster cluster, CryptoUserSession session, Path module, String label) {
    this.cluster = cluster;
    this.session = session;
    this.tokenLabel = label;
    this.model = "PKCS#11 " + module.getFileName();
  }

  /**
   * Loads the module, finds the token by label and logs in.
   *
   * @param pin the PIN as {@code <user>:<password>}
   * @throws IllegalArgumentException if the PIN has no colon
   * @throws HsmException if the token cannot be found or the login fails
   */
  public static Pkcs11KeySource open(Path module, String tokenLabel, Secret pin) {
    String text = pin.reveal();
    int colon = text.indexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException(
          "the PKCS#11 PIN must have the form <user>:<password>, was " + pin.length() + " chars");
    }
    HsmCluster cluster = HsmCluster.open(ClusterDescriptor.forToken(module, tokenLabel));
    try {
      CryptoUserSession session =
          cluster.login(text.substring(0, colon), Secret.of(text.substring(colon + 1)));
      return new Pkcs11KeySource(cluster, session, module, tokenLabel);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public Optional<ProxyKey> key(String externalKeyId) {
    try {
      return session.findKey(externalKeyId).map(TokenKey::new);
    } catch (HsmException e) {
      throw new KeySourceException(KeySourceException.Reason.FAILURE, "the key lookup failed", e);
    }
  }

  @Override
  public KeySourceHealth checkHealth() {
    KeySourceHealth.Status status;
    try {
      AesKey key = session.findKey(HEALTH_KEY).orElseGet(() -> session.generateKey(HEALTH_KEY));
      byte[] probe = new byte[32];
      RANDOM.nextBytes(probe);
      byte[] aad = HEALTH_KEY.getBytes(StandardCharsets.US_ASCII);
      GcmCiphertext sealed = session.encrypt(key, probe, aad);
      status =
          Arrays.equals(probe, session.decrypt(key, sealed, aad))
              ? KeySourceHealth.Status.ACTIVE
              : KeySourceHealth.Status.UNAVAILABLE;
    } catch (RuntimeException e) {
      status = KeySourceHealth.Status.UNAVAILABLE;
    }
    return new KeySourceHealth(
        "PKCS#11", List.of(new KeySourceHealth.Member(tokenLabel, model, status)));
  }

  /** Logs out and releases the token. */
  @Override
  public void close() {
    try {
      session.close();
    } finally {
      cluster.close();
    }
  }

  @Override
  public String toString() {
    return "Pkcs11KeySource[" + tokenLabel + "]";
  }

  /** One AES key on the token. */
  private final class TokenKey implements ProxyKey {
    private final AesKey key;

    TokenKey(AesKey key) {
      this.key = key;
    }

    @Override
    public String keySpec() {
      return "AES_256";
    }

    @Override
    public Set<KeyUsage> usages() {
      return EnumSet.allOf(KeyUsage.class);
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public Sealed encrypt(byte[] plaintext, byte[] aad) {
      try {
        GcmCiphertext sealed = session.encrypt(key, plaintext, aad);
        return new Sealed(sealed.iv(), sealed.ciphertext(), sealed.tag());
      } catch (HsmException e) {
        throw new KeySourceException(KeySourceException.Reason.FAILURE, "encryption failed", e);
      }
    }

    @Override
    public byte[] decrypt(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad) {
      GcmCiphertext sealed;
      try {
        sealed = GcmCiphertext.of(iv, ciphertext, tag);
      } catch (IllegalArgumentException e) {
        throw new KeySourceException(
            KeySourceException.Reason.INVALID_CIPHERTEXT, "decryption failed");
      }
      try {
        return session.decrypt(key, sealed, aad);
      } catch (HsmException e) {
        if ("DecryptionFailed".equals(e.errorName())) {
          throw new KeySourceException(
              KeySourceException.Reason.INVALID_CIPHERTEXT, "decryption failed");
        }
        throw new KeySourceException(KeySourceException.Reason.FAILURE, "decryption failed", e);
      }
    }

    @Override
    public String toString() {
      return "TokenKey[" + key.label() + "]";
    }
  }
}
