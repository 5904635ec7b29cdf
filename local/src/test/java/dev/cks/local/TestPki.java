package dev.cks.local;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority and the server certificates it issues, with any names and validity
 * period, as PEM files a {@link LocalXksProxy} can present. Keys are ECDSA P-256.
 */
final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String caName;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestPki(String caName) {
    this.caName = caName;
    this.caKeys = keyPair();
    Instant now = Instant.now();
    this.caCertificate =
        sign(
            new JcaX509v3CertificateBuilder(
                new X500Name(caName),
                serial(),
                Date.from(now.minusSeconds(86_400L * 800)),
                Date.from(now.plusSeconds(86_400L * 3650)),
                new X500Name(caName),
                caKeys.getPublic()),
            true);
  }

  /** A fresh certificate authority with the given distinguished name, such as {@code CN=x}. */
  static TestPki authority(String caName) {
    return new TestPki(caName);
  }

  /** The authority's certificate as PEM. */
  String caPem() {
    return pem(caCertificate);
  }

  /** The authority's certificate. */
  X509Certificate caCertificate() {
    return caCertificate;
  }

  /**
   * Issues a server certificate with common name {@code cn}, the given DNS names and validity, and
   * writes it with the authority's certificate (leaf first) and its PKCS#8 key into {@code dir}.
   */
  Issued issue(Path dir, String cn, List<String> dnsNames, Instant notBefore, Instant notAfter) {
    KeyPair keys = keyPair();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(caName),
            serial(),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name("CN=" + cn),
            keys.getPublic());
    try {
      GeneralName[] names =
          dnsNames.stream()
              .map(n -> new GeneralName(GeneralName.dNSName, n))
              .toArray(GeneralName[]::new);
      if (names.length > 0) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    X509Certificate certificate = sign(builder, false);
    try {
      Path chain = Files.createTempFile(dir, "chain", ".pem");
      Files.writeString(chain, pem(certificate) + pem(caCertificate));
      Path key = Files.createTempFile(dir, "key", ".pem");
      Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
      return new Issued(certificate, keys, chain, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A server's TLS context presenting {@code issued} with the authority's certificate. */
  SSLContext serverContext(Issued issued) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "server",
          issued.keys().getPrivate(),
          new char[0],
          new X509Certificate[] {issued.certificate(), caCertificate});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
      keyManagers.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, boolean ca) {
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof JcaPKCS8Generator) {
        writer.writeObject((JcaPKCS8Generator) object);
      } else {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** An issued certificate, its keys, and the PEM files of its chain and private key. */
  record Issued(X509Certificate certificate, KeyPair keys, Path chainPem, Path keyPem) {}
}
