package dev.cks.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** A private key and its certificate chain, generated or read from PEM. */
final class TlsIdentity {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;

  TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = privateKey;
    this.chain = List.copyOf(chain);
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  /**
   * A self-signed ECDSA P-256 certificate, valid for a year, for the given DNS names and IP
   * addresses. It is its own certificate authority, so that clients can trust exactly it.
   */
  static TlsIdentity generate(List<String> hostnames, String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, RANDOM).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              pair.getPublic());
      List<GeneralName> names = new ArrayList<>();
      for (String host : hostnames) {
        names.add(
            isIpLiteral(host)
                ? new GeneralName(GeneralName.iPAddress, host)
                : new GeneralName(GeneralName.dNSName, host));
      }
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      return new TlsIdentity(pair.getPrivate(), List.of(certificate));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate a TLS certificate", e);
    }
  }

  /**
   * Reads a certificate chain (leaf first) and its private key (PKCS#8, or a traditional EC or RSA
   * key) from PEM files.
   *
   * @throws IllegalArgumentException if a file holds no such PEM; never shows key bytes
   */
  static TlsIdentity read(Path certificatePem, Path privateKeyPem) {
    List<X509Certificate> chain = readCertificates(certificatePem);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(certificatePem + " holds no PEM CERTIFICATE");
    }
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(privateKeyPem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      PrivateKey key;
      if (object instanceof PEMKeyPair) {
        key = converter.getKeyPair((PEMKeyPair) object).getPrivate();
      } else if (object instanceof PrivateKeyInfo) {
        key = converter.getPrivateKey((PrivateKeyInfo) object);
      } else {
        throw new IllegalArgumentException(privateKeyPem + " holds no unencrypted PEM private key");
      }
      return new TlsIdentity(key, chain);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + privateKeyPem, e);
    }
  }

  static List<X509Certificate> readCertificates(Path pem) {
    try {
      return parseCertificates(Files.readString(pem, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pem, e);
    }
  }

  static List<X509Certificate> parseCertificates(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder) {
          out.add(converter.getCertificate((X509CertificateHolder) o));
        }
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read PEM certificates: " + e.getMessage(), e);
    }
  }

  /** The certificate chain as PEM text. */
  String certificatePem() {
    return toPem(chain.toArray());
  }

  /** The private key as PKCS#8 PEM text. */
  String privateKeyPem() {
    try {
      return toPem(new JcaPKCS8Generator(privateKey, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PEM text of certificates, keys or PEM generators, one after the other. */
  static String toPem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof PemObjectGenerator) {
          writer.writeObject((PemObjectGenerator) o);
        } else {
          writer.writeObject(o);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
