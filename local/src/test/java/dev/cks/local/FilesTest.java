package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import dev.cks.XksProxyCredential;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksProxyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy configuration file and the key file. */
class FilesTest {

  @TempDir Path dir;

  @Test
  void writeConfiguration_writesConsoleFormatWithFreshAcceptedCredential() throws Exception {
    Path file = dir.resolve("proxy-config.json");
    try (LocalXksProxy proxy =
        LocalXksProxy.builder()
            .hostnames(ProxyFixture.HOST)
            .region(ProxyFixture.REGION)
            .store(ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys()).build())
            .start()) {
      ProxyConfigurationFile written = proxy.writeConfiguration(ProxyFixture.PATH_A, file);

      String text = Files.readString(file);
      assertThat(text.replaceAll("\\s", ""))
          .isEqualTo(
              "{\"XksProxyUriPath\":\"/keystores/a/kms/xks/v1\","
                  + "\"XksProxyAuthenticationCredential\":{\"AccessKeyId\":\""
                  + written.credential().accessKeyId()
                  + "\",\"RawSecretAccessKey\":\""
                  + written.credential().rawSecretAccessKey().reveal()
                  + "\"}}");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      ProxyConfigurationFile read = ProxyConfigurationFile.read(file);
      assertThat(read.uriPath()).isEqualTo(ProxyFixture.PATH_A);
      assertThat(read.credential()).isEqualTo(written.credential());
      try (XksProxyClient client = ProxyFixture.client(proxy, read.uriPath(), read.credential())) {
        assertThat(client.keyMetadata("both", LocalXksProxyTest.metadata("CreateKey")).keySpec())
            .isEqualTo("AES_256");
      }
    }
  }

  @Test
  void writeConfiguration_forUnknownPath_fails() {
    try (LocalXksProxy proxy = LocalXksProxy.builder().plainHttp().start()) {
      assertThatThrownBy(() -> proxy.writeConfiguration("/x/kms/xks/v1", dir.resolve("c.json")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no store is served at \"/x/kms/xks/v1\"");
    }
  }

  @Test
  void generate_makesRandomKeystorePath() {
    ProxyConfigurationFile generated = ProxyConfigurationFile.generate();

    assertThat(generated.uriPath()).matches("/keystores/[0-9a-f-]{36}/kms/xks/v1");
    assertThat(generated.toString())
        .doesNotContain(generated.credential().rawSecretAccessKey().reveal());
  }

  @Test
  void read_withBadPath_failsNamingRule() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        "{\"XksProxyUriPath\":\"/kms/xks\",\"XksProxyAuthenticationCredential\":{\"AccessKeyId\":"
            + "\"AAAAAAAAAAAAAAAAAAAA\",\"RawSecretAccessKey\":\""
            + "b".repeat(44)
            + "\"}}");

    assertThatThrownBy(() -> ProxyConfigurationFile.read(file))
        .isInstanceOf(dev.cks.ValidationException.class)
        .hasMessage(
            "2 validation errors: XksProxyUriPath must be 10 to 128 characters long, was"
                + " \"/kms/xks\" (8 characters); XksProxyUriPath must end with /kms/xks/v1, was"
                + " \"/kms/xks\"");
  }

  @Test
  void read_withShortSecret_failsWithoutShowingIt() throws Exception {
    Path file = dir.resolve("short.json");
    Files.writeString(
        file,
        "{\"XksProxyUriPath\":\"/kms/xks/v1\","
            + "\"XksProxyAuthenticationCredential\":{\"AccessKeyId\":"
            + "\"AAAAAAAAAAAAAAAAAAAA\",\"RawSecretAccessKey\":\"hushhushhush\"}}");

    assertThatThrownBy(() -> ProxyConfigurationFile.read(file))
        .isInstanceOf(dev.cks.ValidationException.class)
        .hasMessage(
            "XksProxyAuthenticationCredential.RawSecretAccessKey must be 43 to 64 characters long,"
                + " was a secret of 12 characters")
        .hasMessageNotContaining("hushhushhush");
  }

  @Test
  void keySource_savedAndLoaded_decryptsWhatItEncrypted() throws Exception {
    InMemoryKeySource original =
        InMemoryKeySource.create()
            .addKey("k1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT))
            .addKey("k2", EnumSet.of(KeyUsage.DECRYPT), Secret.ofBytes(new byte[32]));
    original.disable("k2");
    Path file = dir.resolve("keys.json");
    original.save(file);
    InMemoryKeySource loaded = InMemoryKeySource.load(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(loaded.keyIds()).containsExactlyInAnyOrder("k1", "k2");
    assertThat(loaded.key("k2").orElseThrow().enabled()).isFalse();
    assertThat(loaded.key("k2").orElseThrow().usages()).containsExactly(KeyUsage.DECRYPT);
    ProxyKey.Sealed sealed =
        original.key("k1").orElseThrow().encrypt(new byte[] {1, 2, 3}, new byte[0]);
    assertThat(
            loaded
                .key("k1")
                .orElseThrow()
                .decrypt(sealed.iv(), sealed.ciphertext(), sealed.tag(), new byte[0]))
        .containsExactly(1, 2, 3);
  }

  @Test
  void keySource_withProxyStartedFromLoadedFile_decryptsEarlierCiphertext() throws Exception {
    XksProxyCredential credential = XksProxyCredential.generate();
    InMemoryKeySource keys = ProxyFixture.standardKeys();
    Path file = dir.resolve("keys.json");
    keys.save(file);
    XksEncryptResponse encrypted;
    try (LocalXksProxy first = start(keys, credential);
        XksProxyClient client = ProxyFixture.client(first, ProxyFixture.PATH_A, credential)) {
      encrypted = client.encrypt(LocalXksProxyTest.encrypt("both", new byte[] {9}, null, false));
    }
    try (LocalXksProxy second = start(InMemoryKeySource.load(file), credential);
        XksProxyClient client = ProxyFixture.client(second, ProxyFixture.PATH_A, credential)) {
      assertThat(
              client
                  .decrypt(
                      XksDecryptRequest.builder("both", ProxyFixture.encryptMetadata())
                          .encrypted(encrypted)
                          .build())
                  .plaintext())
          .containsExactly(9);
    }
  }

  @Test
  void addKey_withTakenId_fails() {
    InMemoryKeySource keys = InMemoryKeySource.create().addKey("k", EnumSet.of(KeyUsage.ENCRYPT));

    assertThatThrownBy(() -> keys.addKey("k", EnumSet.of(KeyUsage.ENCRYPT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a key with id \"k\" already exists");
    assertThatThrownBy(() -> keys.addKey("k/1", EnumSet.of(KeyUsage.ENCRYPT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _, was \"k/1\"");
  }

  @Test
  void boundAad_followsTheRecommendedLayout() {
    byte[] bound = Operations.boundAad(new byte[] {7, 8, 9}, new byte[] {1, 2});

    assertThat(bound).containsExactly(0, 3, 7, 8, 9, 2, 1, 2);
    assertThat(Operations.boundAad(null, null)).containsExactly(0, 0, 0);
  }

  private static LocalXksProxy start(InMemoryKeySource keys, XksProxyCredential credential) {
    return LocalXksProxy.builder()
        .hostnames(ProxyFixture.HOST)
        .region(ProxyFixture.REGION)
        .store(ProxyKeyStore.builder(ProxyFixture.PATH_A, keys).credential(credential).build())
        .start();
  }
}
