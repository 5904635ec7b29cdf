package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.xks.XksProxyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the proxy writes, read by the importer of the model into a key store spec. */
class ImporterInteropTest {

  @TempDir Path dir;

  @Test
  void writtenConfiguration_importsIntoSpecThatReachesTheProxy() throws Exception {
    Path file = dir.resolve("proxy-config.json");
    try (LocalXksProxy proxy =
        LocalXksProxy.builder()
            .hostnames(ProxyFixture.HOST)
            .region(ProxyFixture.REGION)
            .store(ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys()).build())
            .start()) {
      ProxyConfigurationFile written = proxy.writeConfiguration(ProxyFixture.PATH_A, file);

      ExternalKeyStoreSpec spec =
          dev.cks.json.ProxyConfigurationFile.parse(Files.readString(file))
              .specBuilder()
              .name("LocalProxyStore")
              .proxyUriEndpoint("https://" + ProxyFixture.HOST)
              .connectivity(XksProxyConnectivity.publicEndpoint())
              .build();

      assertThat(spec.proxyUriPath()).isEqualTo(ProxyFixture.PATH_A);
      assertThat(spec.proxyCredential().accessKeyId())
          .isEqualTo(written.credential().accessKeyId());
      assertThat(spec.proxyCredential().rawSecretAccessKey())
          .isEqualTo(written.credential().rawSecretAccessKey());
      XksProxyCredential imported =
          XksProxyCredential.of(
              spec.proxyCredential().accessKeyId(), spec.proxyCredential().rawSecretAccessKey());
      try (XksProxyClient client = ProxyFixture.client(proxy, spec.proxyUriPath(), imported)) {
        assertThat(
                client.keyMetadata("both", LocalXksProxyTest.metadata("CreateKey")).usableByKms())
            .isTrue();
      }
    }
  }
}
