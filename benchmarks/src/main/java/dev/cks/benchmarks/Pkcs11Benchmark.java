package dev.cks.benchmarks;

import dev.cks.Secret;
import dev.cks.cloudhsm.AesKey;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.CryptoUserSession;
import dev.cks.cloudhsm.GcmCiphertext;
import dev.cks.cloudhsm.HsmCluster;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-GCM on a PKCS#11 token against the JDK's own provider, and the cost of a crypto-user login.
 *
 * <p>The token is measured twice: through this adapter ({@code encrypt4KiBOnToken}) and through the
 * JDK's SunPKCS11 provider with the same kind of key, a persistent token object ({@code
 * encrypt4KiBOnTokenViaSunPkcs11}). Their difference is the adapter's own cost; the rest is the
 * token's.
 *
 * <p>Each operation encrypts 4 KiB (the largest KMS plaintext) with 32 bytes of AAD under a fresh
 * random 12-byte IV. The token is a real SoftHSM2 token that the setup makes with {@code
 * softhsm2-util} in the token directory named by the file in {@code SOFTHSM2_CONF}, which must be
 * set before the run, because SoftHSM2 reads it once per process:
 *
 * <pre>{@code
 * mkdir -p /tmp/cks-bench/tokens
 * printf 'directories.tokendir = /tmp/cks-bench/tokens\nobjectstore.backend = file\n' \
 *     > /tmp/cks-bench/softhsm2.conf
 * SOFTHSM2_CONF=/tmp/cks-bench/softhsm2.conf java -jar benchmarks.jar Pkcs11Benchmark
 * }</pre>
 *
 * <p>What the token itself costs, with no Java around it, is measured by the C program {@code
 * src/main/c/pkcs11_floor.c} in this module, which makes the same calls on a key of the same kind.
 *
 * <p>The module path defaults to Debian's SoftHSM2; another is given to the forked JVM with {@code
 * -jvmArgsAppend -Dcks.pkcs11.module=/path/to/module.so}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Pkcs11Benchmark {

  private static final String PASSWORD = "benchPswd1";

  private final SecureRandom random = new SecureRandom();
  private byte[] plaintext;
  private byte[] aad;
  private HsmCluster cluster;
  private CryptoUserSession kmsuser;
  private AesKey tokenKey;
  private HsmCluster loginCluster;
  private SecretKey jdkKey;
  private Provider sunPkcs11;
  private SecretKey sunPkcs11Key;

  /** Makes two tokens, logs in to one of them and makes a key in each world. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    plaintext = new byte[4096];
    aad = new byte[32];
    random.nextBytes(plaintext);
    random.nextBytes(aad);

    Path module =
        Path.of(System.getProperty("cks.pkcs11.module", "/usr/lib/softhsm/libsofthsm2.so"));
    String cryptoLabel = newToken()[0];
    String loginLabel = newToken()[0];
    String sunPkcs11Slot = newToken()[1];
    cluster = HsmCluster.open(ClusterDescriptor.forToken(module, cryptoLabel));
    kmsuser = cluster.login("kmsuser", Secret.of(PASSWORD));
    tokenKey = kmsuser.generateKey("arn:aws:kms:us-east-1:111122223333:key/bench");
    loginCluster = HsmCluster.open(ClusterDescriptor.forToken(module, loginLabel));

    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    jdkKey = generator.generateKey();

    sunPkcs11 =
        Security.getProvider("SunPKCS11")
            .configure("--name=cksbench\nlibrary=" + module + "\nslot=" + sunPkcs11Slot + "\n");
    KeyStore keyStore = KeyStore.getInstance("PKCS11", sunPkcs11);
    keyStore.load(null, ("kmsuser:" + PASSWORD).toCharArray());
    KeyGenerator tokenGenerator = KeyGenerator.getInstance("AES", sunPkcs11);
    tokenGenerator.init(256);
    // Stored as a token object, like the adapter's keys, so both paths use the same kind of key.
    keyStore.setEntry("bench", new KeyStore.SecretKeyEntry(tokenGenerator.generateKey()), null);
    sunPkcs11Key = (SecretKey) keyStore.getKey("bench", null);
  }

  /** Logs out and closes the sessions. */
  @TearDown(Level.Trial)
  public void tearDown() {
    kmsuser.close();
    cluster.close();
    loginCluster.close();
  }

  /** One 4 KiB encryption through the PKCS#11 token, with a session from the pool. */
  @Benchmark
  public GcmCiphertext encrypt4KiBOnToken() {
    return kmsuser.encrypt(tokenKey, plaintext, aad);
  }

  /** The same encryption in the JDK's SunJCE provider. */
  @Benchmark
  public byte[] encrypt4KiBInJdk() throws GeneralSecurityException {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  /**
   * The same encryption on the same kind of token through the JDK's SunPKCS11 provider, to tell the
   * token's own cost from this adapter's.
   */
  @Benchmark
  public byte[] encrypt4KiBOnTokenViaSunPkcs11() throws GeneralSecurityException {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", sunPkcs11);
    cipher.init(Cipher.ENCRYPT_MODE, sunPkcs11Key, new GCMParameterSpec(128, iv));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  /** A crypto-user login and logout on an open cluster. */
  @Benchmark
  public boolean loginAndLogout() {
    try (CryptoUserSession session = loginCluster.login("kmsuser", Secret.of(PASSWORD))) {
      return session.isOpen();
    }
  }

  private static String[] newToken() {
    return SoftHsmTokens.create(PASSWORD);
  }
}
