package dev.cks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.XksProxyConnectivity;
import org.junit.jupiter.api.Test;

class ProxyConfigurationFileTest {

  private static final String FILE =
      "{\"XksProxyUriPath\": \"/keystores/0f1e2d3c/kms/xks/v1\","
          + " \"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \"BCDEFGHIJKLMNOPQRSTU\","
          + " \"RawSecretAccessKey\": \"DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=\"},"
          + " \"VendorNote\": \"made by the proxy's admin UI\"}";

  private static String failure(String json) {
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> ProxyConfigurationFile.parse(json));
    assertThat(e).as("expected a ValidationException").isNotNull();
    return e.getMessage();
  }

  @Test
  void specBuilder_ofAFile_buildsASpecWithItsPathAndCredential() {
    ExternalKeyStoreSpec spec =
        ProxyConfigurationFile.parse(FILE)
            .specBuilder()
            .name("ExamplePublicEndpointKeyStore")
            .proxyUriEndpoint("https://myproxy.xks.example.com")
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .build();

    assertThat(spec.proxyUriPath()).isEqualTo("/keystores/0f1e2d3c/kms/xks/v1");
    assertThat(spec.proxyCredential().accessKeyId()).isEqualTo("BCDEFGHIJKLMNOPQRSTU");
    assertThat(spec.proxyCredential().rawSecretAccessKey())
        .isEqualTo(Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo="));
  }

  @Test
  void toUpdate_ofAFile_changesPathAndCredentialWhileConnected() {
    ExternalKeyStoreUpdate update =
        ProxyConfigurationFile.parse(FILE).toUpdate("cks-1234567890abcdef0");

    assertThat(update.proxyUriPath()).contains("/keystores/0f1e2d3c/kms/xks/v1");
    assertThat(update.allowedStates()).contains(ConnectionState.CONNECTED);
  }

  @Test
  void toString_ofAFile_showsNoCredential() {
    assertThat(ProxyConfigurationFile.parse(FILE).toString())
        .isEqualTo("ProxyConfigurationFile{uriPath=/keystores/0f1e2d3c/kms/xks/v1}");
  }

  @Test
  void parse_withMissingCredential_failsNamingXksProxyAuthenticationCredential() {
    assertThat(failure("{\"XksProxyUriPath\": \"/kms/xks/v1\"}"))
        .isEqualTo("XksProxyAuthenticationCredential is required, was missing");
  }

  @Test
  void parse_withMissingSecretAndPath_failsNamingEachMember() {
    assertThat(
            failure(
                "{\"XksProxyAuthenticationCredential\":"
                    + " {\"AccessKeyId\": \"BCDEFGHIJKLMNOPQRSTU\"}}"))
        .isEqualTo(
            "2 validation errors: XksProxyUriPath is required, was missing;"
                + " XksProxyAuthenticationCredential.RawSecretAccessKey is required, was missing");
  }

  @Test
  void parse_withBadPathAndDocumentationAccessKeyId_failsNamingEachMember() {
    String json =
        FILE.replace("/keystores/0f1e2d3c/kms/xks/v1", "/keystores/0f1e2d3c")
            .replace("BCDEFGHIJKLMNOPQRSTU", "ABCDE12345670EXAMPLE");

    assertThat(failure(json))
        .isEqualTo(
            "2 validation errors: XksProxyUriPath must end with /kms/xks/v1, was"
                + " \"/keystores/0f1e2d3c\"; XksProxyAuthenticationCredential.AccessKeyId must"
                + " contain only A-Z and 2-7, was \"ABCDE12345670EXAMPLE\": '1' and '0' are"
                + " outside [A-Z2-7]; this is the example access key id of the KMS documentation,"
                + " which KMS rejects");
  }

  @Test
  void parse_withSpecSyntaxTypoMissingABrace_failsAsMalformed() {
    String json = FILE.substring(0, FILE.lastIndexOf('}'));

    assertThat(failure(json))
        .startsWith("ProxyConfigurationFile must be well-formed JSON, was malformed at line 1");
  }

  @Test
  void parse_withSecretOfWrongType_failsWithoutQuotingIt() {
    String json = FILE.replace("\"DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=\"", "12345");

    assertThat(failure(json))
        .isEqualTo(
            "XksProxyAuthenticationCredential.RawSecretAccessKey must be a JSON string, was a"
                + " number");
  }
}
