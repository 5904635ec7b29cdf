package dev.cks.cloudhsm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter on real SoftHSM2 tokens, without emulation. */
class HsmClusterTest {

  private static final String ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final byte[] AAD = "kms-context".getBytes(UTF_8);

  private final List<AutoCloseable> open = new ArrayList<>();
  private String label;

  @BeforeEach
  void newToken() {
    label = SoftHsm.newToken();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private HsmCluster open(String tokenLabel) {
    HsmCluster cluster = HsmCluster.open(ClusterDescriptor.forToken(SoftHsm.library(), tokenLabel));
    open.add(cluster);
    return cluster;
  }

  private CryptoUserSession login(HsmCluster cluster) {
    CryptoUserSession session = cluster.login(SoftHsm.USER, Secret.of(SoftHsm.PASSWORD));
    open.add(session);
    return session;
  }

  @Test
  void encryptThenDecrypt_withAad_returnsThePlaintext() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    byte[] plaintext = new byte[4096];
    ThreadLocalRandom.current().nextBytes(plaintext);

    GcmCiphertext sealed = kmsuser.encrypt(key, plaintext, AAD);

    assertThat(sealed.iv()).hasSize(12);
    assertThat(sealed.tag()).hasSize(16);
    assertThat(sealed.ciphertext()).hasSize(4096).isNotEqualTo(plaintext);
    assertThat(kmsuser.decrypt(key, sealed, AAD)).isEqualTo(plaintext);
  }

