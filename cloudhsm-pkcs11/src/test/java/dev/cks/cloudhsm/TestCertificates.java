package dev.cks.cloudhsm;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A customer CA and the cluster certificate it signs, as at the initialisation of an AWS CloudHSM
 * cluster, plus the wrong certificates a user might offer instead. Made once per test run, because
 * RSA key generation is slow.
 */
final class TestCertificates {

  static final String CA_DN = "CN=Example Customer CA";
  static final String CLUSTER_DN = "CN=HSM:cluster-testabcdefgh:PARTN:0\\, for FIPS mode";

  static final TestCertificates INSTANCE = make();

  final String customerCa;
  final String clusterCertificate;
  final String otherCaSameName;
  final String otherCaOtherName;
  final String notCa;
  final String caWithoutExtensions;

  private TestCertificates(
      String customerCa,
      String clusterCertificate,
      String otherCaSameName,
      String otherCaOtherName,
      String notCa,
      String caWithoutExtensions) {
    this.customerCa = customerCa;
    this.clusterCertificate = clusterCertificate;
    this.otherCaSameName = otherCaSameName;
    this.otherCaOtherName = otherCaOtherName;
    this.notCa = notCa;
    this.caWithoutExtensions = caWithoutExtensions;
  }

  private static TestCertificates make() {
    try {
      KeyPair ca = rsa();
      KeyPair hsm = rsa();
      KeyPair other = rsa();
      X509Certificate caCert = certificate(CA_DN, ca, CA_DN, ca, true, true);
      return new TestCertificates(
          pem(caCert),
          pem(certificate(CLUSTER_DN, hsm, CA_DN, ca, false, true)),
          pem(certificate(CA_DN, other, CA_DN, other, true, true)),
          pem(certificate("CN=Other CA", other, "CN=Other CA", other, true, true)),
          pem(certificate(CA_DN, ca, CA_DN, ca, false, true)),
          pem(certificate(CA_DN, ca, CA_DN, ca, true, false)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  private static KeyPair rsa() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      boolean extensions)
      throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            new X500Name(subject),
            subjectKeys.getPublic());
    if (extensions) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      }
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    return text.toString();
  }
}
