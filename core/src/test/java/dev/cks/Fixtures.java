package dev.cks;

/** Valid values from the KMS documentation's examples, with the access key id corrected. */
final class Fixtures {

  static final String ACCESS_KEY_ID = "BCDEFGHIJKLMNOPQRSTU";
  static final String RAW_SECRET = "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=";
  static final String SERVICE_NAME = "com.amazonaws.vpce.us-east-1.vpce-svc-example1";
  static final String PASSWORD = "kmsPswd";

  private Fixtures() {}

  static XksProxyCredential credential() {
    return XksProxyCredential.of(ACCESS_KEY_ID, Secret.of(RAW_SECRET));
  }

  static ImmutableCloudHsmKeyStoreSpec.BuildFinal hsm(
      String name, String clusterId, String trustAnchor, String password) {
    return CloudHsmKeyStoreSpec.builder()
        .name(name)
        .cloudHsmClusterId(clusterId)
        .trustAnchorCertificate(trustAnchor)
        .keyStorePassword(Secret.of(password));
  }

  static ImmutableCloudHsmKeyStoreSpec.BuildFinal hsm() {
    return hsm("ExampleKeyStore", "cluster-234abcdefABC", TestCertificates.CUSTOMER_CA, PASSWORD);
  }

  static ImmutableCloudHsmKeyStoreSpec validHsm() {
    return (ImmutableCloudHsmKeyStoreSpec) hsm().build();
  }

  static ImmutableExternalKeyStoreSpec validXks() {
    return (ImmutableExternalKeyStoreSpec) xks().build();
  }

  static ImmutableExternalKeyStoreSpec.BuildFinal xks(String endpoint, String path) {
    return ExternalKeyStoreSpec.builder()
        .name("ExamplePublicEndpointKeyStore")
        .proxyUriEndpoint(endpoint)
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath(path)
        .proxyCredential(credential());
  }

  static ImmutableExternalKeyStoreSpec.BuildFinal xks() {
    return xks("https://myproxy.xks.example.com", "/kms/xks/v1");
  }
}
