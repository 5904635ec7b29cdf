package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustAnchorVerificationTest {

  private final TestCertificates certs = TestCertificates.INSTANCE;

  @Test
  void verify_withTheSigningCa_matches() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(certs.customerCa, certs.clusterCertificate);

    assertThat(result.matches()).isTrue();
    assertThat(result.detail())
        .isEqualTo(
            "the cluster certificate CN=HSM:cluster-testabcdefgh:PARTN:0\\, for FIPS mode chains"
                + " to the trust anchor CN=Example Customer CA.");
  }

  @Test
  void verify_withAnotherCaOfTheSameName_doesNotMatch() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(certs.otherCaSameName, certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail())
        .startsWith(
            "the cluster certificate CN=HSM:cluster-testabcdefgh:PARTN:0\\, for FIPS mode does"
                + " not chain to the trust anchor CN=Example Customer CA: ");
  }

  @Test
  void verify_withAnotherCaOfAnotherName_doesNotMatch() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(certs.otherCaOtherName, certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail()).contains("does not chain to the trust anchor CN=Other CA");
  }

  @Test
  void verify_withTheClusterCertificateAsAnchor_failsAsNotSelfSigned() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(certs.clusterCertificate, certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail())
        .isEqualTo(
            "the trust anchor is not self-signed: its issuer CN=Example Customer CA"
                + " differs from its subject CN=HSM:cluster-testabcdefgh:PARTN:0\\, for FIPS"
                + " mode.");
  }

  @Test
  void verify_withSelfSignedNonCa_failsOnBasicConstraints() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(certs.notCa, certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail())
        .isEqualTo("the trust anchor is not a CA certificate: BasicConstraints does not allow it.");
  }

  @Test
  void verify_withCaCertificateWithoutExtensions_matches() {
    assertThat(
            TrustAnchorVerification.verify(certs.caWithoutExtensions, certs.clusterCertificate)
                .matches())
        .isTrue();
  }

  @Test
  void verify_withGarbageAnchor_failsToParse() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(
            "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
            certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail()).startsWith("the trust anchor is not a PEM X.509 certificate: ");
  }

  @Test
  void verify_withEmptyAnchor_failsAsNoCertificate() {
    TrustAnchorVerification result = TrustAnchorVerification.verify("", certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail()).isEqualTo("the trust anchor must be one certificate, found 0.");
  }

  @Test
  void verify_withTwoCertificatesAsAnchor_isRejected() {
    TrustAnchorVerification result =
        TrustAnchorVerification.verify(
            certs.customerCa + certs.otherCaOtherName, certs.clusterCertificate);

    assertThat(result.matches()).isFalse();
    assertThat(result.detail()).isEqualTo("the trust anchor must be one certificate, found 2.");
  }
}
