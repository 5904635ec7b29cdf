package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One test per rule of the KMS model and documentation, each asserting the whole message. */
class ValidationRulesTest {

  private static String failure(ThrowingCallable build) {
    ValidationException e = catchThrowableOfType(ValidationException.class, build);
    assertThat(e).as("expected a ValidationException").isNotNull();
    assertThat(e.errorName()).isEqualTo("ValidationException");
    assertThat(e.httpStatus()).isEqualTo(400);
    return e.getMessage();
  }

  @Test
  void build_withDocumentationExamples_succeeds() {
    CloudHsmKeyStoreSpec hsm = Fixtures.hsm().build();
    ExternalKeyStoreSpec pub = Fixtures.xks().build();
    ExternalKeyStoreSpec vpc =
        ExternalKeyStoreSpec.builder()
            .name("ExampleVPCEndpointKeyStore")
            .proxyUriEndpoint("https://myproxy-private.xks.example.com")
            .connectivity(XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME))
            .proxyUriPath("/example-prefix/kms/xks/v1")
            .proxyCredential(Fixtures.credential())
            .build();

    assertThat(hsm.type()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
    assertThat(pub.connectivity().type()).isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
    assertThat(vpc.connectivity()).isInstanceOf(VpcEndpointService.class);
    assertThat(vpc.type()).isEqualTo(CustomKeyStoreType.EXTERNAL_KEY_STORE);
  }

  // CustomKeyStoreName

  @Test
  void build_withEmptyName_failsNamingCustomKeyStoreName() {
    assertThat(
            failure(
                () ->
                    Fixtures.hsm(
                            "", "cluster-234abcdefABC", TestCertificates.CUSTOMER_CA, "kmsPswd")
                        .build()))
        .isEqualTo("CustomKeyStoreName must be 1 to 256 characters long, was \"\" (0 characters)");
  }

  @Test
  void build_withNameOf257Characters_failsNamingCustomKeyStoreName() {
    String name = "n".repeat(257);
    assertThat(failure(() -> Fixtures.validXks().withName(name)))
        .isEqualTo(
            "CustomKeyStoreName must be 1 to 256 characters long, was \""
                + "n".repeat(80)
                + "...\" (257 characters)");
  }

  // CloudHsmClusterId

  @Test
  void build_withLongClusterId_failsNamingCloudHsmClusterIdLength() {
    assertThat(
            failure(() -> Fixtures.validHsm().withCloudHsmClusterId("cluster-234abcdefABCDEFGH")))
        .isEqualTo(
            "CloudHsmClusterId must be 19 to 24 characters long,"
                + " was \"cluster-234abcdefABCDEFGH\" (25 characters)");
  }

  @Test
  void build_withClusterIdOutsidePattern_failsNamingCloudHsmClusterIdPattern() {
    assertThat(failure(() -> Fixtures.validHsm().withCloudHsmClusterId("cluster-0123456789ab")))
        .isEqualTo(
            "CloudHsmClusterId must contain cluster- followed by 11 to 16 of [2-7a-zA-Z],"
                + " was \"cluster-0123456789ab\"");
  }

  @Test
  void build_withClusterIdInsideLongerText_succeedsBecauseTheModelPatternIsUnanchored() {
    assertThat(
            Fixtures.validHsm()
                .withCloudHsmClusterId("my-cluster-234abcdefABC")
                .cloudHsmClusterId())
        .isEqualTo("my-cluster-234abcdefABC");
  }

  // TrustAnchorCertificate

  @Test
  void build_withDocumentationPlaceholderTrustAnchor_failsSayingItIsNoCertificate() {
    assertThat(
            failure(
                () -> Fixtures.validHsm().withTrustAnchorCertificate("<certificate-goes-here>")))
        .isEqualTo(
            "TrustAnchorCertificate must be a PEM-encoded X.509 certificate,"
                + " was \"<certificate-goes-here>\"");
  }

  @Test
  void build_withEmptyTrustAnchor_failsNamingTrustAnchorCertificateLength() {
    assertThat(failure(() -> Fixtures.validHsm().withTrustAnchorCertificate("")))
        .isEqualTo(
            "TrustAnchorCertificate must be 1 to 5000 characters long, was \"\" (0 characters)");
  }

  @Test
  void build_withTrustAnchorOver5000Characters_failsNamingTrustAnchorCertificateLength() {
    String padded =
        TestCertificates.CUSTOMER_CA + "\n".repeat(5001 - TestCertificates.CUSTOMER_CA.length());
    String message = failure(() -> Fixtures.validHsm().withTrustAnchorCertificate(padded));
    assertThat(message)
        .isEqualTo(
            "TrustAnchorCertificate must be 1 to 5000 characters long, was \""
                + padded.substring(0, 80).replace("\n", "\\n")
                + "...\" (5001 characters)");
  }