  @Test
  void encrypt_twice_usesDifferentIvs() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);

    GcmCiphertext first = kmsuser.encrypt(key, new byte[16], AAD);
    GcmCiphertext second = kmsuser.encrypt(key, new byte[16], AAD);

    assertThat(first.iv()).isNotEqualTo(second.iv());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
  }

  @Test
  void encrypt_withEmptyPlaintextAndAad_roundTrips() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);

    GcmCiphertext sealed = kmsuser.encrypt(key, new byte[0], new byte[0]);

    assertThat(sealed.ciphertext()).isEmpty();
    assertThat(kmsuser.decrypt(key, sealed, new byte[0])).isEmpty();
  }

  @Test
  void encryptThenDecrypt_largerThanTheSessionBuffer_roundTrips() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    byte[] plaintext = new byte[100 * 1024];
    byte[] aad = new byte[20 * 1024];
    ThreadLocalRandom.current().nextBytes(plaintext);
    ThreadLocalRandom.current().nextBytes(aad);

    GcmCiphertext sealed = kmsuser.encrypt(key, plaintext, aad);

    assertThat(sealed.ciphertext()).hasSize(plaintext.length);
    assertThat(kmsuser.decrypt(key, sealed, aad)).isEqualTo(plaintext);
  }

  @Test
  void encrypt_smallAfterLarge_roundTripsOnTheGrownSessionBuffer() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    byte[] large = new byte[40 * 1024];
    ThreadLocalRandom.current().nextBytes(large);
    GcmCiphertext sealedLarge = kmsuser.encrypt(key, large, AAD);

    GcmCiphertext sealedSmall = kmsuser.encrypt(key, new byte[] {1, 2, 3}, AAD);

    assertThat(kmsuser.decrypt(key, sealedSmall, AAD)).containsExactly(1, 2, 3);
    assertThat(kmsuser.decrypt(key, sealedLarge, AAD)).isEqualTo(large);
  }

  @Test
  void generateKey_makesPersistentSensitiveNonExtractableAes256Key() {
    CryptoUserSession kmsuser = login(open(label));

    AesKey key = kmsuser.generateKey(ARN);

    assertThat(key.label()).isEqualTo(ARN);
    assertThat(kmsuser.keyFlags(key)).containsExactly(true, true, false);
  }

  @Test
  void decrypt_withOtherAad_failsWithDecryptionFailed() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    GcmCiphertext sealed = kmsuser.encrypt(key, "secret".getBytes(UTF_8), AAD);

    assertThatThrownBy(() -> kmsuser.decrypt(key, sealed, "other".getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> {
              assertThat(e.errorName()).isEqualTo("DecryptionFailed");
              assertThat(e.connectionErrorCode()).isEmpty();
            })
        .hasMessage("decryption failed");
  }

  @Test
  void decrypt_withAlteredTag_failsWithDecryptionFailed() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    GcmCiphertext sealed = kmsuser.encrypt(key, "secret".getBytes(UTF_8), AAD);
    byte[] tag = sealed.tag();
    tag[0] ^= 1;

    GcmCiphertext altered = GcmCiphertext.of(sealed.iv(), sealed.ciphertext(), tag);

    assertThatThrownBy(() -> kmsuser.decrypt(key, altered, AAD)).hasMessage("decryption failed");
    assertThat(kmsuser.decrypt(key, sealed, AAD)).isEqualTo("secret".getBytes(UTF_8));
  }

  @Test
  void decrypt_withAnotherKey_fails() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    AesKey other = kmsuser.generateKey(ARN + "-other");
    GcmCiphertext sealed = kmsuser.encrypt(key, "secret".getBytes(UTF_8), AAD);

    assertThatThrownBy(() -> kmsuser.decrypt(other, sealed, AAD)).hasMessage("decryption failed");
  }

  @Test
  void findKey_afterGenerate_findsTheSameKey() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    GcmCiphertext sealed = kmsuser.encrypt(key, "secret".getBytes(UTF_8), AAD);

    AesKey found = kmsuser.findKey(ARN).orElseThrow();

    assertThat(found).isEqualTo(key);
    assertThat(kmsuser.decrypt(found, sealed, AAD)).isEqualTo("secret".getBytes(UTF_8));
  }

  @Test
  void findKey_withUnknownLabel_isEmpty() {
    CryptoUserSession kmsuser = login(open(label));
    kmsuser.generateKey(ARN);

    assertThat(kmsuser.findKey(ARN + "x")).isEmpty();
  }

  @Test
  void findKey_afterAnotherLoginOnANewClusterObject_findsTheKey() {
    HsmCluster first = open(label);
    try (CryptoUserSession kmsuser = first.login(SoftHsm.USER, Secret.of(SoftHsm.PASSWORD))) {
      kmsuser.generateKey(ARN);
    }
    first.close();

    CryptoUserSession again = login(open(label));

    assertThat(again.findKey(ARN)).isPresent();
  }

  @Test
  void generateKey_withLabelInUse_failsWithLabelInUse() {
    CryptoUserSession kmsuser = login(open(label));
    kmsuser.generateKey(ARN);

    assertThatThrownBy(() -> kmsuser.generateKey(ARN))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errorName()).isEqualTo("LabelInUse"))
        .hasMessage("a key labelled \"" + ARN + "\" already exists");
  }

  @Test
  void findKey_withTwoKeysSharingALabel_failsWithDuplicateLabel() {
    CryptoUserSession kmsuser = login(open(label));
    kmsuser.generateKey(ARN);
    RawToken.generateAesKey(SoftHsm.library(), label, ARN);

    assertThatThrownBy(() -> kmsuser.findKey(ARN))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errorName()).isEqualTo("DuplicateLabel"))
        .hasMessage("2 keys are labelled \"" + ARN + "\"; a label must name one key");
    assertThatThrownBy(() -> kmsuser.generateKey(ARN)).hasMessageContaining("already exists");
  }

  @Test
  void findKey_again_answersFromMemoryUntilAUseFindsTheHandleInvalid() {
    CryptoUserSession kmsuser = login(open(label));
    kmsuser.generateKey(ARN);
    AesKey found = kmsuser.findKey(ARN).orElseThrow();
    RawToken.destroy(SoftHsm.library(), label, found.handle());

    assertThat(kmsuser.findKey(ARN)).contains(found);
    assertThatThrownBy(() -> kmsuser.encrypt(found, new byte[16], AAD))
        .isInstanceOfSatisfying(
            HsmException.class, e -> assertThat(e.errorName()).isEqualTo("Pkcs11Error"))
        .hasMessage("encryption failed (CKR_OBJECT_HANDLE_INVALID)");
    assertThat(kmsuser.findKey(ARN)).isEmpty();
  }

  @Test
  void destroyKey_afterFindKey_forgetsTheKey() {
    CryptoUserSession kmsuser = login(open(label));
    kmsuser.generateKey(ARN);
    AesKey found = kmsuser.findKey(ARN).orElseThrow();

    kmsuser.destroyKey(found);

    assertThat(kmsuser.findKey(ARN)).isEmpty();
  }

  @Test
  void destroyKey_removesIt() {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);

    kmsuser.destroyKey(key);

    assertThat(kmsuser.findKey(ARN)).isEmpty();
  }

  @Test
  void keys_areInvisibleToAnotherToken() {
    login(open(label)).generateKey(ARN);

    CryptoUserSession elsewhere = login(open(SoftHsm.newToken()));

    assertThat(elsewhere.findKey(ARN)).isEmpty();
  }

  @Test
  void login_withWrongPassword_mapsToInvalidCredentials() {
    HsmCluster cluster = open(label);

    assertThatThrownBy(() -> cluster.login(SoftHsm.USER, Secret.of("wrongPassword")))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> {
              assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.INVALID_CREDENTIALS);
              assertThat(e.errorName()).isEqualTo("INVALID_CREDENTIALS");
              assertThat(e.returnValue()).contains("CKR_PIN_INCORRECT");
            })
        .hasMessage(
            "the password of crypto user kmsuser was rejected by cluster "
                + label
                + " (CKR_PIN_INCORRECT)");
    assertThat(cluster.loggedIn()).isFalse();
  }

  @Test
  void login_withRightPasswordAfterWrongOnes_succeeds() {
    HsmCluster cluster = open(label);
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> cluster.login(SoftHsm.USER, Secret.of("wrongPassword")))
          .isInstanceOf(HsmException.class);
    }

    CryptoUserSession kmsuser = login(cluster);

    assertThat(cluster.loggedIn()).isTrue();
    assertThat(kmsuser.isOpen()).isTrue();
  }

  @Test
  void login_whileLoggedInThroughAnotherClusterObject_mapsToUserLoggedIn() {
    login(open(label));
    HsmCluster second = open(label);

    assertThatThrownBy(() -> second.login(SoftHsm.USER, Secret.of(SoftHsm.PASSWORD)))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> {
              assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.USER_LOGGED_IN);
              assertThat(e.returnValue()).contains("CKR_USER_ALREADY_LOGGED_IN");
            })
        .hasMessage(
            "a crypto user is already logged in to cluster "
                + label
                + " (CKR_USER_ALREADY_LOGGED_IN)");
  }

  @Test
  void close_logsOut_soTheUserCanLogInAgain() {
    HsmCluster cluster = open(label);
    CryptoUserSession kmsuser = cluster.login(SoftHsm.USER, Secret.of(SoftHsm.PASSWORD));
    assertThat(cluster.loggedIn()).isTrue();

    kmsuser.close();

    assertThat(cluster.loggedIn()).isFalse();
    assertThat(kmsuser.isOpen()).isFalse();
    assertThatThrownBy(() -> kmsuser.findKey(ARN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the session of crypto user kmsuser on cluster " + label + " is closed");
    assertThat(login(cluster).isOpen()).isTrue();
  }

  @Test
  void closeCluster_logsOutTheOpenSession() {
    HsmCluster cluster = open(label);
    CryptoUserSession kmsuser = cluster.login(SoftHsm.USER, Secret.of(SoftHsm.PASSWORD));

    cluster.close();

    assertThat(kmsuser.isOpen()).isFalse();
    assertThat(login(open(label)).isOpen()).isTrue();
  }

  @Test
  void open_withUnknownTokenLabel_mapsToClusterNotFound() throws Exception {
    Path library = SoftHsm.library();

    assertThatThrownBy(
            () -> HsmCluster.open(ClusterDescriptor.forToken(library, "cluster-nosuchtoken")))
        .isInstanceOfSatisfying(
            HsmException.class,
            e ->
                assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.CLUSTER_NOT_FOUND))
        .hasMessage(
            "cluster cluster-nosuchtoken was not found: no token labelled \"cluster-nosuchtoken\""
                + " in PKCS#11 library "
                + library.toRealPath());
  }

  @Test
  void open_withTwoTokensSharingTheLabel_mapsToInternalError() {
    Path library = SoftHsm.library();

    assertThatThrownBy(
            () -> HsmCluster.open(ClusterDescriptor.forToken(library, SoftHsm.TWIN_LABEL)))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.INTERNAL_ERROR))
        .hasMessageStartingWith(
            "cannot open cluster twin-cluster: 2 tokens are labelled \"twin-cluster\"");
  }

  @Test
  void open_withMissingLibrary_mapsToInternalError() {
    Path missing = Path.of("/opt/cloudhsm/lib/libcloudhsm_pkcs11-missing.so");

    assertThatThrownBy(() -> HsmCluster.open(ClusterDescriptor.forToken(missing, "cluster-x")))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.INTERNAL_ERROR))
        .hasMessage(
            "cannot open cluster cluster-x: PKCS#11 library " + missing + " does not exist");
  }

  @Test
  void open_withALibraryThatIsNotPkcs11_mapsToInternalError() {
    Path notPkcs11 = Path.of(System.getProperty("java.home"), "lib", "libjava.so");

    assertThatThrownBy(() -> HsmCluster.open(ClusterDescriptor.forToken(notPkcs11, "cluster-x")))
        .isInstanceOfSatisfying(
            HsmException.class,
            e -> assertThat(e.connectionErrorCode()).contains(ConnectionErrorCode.INTERNAL_ERROR))
        .hasMessageEndingWith("is not a PKCS#11 library: it has no C_Initialize");
  }

  @Test
  void concurrentEncryptDecrypt_from8Threads_allRoundTrip() throws Exception {
    CryptoUserSession kmsuser = login(open(label));
    AesKey key = kmsuser.generateKey(ARN);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        work.add(() -> roundTrips(kmsuser, key, 250));
      }
      int total = 0;
      for (Future<Integer> done : threads.invokeAll(work)) {
        total += done.get();
      }
      assertThat(total).isEqualTo(8 * 250);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void generateKey_withTheSameLabelFrom8Threads_makesExactlyOneKey() throws Exception {
    CryptoUserSession kmsuser = login(open(label));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        work.add(
            () -> {
              try {
                kmsuser.generateKey(ARN);
                return "made";
              } catch (HsmException e) {
                return e.errorName();
              }
            });
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> done : threads.invokeAll(work)) {
        outcomes.add(done.get());
      }
      assertThat(outcomes).containsOnly("made", "LabelInUse").containsOnlyOnce("made");
      assertThat(kmsuser.findKey(ARN)).isPresent();
    } finally {
      threads.shutdownNow();
    }
  }

  private static int roundTrips(CryptoUserSession kmsuser, AesKey key, int count) {
    int ok = 0;
    for (int i = 0; i < count; i++) {
      byte[] plaintext = new byte[1 + ThreadLocalRandom.current().nextInt(4096)];
      ThreadLocalRandom.current().nextBytes(plaintext);
      byte[] aad = Arrays.copyOf(plaintext, 8);
      if (Arrays.equals(
          kmsuser.decrypt(key, kmsuser.encrypt(key, plaintext, aad), aad), plaintext)) {
        ok++;
      }
    }
    return ok;
  }

  @Test
  void secrets_neverAppearInMessagesOrToString() {
    HsmCluster cluster = open(label);
    String password = "Sup3rSecretValue";

    assertThatThrownBy(() -> cluster.login(SoftHsm.USER, Secret.of(password)))
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
                assertThat(t.toString()).doesNotContain(password);
              }
            });
    CryptoUserSession kmsuser = login(cluster);
    assertThat(kmsuser.toString()).isEqualTo("CryptoUserSession[kmsuser@" + label + "]");
    assertThat(cluster.toString()).doesNotContain(SoftHsm.PASSWORD);
  }
}
