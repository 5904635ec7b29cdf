package dev.cks.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.cks.Secret;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.SoftHsm2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A made-up CloudHSM cluster on a fresh SoftHSM2 token, for {@link LocalKms}, demos and examples:
 * the token (labelled with the cluster id, with a crypto user), the customer CA that is the
 * cluster's trust anchor, the cluster certificate it issued, and the descriptor that makes the
 * cluster known to {@code LocalKms.Builder.hsmCluster}.
 *
 * <pre>{@code
 * SoftHsmCluster hsm =
 *     SoftHsmCluster.start("cluster-234abcdefABC", "kmsuser", Secret.of("kmsPswd"));
 * LocalKms kms = LocalKms.builder().hsmCluster(hsm.descriptor()).build();
 * }</pre>
 *
 * <p>SoftHSM2 reads its configuration, and finds its tokens, once per process: when the library is
 * first initialised. So every cluster of a process must be started before the first CloudHSM key
 * store connects. The tokens go into the token directory of the configuration named by {@code
 * SOFTHSM2_CONF} when it is set; otherwise into a temporary directory of this process, whose
 * configuration is then put into the process environment and which is deleted when the JVM exits.
 * SoftHSM2 must be installed ({@link SoftHsm2#library()}).
 */
public final class SoftHsmCluster {

  private static final Pattern TOKEN_DIR =
      Pattern.compile("^\\s*directories\\.tokendir\\s*=\\s*(\\S.*?)\\s*$", Pattern.MULTILINE);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> STARTED = new HashSet<>();
  private static Path configuration;

  private final String clusterId;
  private final String trustAnchorPem;
  private final String clusterCertificatePem;
  private final String descriptorJson;
  private final ClusterDescriptor descriptor;

  private SoftHsmCluster(
      String clusterId,
      String trustAnchorPem,
      String clusterCertificatePem,
      String descriptorJson) {
    this.clusterId = clusterId;
    this.trustAnchorPem = trustAnchorPem;
    this.clusterCertificatePem = clusterCertificatePem;
    this.descriptorJson = descriptorJson;
    this.descriptor = ClusterDescriptor.parse(descriptorJson);
  }

  /**
   * Makes a token labelled {@code clusterId} whose crypto user {@code user} has {@code password}
   * (its PIN is {@code user:password}, as with CloudHSM), with a new customer CA and cluster
   * certificate; the cluster has two active HSMs in two Availability Zones.
   *
   * @throws IllegalStateException if SoftHSM2 is not installed, a cluster of that id was started
   *     already in this process (two tokens of one label would be ambiguous), or a token cannot be
   *     made
   */
  public static SoftHsmCluster start(String clusterId, String user, Secret password) {
    Objects.requireNonNull(clusterId, "clusterId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Path library =
        SoftHsm2.library().orElseThrow(() -> new IllegalStateException(SoftHsm2.installAdvice()));
    synchronized (STARTED) {
      if (!STARTED.add(clusterId)) {
        throw new IllegalStateException(
            "a cluster " + clusterId + " was started already in this process");
      }
    }
    String soPin = Long.toString(10_000_000L + RANDOM.nextInt(89_999_999));
    SoftHsm2.initToken(configuration(), clusterId, soPin, user + ":" + password.reveal());
    String[] pki = pki(clusterId);
    return new SoftHsmCluster(
        clusterId, pki[0], pki[1], descriptorJson(library, clusterId, pki[1]));
  }

  /** The cluster id, which is also the token's label. */
  public String clusterId() {
    return clusterId;
  }

  /** The self-signed customer CA certificate (PEM): the key store's trust anchor. */
  public String trustAnchorPem() {
    return trustAnchorPem;
  }

  /** The cluster certificate (PEM), issued by the trust anchor. */
  public String clusterCertificatePem() {
    return clusterCertificatePem;
  }

  /** The cluster's descriptor, for {@code LocalKms.Builder.hsmCluster}. */
  public ClusterDescriptor descriptor() {
    return descriptor;
  }

  /**
   * Writes the descriptor as a file, for {@code cks serve --hsm-cluster} and {@code cks
   * check-cluster}. It holds no secret.
   */
  public void writeDescriptor(Path file) {
    try {
      Files.writeString(file, descriptorJson, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the descriptor to " + file, e);
    }
  }

  /** Names the cluster; never the password. */
  @Override
  public String toString() {
    return "SoftHsmCluster[" + clusterId + "]";
  }

  private static synchronized Path configuration() {
    if (configuration != null) {
      return configuration;
    }
    String given = System.getenv("SOFTHSM2_CONF");
    try {
      if (given != null && !given.isBlank()) {
        configuration = Path.of(given);
        Files.createDirectories(tokenDirectory(configuration));
        return configuration;
      }
      Path work = Files.createTempDirectory("cks-softhsm");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
      Path tokens = Files.createDirectory(work.resolve("tokens"));
      Path conf = work.resolve("softhsm2.conf");
      Files.writeString(
          conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n");
      if (LibC.INSTANCE.setenv("SOFTHSM2_CONF", conf.toString(), 1) != 0) {
        throw new IllegalStateException("cannot set SOFTHSM2_CONF in the process environment");
      }
      configuration = conf;
      return conf;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a SoftHSM2 token directory", e);
    }
  }

  private static Path tokenDirectory(Path conf) throws IOException {
    Matcher matcher = TOKEN_DIR.matcher(Files.readString(conf, StandardCharsets.UTF_8));
    if (!matcher.find()) {
      throw new IllegalStateException(conf + " names no directories.tokendir");
    }
    return Path.of(matcher.group(1));
  }

  private static String descriptorJson(Path library, String clusterId, String certificate) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("clusterId", clusterId);
    root.putObject("pkcs11").put("module", library.toString()).put("tokenLabel", clusterId);
    ArrayNode hsms = root.putArray("hsms");
    hsms.addObject()
        .put("id", "hsm-" + suffix(clusterId, 'a'))
        .put("availabilityZone", "us-east-1a")
        .put("state", "ACTIVE");
    hsms.addObject()
        .put("id", "hsm-" + suffix(clusterId, 'b'))
        .put("availabilityZone", "us-east-1b")
        .put("state", "ACTIVE");
    root.put("clusterCertificate", certificate);
    root.putArray("users").addObject().put("name", "kmsuser");
    return root.toPrettyString();
  }

  /** An HSM id suffix of 11 characters from {@code [2-7a-z]}, as CloudHSM ids have. */
  private static String suffix(String clusterId, char last) {
    String letters =
        clusterId.replaceFirst("^cluster-", "").toLowerCase(java.util.Locale.ROOT) + "abcdefghijk";
    return letters.replaceAll("[^2-7a-z]", "").substring(0, 10) + last;
  }

  private static String[] pki(String clusterId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair ca = generator.generateKeyPair();
      KeyPair cluster = generator.generateKeyPair();
      X500Name caName = new X500Name("CN=Customer CA of " + clusterId);
      X509CertificateHolder caCertificate =
          issue(caName, ca.getPublic(), caName, ca.getPrivate(), true);
      X509CertificateHolder clusterCertificate =
          issue(
              new X500Name("CN=HSM:" + clusterId),
              cluster.getPublic(),
              caName,
              ca.getPrivate(),
              false);
      return new String[] {TlsIdentity.toPem(caCertificate), TlsIdentity.toPem(clusterCertificate)};
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the certificates of " + clusterId, e);
    }
  }

  private static X509CertificateHolder issue(
      X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, boolean ca)
      throws OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, RANDOM).add(BigInteger.ONE),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(365, ChronoUnit.DAYS)),
            subject,
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(
          Extension.keyUsage,
          true,
          new org.bouncycastle.asn1.x509.KeyUsage(
              org.bouncycastle.asn1.x509.KeyUsage.keyCertSign
                  | org.bouncycastle.asn1.x509.KeyUsage.cRLSign));
    }
    return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A token file still open at exit stays behind in the temporary directory.
    }
  }

  /** The C library's {@code setenv}, so that SoftHSM2 sees the configuration of this process. */
  private interface LibC extends Library {
    LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

    int setenv(String name, String value, int overwrite);
  }
}
