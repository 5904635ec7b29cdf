package dev.cks.check;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads PEM certificates for a proxy check's trust. */
final class Pem {

  private Pem() {}

  /**
   * The certificates of the {@code CERTIFICATE} blocks in the text.
   *
   * @throws IllegalArgumentException if there is none, or one cannot be read
   */
  static List<X509Certificate> certificates(String pem) {
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("the trusted PEM text holds no CERTIFICATE block");
    }
    List<X509Certificate> found = new ArrayList<>();
    try {
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        found.add((X509Certificate) certificate);
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "the trusted PEM text holds a certificate that cannot be read: " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("the trusted PEM text holds no CERTIFICATE block");
    }
    return found;
  }
}