  @Test
  void build_withChainAsTrustAnchor_failsSayingItIsAChain() {
    assertThat(
            failure(() -> Fixtures.validHsm().withTrustAnchorCertificate(TestCertificates.CHAIN)))
        .isEqualTo(
            "TrustAnchorCertificate must be a single certificate, was a chain of 2 certificates");
  }

  @Test
  void build_withClusterCertificateAsTrustAnchor_failsSayingItIsALeaf() {
    assertThat(
            failure(
                () ->
                    Fixtures.validHsm()
                        .withTrustAnchorCertificate(TestCertificates.CLUSTER_CERTIFICATE)))
        .isEqualTo(
            "2 validation errors: TrustAnchorCertificate must be a self-signed certificate (the"
                + " cluster's customerCA.crt), was a certificate for \"CN=cluster-234abcdefABC\""
                + " issued by \"CN=Customer CA\": a leaf or intermediate certificate, such as a"
                + " cluster certificate; TrustAnchorCertificate must be a certificate authority"
                + " (basic constraints CA:TRUE), was a certificate for \"CN=cluster-234abcdefABC\""
                + " that is not a CA");
  }

  @Test
  void build_withSelfSignedLeafAsTrustAnchor_failsSayingItIsNotACa() {
    assertThat(
            failure(
                () ->
                    Fixtures.validHsm()
                        .withTrustAnchorCertificate(TestCertificates.SELF_SIGNED_LEAF)))
        .isEqualTo(
            "TrustAnchorCertificate must be a certificate authority (basic constraints CA:TRUE),"
                + " was a certificate for \"CN=Lonely Leaf\" that is not a CA");
  }

  // KeyStorePassword

  @Test
  void build_withShortPassword_failsNamingKeyStorePasswordByLengthOnly() {
    assertThat(failure(() -> Fixtures.validHsm().withKeyStorePassword(Secret.of("hunter"))))
        .isEqualTo(
            "KeyStorePassword must be 7 to 32 characters long, was a secret of 6 characters");
  }

  @Test
  void build_withLongPassword_failsNamingKeyStorePasswordByLengthOnly() {
    assertThat(failure(() -> Fixtures.validHsm().withKeyStorePassword(Secret.of("p".repeat(33)))))
        .isEqualTo(
            "KeyStorePassword must be 7 to 32 characters long, was a secret of 33 characters");
  }

  // XksProxyUriEndpoint

