package dev.cks.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.TestCertificatesAccess;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first code a user reads: one spec of each kind, an imported one, and a rejected one. */
class UsageExampleTest {

  @TempDir Path dir;

  @Test
  void example_buildsEachKindOfSpecAndImportsAProxyConfigurationFile() throws Exception {
    Path customerCa =
        Files.writeString(dir.resolve("customerCA.crt"), TestCertificatesAccess.customerCa());
    Path proxyConfig =
        Files.writeString(
            dir.resolve("proxy-config.json"),
            "{\"XksProxyUriPath\": \"/keystores/0f1e2d3c/kms/xks/v1\","
                + " \"XksProxyAuthenticationCredential\":"
                + " {\"AccessKeyId\": \"BCDEFGHIJKLMNOPQRSTU\","
                + " \"RawSecretAccessKey\": \"DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=\"}}");
    String kmsuserPassword = "kmsPswd";
    String xksSecret = "DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=";

    CloudHsmKeyStoreSpec hsm =
        CloudHsmKeyStoreSpec.builder()
            .name("ExampleKeyStore")
            .cloudHsmClusterId("cluster-234abcdefABC")
            .trustAnchorCertificate(Files.readString(customerCa))
            .keyStorePassword(Secret.of(kmsuserPassword))
            .build();

    XksProxyCredential credential =
        XksProxyCredential.of("BCDEFGHIJKLMNOPQRSTU", Secret.of(xksSecret));
    ExternalKeyStoreSpec publicXks =
        ExternalKeyStoreSpec.builder()
            .name("ExamplePublicEndpointKeyStore")
            .proxyUriEndpoint("https://myproxy.xks.example.com")
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .proxyUriPath("/kms/xks/v1")
            .proxyCredential(credential)
            .build();
    ExternalKeyStoreSpec vpcXks =
        ExternalKeyStoreSpec.builder()
            .name("ExampleVPCEndpointKeyStore")
            .proxyUriEndpoint("https://myproxy-private.xks.example.com")
            .connectivity(
                XksProxyConnectivity.vpcEndpointService(
                    "com.amazonaws.vpce.us-east-1.vpce-svc-example1"))
            .proxyUriPath("/example-prefix/kms/xks/v1")
            .proxyCredential(credential)
            .build();

    ExternalKeyStoreSpec imported =
        ProxyConfigurationFile.parse(Files.readString(proxyConfig))
            .specBuilder()
            .name("ImportedKeyStore")
            .proxyUriEndpoint("https://myproxy.xks.example.com")
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .build();

    String problems = "";
    try {
      XksProxyCredential.of("ABCDE12345670EXAMPLE", Secret.of(xksSecret));
    } catch (ValidationException e) {
      for (Violation violation : e.violations()) {
        problems += violation.message();
      }
    }

    assertThat(hsm.name()).isEqualTo("ExampleKeyStore");
    assertThat(publicXks.connectivity().type().value()).isEqualTo("PUBLIC_ENDPOINT");
    assertThat(vpcXks.connectivity().type().value()).isEqualTo("VPC_ENDPOINT_SERVICE");
    assertThat(imported.proxyUriPath()).isEqualTo("/keystores/0f1e2d3c/kms/xks/v1");
    assertThat(problems).contains("'1' and '0' are outside [A-Z2-7]");
  }
}
