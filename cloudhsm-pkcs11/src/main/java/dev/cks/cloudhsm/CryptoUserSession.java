package dev.cks.cloudhsm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A crypto user logged in to an {@link HsmCluster}: makes, finds and uses AES-256 keys. Closing it
 * logs out.
 *
 * <p>Every method may be called from many threads at once; each call borrows a PKCS#11 session of
 * its own from the cluster's pool.
 *
 * <p>A key that {@link #findKey} found is remembered by label until the session closes, so that
 * looking it up again costs no search on the token. Destroying it through this session, or a use
 * that the module answers with an invalid handle, forgets it.
 *
 * <p>Limitation: AES-GCM here is single-part, as on AWS CloudHSM, which accepts at most 16 KiB of
 * data per call; KMS plaintexts are at most 4 KiB.
 *
 * <p>Limitation: while a key is remembered, a second key that another process gives the same label
 * goes unnoticed, so {@link #findKey} reports {@code DuplicateLabel} only for keys it has to search
 * for.
 */
public final class CryptoUserSession implements AutoCloseable {

  private final HsmCluster cluster;
  private final Pkcs11Token token;
  private final String user;
  private final Map<String, AesKey> known = new ConcurrentHashMap<>();
  private volatile boolean closed;

  CryptoUserSession(HsmCluster cluster, Pkcs11Token token, String user) {
    this.cluster = cluster;
    this.token = token;
    this.user = user;
  }

  /** The crypto user's name. */
  public String user() {
    return user;
  }

  /** The cluster this user is logged in to. */
  public HsmCluster cluster() {
    return cluster;
  }

  /** Whether this session has not been closed yet. */
  public boolean isOpen() {
    return !closed;
  }

  /**
   * Generates a persistent, non-extractable AES-256 key with the given label. For a KMS key the
   * label is the key ARN.
   *
   * @throws HsmException named {@code LabelInUse} if a key with this label already exists, or
   *     {@code Pkcs11Error} if the module refused
   */
  public AesKey generateKey(String label) {
    requireLabel(label);
    requireOpen();
    try {
      return new AesKey(label, token.generateAesKey(label));
    } catch (Pkcs11Token.LabelInUseException e) {
      throw HsmException.operation("LabelInUse", e.getMessage(), null);
    } catch (RuntimeException e) {
      throw failure("cannot generate a key labelled \"" + label + "\"", e);
    }
  }

  /**
   * Finds the AES key with the given label: the one this session remembers, or else the one a
   * search on the token finds.
   *
   * @return the key, or empty if this user sees no key with that label
   * @throws HsmException named {@code DuplicateLabel} if several keys carry the label
   */
  public Optional<AesKey> findKey(String label) {
    requireLabel(label);
    requireOpen();
    AesKey remembered = known.get(label);
    if (remembered != null) {
      return Optional.of(remembered);
    }
    List<Long> handles;
    try {
      handles = token.findAesKeys(label);
    } catch (RuntimeException e) {
      throw failure("cannot look up the key labelled \"" + label + "\"", e);
    }
    if (handles.size() > 1) {
      throw HsmException.operation(
          "DuplicateLabel",
          handles.size() + " keys are labelled \"" + label + "\"; a label must name one key",
          null);
    }
    Optional<AesKey> found = handles.stream().findFirst().map(handle -> new AesKey(label, handle));
    found.ifPresent(key -> known.put(label, key));
    return found;
  }

  /**
   * Destroys a key. Its material is gone from the cluster for good.
   *
   * @throws HsmException named {@code Pkcs11Error} if the module refused
   */
  public void destroyKey(AesKey key) {
    Objects.requireNonNull(key, "key");
    requireOpen();
    known.remove(key.label(), key);
    try {
      token.destroy(key.handle());
    } catch (RuntimeException e) {
      throw failure("cannot destroy the key labelled \"" + key.label() + "\"", e);
    }
  }

  /**
   * Encrypts with AES-GCM under a fresh random 12-byte IV and a 16-byte tag; the cluster
   * descriptor's {@link IvGeneration} decides who makes the IV.
   *
   * @param aad additional authenticated data; may be empty
   * @throws HsmException named {@code EncryptionFailed} if the module refused
   */
  public GcmCiphertext encrypt(AesKey key, byte[] plaintext, byte[] aad) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(aad, "aad");
    requireOpen();
    try {
      return token.encrypt(key.handle(), plaintext, aad, cluster.descriptor().ivGeneration());
    } catch (Pkcs11Token.ModuleIvMissingException e) {
      throw HsmException.operation(
          "EncryptionFailed",
          "encryption failed: the PKCS#11 module did not make an IV, so the output was discarded;"
              + " use ivGeneration ADAPTER with this module",
          null);
    } catch (RuntimeException e) {
      forgetIfInvalid(key, e);
      throw failure("encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates an AES-GCM ciphertext.
   *
   * @throws HsmException named {@code DecryptionFailed} if the ciphertext, tag, AAD or key do not
   *     match, or the module refused
   */
  public byte[] decrypt(AesKey key, GcmCiphertext ciphertext, byte[] aad) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(aad, "aad");
    requireOpen();
    try {
      return token.decrypt(key.handle(), ciphertext, aad, cluster.descriptor().ivGeneration());
    } catch (Pkcs11Failure e) {
      forgetIfInvalid(key, e);
      throw HsmException.operation("DecryptionFailed", "decryption failed", e);
    } catch (RuntimeException e) {
      throw failure("decryption failed", e);
    }
  }

  /** Reads whether a key is persistent, sensitive and extractable, in that order. */
  boolean[] keyFlags(AesKey key) {
    return token.booleans(key.handle(), Ck.CKA_TOKEN, Ck.CKA_SENSITIVE, Ck.CKA_EXTRACTABLE);
  }

  /**
   * Logs out. Closing twice does nothing.
   *
   * @throws HsmException named {@code Pkcs11Error} if the module refused to log out
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      token.logout();
    } catch (Pkcs11Failure e) {
      if (e.returnValue() != Ck.CKR_USER_NOT_LOGGED_IN) {
        throw HsmException.operation(
            "Pkcs11Error", "cannot log out of cluster " + cluster.clusterId(), e);
      }
    } finally {
      cluster.loggedOut(this);
    }
  }

  @Override
  public String toString() {
    return "CryptoUserSession[" + user + "@" + cluster.clusterId() + (closed ? ", closed]" : "]");
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the session of crypto user "
              + user
              + " on cluster "
              + cluster.clusterId()
              + " is closed");
    }
  }

  /** Forgets a remembered key whose handle the module no longer knows. */
  private void forgetIfInvalid(AesKey key, RuntimeException e) {
    if (e instanceof Pkcs11Failure) {
      long rv = ((Pkcs11Failure) e).returnValue();
      if (rv == Ck.CKR_KEY_HANDLE_INVALID || rv == Ck.CKR_OBJECT_HANDLE_INVALID) {
        known.remove(key.label(), key);
      }
    }
  }

  private static void requireLabel(String label) {
    if (Objects.requireNonNull(label, "label").isEmpty()) {
      throw new IllegalArgumentException("key label must not be empty");
    }
  }

  private static HsmException failure(String message, RuntimeException e) {
    if (e instanceof SessionPool.PoolExhaustedException) {
      return HsmException.operation("SessionsExhausted", message + ": " + e.getMessage(), e);
    }
    if (e instanceof Pkcs11Failure) {
      return HsmException.operation(
          "Pkcs11Error", message + " (" + ((Pkcs11Failure) e).returnValueName() + ")", e);
    }
    throw e;
  }
}
