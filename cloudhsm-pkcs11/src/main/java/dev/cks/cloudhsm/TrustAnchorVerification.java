package dev.cks.cloudhsm;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a certificate is the trust anchor of an HSM cluster: the self-signed CA certificate
 * ({@code customerCA.crt}) that signed the cluster certificate when the cluster was initialised.
 *
 * <p>KMS makes this check when a CloudHSM key store is created and answers {@code
 * IncorrectTrustAnchorException} when it fails. The check here: the anchor parses as one X.509
 * certificate, is self-signed, is a CA (BasicConstraints, required when the certificate has
 * extensions at all, as RFC 5280 lets a version 1 CA certificate have none), and the cluster
 * certificate validates under it with PKIX, revocation checking off.
 *
 * <pre>{@code
 * TrustAnchorVerification result = TrustAnchorVerification.verify(customerCaPem, clusterCertPem);
 * if (!result.matches()) {
 *   System.out.println(result.detail());
 * }
 * }</pre>
 */
public final class TrustAnchorVerification {

  private final boolean matches;
  private final String detail;

  private TrustAnchorVerification(boolean matches, String detail) {
    this.matches = matches;
    this.detail = detail;
  }

  /**
   * Verifies that {@code clusterCertificatePem} chains to {@code trustAnchorPem}.
   *
   * @param trustAnchorPem the PEM text of the CA certificate offered as the trust anchor
   * @param clusterCertificatePem the PEM text of the cluster certificate, optionally followed by
   *     intermediate certificates
   */
  public static TrustAnchorVerification verify(
      String trustAnchorPem, String clusterCertificatePem) {
    Objects.requireNonNull(trustAnchorPem, "trustAnchorPem");
    Objects.requireNonNull(clusterCertificatePem, "clusterCertificatePem");
    List<X509Certificate> anchors;
    try {
      anchors = parse(trustAnchorPem);
    } catch (CertificateException e) {
      return fail("the trust anchor is not a PEM X.509 certificate: " + e.getMessage());
    }
    if (anchors.size() != 1) {
      return fail("the trust anchor must be one certificate, found " + anchors.size());
    }
    X509Certificate anchor = anchors.get(0);
    if (!anchor.getSubjectX500Principal().equals(anchor.getIssuerX500Principal())) {
      return fail(
          "the trust anchor is not self-signed: its issuer "
              + anchor.getIssuerX500Principal().getName()
              + " differs from its subject "
              + anchor.getSubjectX500Principal().getName());
    }
    try {
      anchor.verify(anchor.getPublicKey());
    } catch (GeneralSecurityException e) {
      return fail("the trust anchor is not self-signed: its signature does not verify");
    }
    if (hasExtensions(anchor) && anchor.getBasicConstraints() < 0) {
      return fail("the trust anchor is not a CA certificate: BasicConstraints does not allow it");
    }

    List<X509Certificate> chain;
    try {
      chain = parse(clusterCertificatePem);
    } catch (CertificateException e) {
      return fail("the cluster certificate is not a PEM X.509 certificate: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      return fail("the cluster certificate is empty");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
    } catch (GeneralSecurityException e) {
      return fail(
          "the cluster certificate "
              + chain.get(0).getSubjectX500Principal().getName()
              + " does not chain to the trust anchor "
              + anchor.getSubjectX500Principal().getName()
              + ": "
              + e.getMessage());
    }
    return new TrustAnchorVerification(
        true,
        "the cluster certificate "
            + chain.get(0).getSubjectX500Principal().getName()
            + " chains to the trust anchor "
            + anchor.getSubjectX500Principal().getName()
            + ".");
  }

  private static boolean hasExtensions(X509Certificate certificate) {
    Set<String> critical = certificate.getCriticalExtensionOIDs();
    Set<String> other = certificate.getNonCriticalExtensionOIDs();
    return (critical != null && !critical.isEmpty()) || (other != null && !other.isEmpty());
  }

  private static TrustAnchorVerification fail(String detail) {
    return new TrustAnchorVerification(false, detail + ".");
  }

  private static List<X509Certificate> parse(String pem) throws CertificateException {
    Collection<? extends Certificate> certificates =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    List<X509Certificate> result = new ArrayList<>();
    for (Certificate certificate : certificates) {
      result.add((X509Certificate) certificate);
    }
    return result;
  }

  /** Whether the cluster certificate chains to the trust anchor. */
  public boolean matches() {
    return matches;
  }

  /** A plain sentence saying why it matches or not. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "TrustAnchorVerification[" + (matches ? "matches" : "does not match") + "]";
  }
}
