package dev.cks;

/** Lets tests in other packages use the test certificates. */
public final class TestCertificatesAccess {

  private TestCertificatesAccess() {}

  /** A self-signed CA certificate in PEM. */
  public static String customerCa() {
    return TestCertificates.CUSTOMER_CA;
  }
}