  @Test
  void build_withShortEndpoint_failsNamingXksProxyUriEndpointLength() {
    assertThat(failure(() -> Fixtures.xks("https://a", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must be 10 to 128 characters long, was \"https://a\""
                + " (9 characters)");
  }

  @Test
  void build_withHttpEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(failure(() -> Fixtures.xks("http://myproxy.example.com", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must start with https://, was \"http://myproxy.example.com\"");
  }

  @Test
  void build_withTrailingSlashInEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(failure(() -> Fixtures.xks("https://myproxy.example.com/", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must not have a path or a trailing slash,"
                + " was \"https://myproxy.example.com/\"");
  }

  @Test
  void build_withPortInEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(
            failure(() -> Fixtures.xks("https://myproxy.example.com:6443", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must not have a port; KMS always connects to port 443,"
                + " was \"https://myproxy.example.com:6443\"");
  }

  @Test
  void build_withIpAddressEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(failure(() -> Fixtures.xks("https://10.0.0.15", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must name a host by DNS name, not by IP address,"
                + " was \"https://10.0.0.15\"");
  }

  @Test
  void build_withUnderscoreInEndpoint_failsNamingTheCharacter() {
    assertThat(failure(() -> Fixtures.xks("https://my_proxy.example.com", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint may contain only letters, digits, '.' and '-' after https://,"
                + " was \"https://my_proxy.example.com\": '_' is not allowed");
  }

  @Test
  void build_withEmptyDnsLabelInEndpoint_failsNamingXksProxyUriEndpoint() {
    assertThat(failure(() -> Fixtures.xks("https://myproxy..example.com", "/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriEndpoint must be https:// followed by a DNS name: labels of 1 to 63"
                + " letters, digits or hyphens, not starting or ending with a hyphen, joined by"
                + " single dots, was \"https://myproxy..example.com\"");
  }

  @Test
  void build_withSchemeOnlyEndpoint_failsNamingTheModelPattern() {
    assertThat(failure(() -> Fixtures.xks("https://", "/kms/xks/v1").build()))
        .isEqualTo(
            "2 validation errors: XksProxyUriEndpoint must be 10 to 128 characters long, was"
                + " \"https://\" (8 characters); XksProxyUriEndpoint must match"
                + " ^https://[a-zA-Z0-9.-]+$, was \"https://\"");
  }

  // XksProxyUriPath

  @Test
  void build_withPathOf129Characters_failsNamingXksProxyUriPathLength() {
    String path = "/" + "p".repeat(117) + "/kms/xks/v1";
    assertThat(failure(() -> Fixtures.xks("https://myproxy.example.com", path).build()))
        .isEqualTo(
            "XksProxyUriPath must be 10 to 128 characters long, was \""
                + path.substring(0, 80)
                + "...\" (129 characters)");
  }

  @Test
  void build_withRelativePath_failsNamingXksProxyUriPath() {
    assertThat(
            failure(() -> Fixtures.xks("https://myproxy.example.com", "prefix/kms/xks/v1").build()))
        .isEqualTo("XksProxyUriPath must start with /, was \"prefix/kms/xks/v1\"");
  }

  @Test
  void build_withPathWithoutVersion_failsNamingXksProxyUriPath() {
    assertThat(
            failure(() -> Fixtures.xks("https://myproxy.example.com", "/prefix/kms/xks").build()))
        .isEqualTo("XksProxyUriPath must end with /kms/xks/v1, was \"/prefix/kms/xks\"");
  }

  @Test
  void build_withOtherModelVersionInPath_succeeds() {
    assertThat(Fixtures.xks("https://myproxy.example.com", "/kms/xks/v12").build().proxyUriPath())
        .isEqualTo("/kms/xks/v12");
  }

  @Test
  void build_withDotInPathPrefix_failsNamingTheCharacter() {
    assertThat(
            failure(() -> Fixtures.xks("https://myproxy.example.com", "/v1.0/kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriPath may contain only letters, digits, '/', '_' and '-' before"
                + " /kms/xks/v1, was \"/v1.0/kms/xks/v1\": '.' is not allowed");
  }

  @Test
  void build_withDoubleSlashPath_failsNamingTheModelPattern() {
    assertThat(failure(() -> Fixtures.xks("https://myproxy.example.com", "//kms/xks/v1").build()))
        .isEqualTo(
            "XksProxyUriPath must match"
                + " ^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$,"
                + " was \"//kms/xks/v1\"");
  }

  // XksProxyVpcEndpointServiceName and XksProxyVpcEndpointServiceOwner

  @Test
  void vpcEndpointService_withShortName_failsNamingLength() {
    assertThat(failure(() -> XksProxyConnectivity.vpcEndpointService("com.amazonaws.vpce")))
        .isEqualTo(
            "3 validation errors: XksProxyVpcEndpointServiceName must be 20 to 64 characters"
                + " long, was \"com.amazonaws.vpce\" (18 characters);"
                + " XksProxyVpcEndpointServiceName must start with com.amazonaws.vpce. or"
                + " eu.amazonaws.vpce., was \"com.amazonaws.vpce\";"
                + " XksProxyVpcEndpointServiceName must end with .vpce-svc- followed by lowercase"
                + " letters and digits, was \"com.amazonaws.vpce\"");
  }

  @Test
  void vpcEndpointService_withLongName_failsNamingLength() {
    String name = "com.amazonaws.vpce.us-east-1.vpce-svc-" + "a".repeat(27);
    assertThat(failure(() -> XksProxyConnectivity.vpcEndpointService(name)))
        .isEqualTo(
            "XksProxyVpcEndpointServiceName must be 20 to 64 characters long, was \""
                + name
                + "\" (65 characters)");
  }

  @Test
  void vpcEndpointService_withWrongPrefix_failsNamingXksProxyVpcEndpointServiceName() {
    assertThat(
            failure(
                () ->
                    XksProxyConnectivity.vpcEndpointService(
                        "org.amazonaws.vpce.us-east-1.vpce-svc-example1")))
        .isEqualTo(
            "XksProxyVpcEndpointServiceName must start with com.amazonaws.vpce. or"
                + " eu.amazonaws.vpce., was \"org.amazonaws.vpce.us-east-1.vpce-svc-example1\"");
  }

  @Test
  void vpcEndpointService_withUppercaseServiceId_failsNamingXksProxyVpcEndpointServiceName() {
    assertThat(
            failure(
                () ->
                    XksProxyConnectivity.vpcEndpointService(
                        "com.amazonaws.vpce.us-east-1.vpce-svc-Example1")))
        .isEqualTo(
            "XksProxyVpcEndpointServiceName must end with .vpce-svc- followed by lowercase"
                + " letters and digits, was \"com.amazonaws.vpce.us-east-1.vpce-svc-Example1\"");
  }

  @Test
  void vpcEndpointService_withMalformedRegion_failsNamingTheModelPattern() {
    assertThat(
            failure(
                () ->
                    XksProxyConnectivity.vpcEndpointService(
                        "com.amazonaws.vpce.useast1.vpce-svc-example1")))
        .isEqualTo(
            "XksProxyVpcEndpointServiceName must match"
                + " ^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$,"
                + " a Region such as us-east-1 between com.amazonaws.vpce. and .vpce-svc-,"
                + " was \"com.amazonaws.vpce.useast1.vpce-svc-example1\"");
  }

  @Test
  void vpcEndpointService_withElevenDigitOwner_failsNamingXksProxyVpcEndpointServiceOwner() {
    assertThat(
            failure(
                () ->
                    XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME, "11112222333")))
        .isEqualTo("XksProxyVpcEndpointServiceOwner must be 12 digits, was \"11112222333\"");
  }

  @Test
  void vpcEndpointService_withLetterInOwner_failsNamingXksProxyVpcEndpointServiceOwner() {
    assertThat(
            failure(
                () ->
                    XksProxyConnectivity.vpcEndpointService(Fixtures.SERVICE_NAME, "11112222333O")))
        .isEqualTo("XksProxyVpcEndpointServiceOwner must be 12 digits, was \"11112222333O\"");
  }

  // XksProxyAuthenticationCredential

  @Test
  void credential_withDocumentationAccessKeyId_failsSayingOneAndZeroAreOutsideTheAlphabet() {
    assertThat(
            failure(
                () ->
                    XksProxyCredential.of("ABCDE12345670EXAMPLE", Secret.of(Fixtures.RAW_SECRET))))
        .isEqualTo(
            "XksProxyAuthenticationCredential.AccessKeyId must contain only A-Z and 2-7, was"
                + " \"ABCDE12345670EXAMPLE\": '1' and '0' are outside [A-Z2-7]; this is the"
                + " example access key id of the KMS documentation, which KMS rejects");
  }

  @Test
  void credential_withLowercaseAccessKeyId_failsNamingTheCharacters() {
    assertThat(
            failure(
                () ->
                    XksProxyCredential.of("BCDEFGHIJKLMNOPQRSTu", Secret.of(Fixtures.RAW_SECRET))))
        .isEqualTo(
            "XksProxyAuthenticationCredential.AccessKeyId must contain only A-Z and 2-7, was"
                + " \"BCDEFGHIJKLMNOPQRSTu\": 'u' is outside [A-Z2-7]");
  }

  @Test
  void credential_withShortAccessKeyId_failsNamingLength() {
    assertThat(
            failure(
                () -> XksProxyCredential.of("ABCDEFGHIJKLMNOPQRS", Secret.of(Fixtures.RAW_SECRET))))
        .isEqualTo(
            "XksProxyAuthenticationCredential.AccessKeyId must be 20 to 30 characters long,"
                + " was \"ABCDEFGHIJKLMNOPQRS\" (19 characters)");
  }

  @Test
  void credential_withShortRawSecret_failsNamingLengthOnly() {
    assertThat(failure(() -> XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of("abc=abc"))))
        .isEqualTo(
            "XksProxyAuthenticationCredential.RawSecretAccessKey must be 43 to 64 characters"
                + " long, was a secret of 7 characters");
  }

  @Test
  void credential_withForbiddenCharacterInRawSecret_failsWithoutShowingTheSecret() {
    String secret = "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H-u9pSo=";
    assertThat(failure(() -> XksProxyCredential.of(Fixtures.ACCESS_KEY_ID, Secret.of(secret))))
        .isEqualTo(
            "XksProxyAuthenticationCredential.RawSecretAccessKey must contain only letters,"
                + " digits, '/', '+' and '=', was a secret of 44 characters");
  }

  // Members without a value type of their own

  @Test
  void customKeyStoreId_withEmptyOrLongValue_failsNamingLength() {
    assertThat(Constraints.customKeyStoreId("CustomKeyStoreId", "cks-1234567890abcdef0")).isEmpty();
    assertThat(Constraints.customKeyStoreId("CustomKeyStoreId", "c".repeat(65)))
        .extracting(Violation::message)
        .containsExactly(
            "CustomKeyStoreId must be 1 to 64 characters long, was \""
                + "c".repeat(65)
                + "\" (65 characters)");
  }

  @Test
  void limit_outsideOneToThousand_failsNamingLimit() {
    assertThat(Constraints.limit("Limit", 1000)).isEmpty();
    assertThat(Constraints.limit("Limit", 0))
        .extracting(Violation::message)
        .containsExactly("Limit must be from 1 to 1000, was 0");
    assertThat(Constraints.limit("Limit", 1001))
        .extracting(Violation::message)
        .containsExactly("Limit must be from 1 to 1000, was 1001");
  }

  @Test
  void marker_ofEmptyOrLongValue_failsNamingLength() {
    assertThat(Constraints.marker("Marker", ""))
        .extracting(Violation::message)
        .containsExactly("Marker must be 1 to 1024 characters long, was \"\" (0 characters)");
    assertThat(Constraints.marker("Marker", "m".repeat(1025))).hasSize(1);
  }

  @Test
  void marker_withCharactersOutsideThePattern_passesBecauseThePatternIsUnanchored() {
    assertThat(Constraints.marker("Marker", "\u0100\u4e2d")).isEmpty();
  }

  @Test
  void xksKeyId_withForbiddenCharacter_failsNamingIt() {
    assertThat(Constraints.xksKeyId("XksKeyId", "key-1_a.b")).isEmpty();
    assertThat(Constraints.xksKeyId("XksKeyId", "key/1"))
        .extracting(Violation::message)
        .containsExactly(
            "XksKeyId may contain only letters, digits, '-', '_' and '.', was \"key/1\":"
                + " '/' is not allowed");
    assertThat(Constraints.xksKeyId("XksKeyId", ""))
        .extracting(Violation::message)
        .containsExactly("XksKeyId must be 1 to 128 characters long, was \"\" (0 characters)");
  }

  @Test
  void describeFilter_withIdAndName_failsSayingOnlyOneMayBeGiven() {
    assertThat(Constraints.describeFilter("cks-1234567890abcdef0", null)).isEmpty();
    assertThat(Constraints.describeFilter(null, "ExampleKeyStore")).isEmpty();
    assertThat(Constraints.describeFilter("cks-1234567890abcdef0", "ExampleKeyStore"))
        .extracting(Violation::message)
        .containsExactly(
            "CustomKeyStoreName must be absent when CustomKeyStoreId is given; filter by one or"
                + " the other, was \"ExampleKeyStore\"");
  }

  @Test
  void build_withCorruptPemBody_failsSayingItIsNoCertificate() {
    String corrupt =
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    assertThat(failure(() -> Fixtures.validHsm().withTrustAnchorCertificate(corrupt)))
        .isEqualTo(
            "TrustAnchorCertificate must be a PEM-encoded X.509 certificate, was"
                + " \"-----BEGIN CERTIFICATE-----\\nbm90IGEgY2VydGlmaWNhdGU=\\n-----END"
                + " CERTIFICATE-----\\n\"");
  }

  @Test
  void build_withNewlineInEndpoint_escapesItSoTheMessageStaysOneLine() {
    assertThat(
            failure(
                () -> Fixtures.validXks().withProxyUriEndpoint("https://my\nproxy.example.com")))
        .isEqualTo(
            "XksProxyUriEndpoint may contain only letters, digits, '.' and '-' after https://,"
                + " was \"https://my\\nproxy.example.com\": '\\n' is not allowed");
  }

  // All at once

  @Test
  void build_withSeveralBrokenRules_listsEveryViolationAtOnce() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                ExternalKeyStoreSpec.builder()
                    .name("")
                    .proxyUriEndpoint("http://myproxy.example.com")
                    .connectivity(XksProxyConnectivity.publicEndpoint())
                    .proxyUriPath("/prefix/kms/xks")
                    .proxyCredential(Fixtures.credential())
                    .build());
    assertThat(e.violations())
        .extracting(Violation::member)
        .containsExactly("CustomKeyStoreName", "XksProxyUriEndpoint", "XksProxyUriPath");
    assertThat(e)
        .hasMessage(
            "3 validation errors: CustomKeyStoreName must be 1 to 256 characters long, was \"\""
                + " (0 characters); XksProxyUriEndpoint must start with https://, was"
                + " \"http://myproxy.example.com\"; XksProxyUriPath must end with /kms/xks/v1,"
                + " was \"/prefix/kms/xks\"");
  }
}
