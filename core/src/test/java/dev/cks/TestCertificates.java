package dev.cks;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates shaped like a CloudHSM cluster's: a self-signed customer CA and what it issues. */
final class TestCertificates {

  /** A self-signed CA, like the customerCA.crt made when a cluster is initialized. */
  static final String CUSTOMER_CA;

  /** A certificate the customer CA issued, like a cluster certificate: not self-signed, no CA. */
  static final String CLUSTER_CERTIFICATE;

  /** A self-signed certificate that is not a CA. */
  static final String SELF_SIGNED_LEAF;

  /** The cluster certificate followed by the customer CA. */
  static final String CHAIN;

  static {
    try {
      KeyPair caKeys = keyPair();
      X509Certificate ca =
          certificate("CN=Customer CA", caKeys, "CN=Customer CA", caKeys.getPrivate(), true);
      KeyPair clusterKeys = keyPair();
      X509Certificate cluster =
          certificate(
              "CN=cluster-234abcdefABC", clusterKeys, "CN=Customer CA", caKeys.getPrivate(), false);
      KeyPair leafKeys = keyPair();
      X509Certificate leaf =
          certificate("CN=Lonely Leaf", leafKeys, "CN=Lonely Leaf", leafKeys.getPrivate(), false);
      CUSTOMER_CA = pem(ca);
      CLUSTER_CERTIFICATE = pem(cluster);
      SELF_SIGNED_LEAF = pem(leaf);
      CHAIN = CLUSTER_CERTIFICATE + CUSTOMER_CA;
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TestCertificates() {}

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey, boolean ca)
      throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(subject.hashCode() & 0x7fffffffL),
            Date.from(now),
            Date.from(now.plus(3650, ChronoUnit.DAYS)),
            new X500Name(subject),
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
  }
}
