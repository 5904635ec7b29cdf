package dev.cks.cli;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates a CloudHSM cluster is initialized with, made up for the demo: a self-signed
 * customer CA (the trust anchor) and the cluster certificate it issues.
 */
final class DemoPki {

  private DemoPki() {}

  /** The customer CA and the cluster certificate, both as PEM. */
  static String[] caAndClusterCertificate(String clusterId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair ca = generator.generateKeyPair();
      KeyPair cluster = generator.generateKeyPair();
      X500Name caName = new X500Name("CN=Demo Customer CA");
      X509Certificate caCertificate = issue(caName, ca.getPublic(), caName, ca.getPrivate(), true);
      X509Certificate clusterCertificate =
          issue(
              new X500Name("CN=HSM:" + clusterId),
              cluster.getPublic(),
              caName,
              ca.getPrivate(),
              false);
      return new String[] {pem(caCertificate), pem(clusterCertificate)};
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make the demo's certificates", e);
    }
  }

  private static X509Certificate issue(
      X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, boolean ca)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(ca ? 0 : 1)),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(30, ChronoUnit.DAYS)),
            subject,
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static String pem(X509Certificate certificate)
      throws java.security.cert.CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
