package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.ConnectionState;
import dev.cks.json.ProxyConfigurationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cks rotate-credential} against a KMS-compatible endpoint over {@code LocalKms}, with a
 * real proxy over TLS that the command's check reaches through {@code --trust-cert} and {@code
 * --resolve}.
 */
class RotateCredentialCommandTest {

  @TempDir Path dir;
  @RegisterExtension final KmsFixture fixture = new KmsFixture(Duration.ZERO);
  private String id;
  private Path proxyCertificate;

  @BeforeEach
  void connectedStore() throws Exception {
    id = fixture.createStore("Rotated", fixture.credential);
    fixture.kms.connectCustomKeyStore(id);
    proxyCertificate =
        Files.writeString(dir.resolve("proxy.pem"), fixture.proxy.certificatePem().orElseThrow());
  }

  private Path newConfig(String uriPath) {
    Path file = dir.resolve("new-" + System.nanoTime() + ".json");
    ProxyConfigurationFile.generate(uriPath).write(file);
    return file;
  }

  private CommandRun rotate(Path config, String... more) {
    List<String> args = new ArrayList<>(List.of("rotate-credential", "--id", id));
    args.addAll(List.of(fixture.endpointOptions()));
    args.addAll(
        List.of(
            "--config",
            config.toString(),
            "--trust-cert",
            proxyCertificate.toString(),
            "--resolve",
            KmsFixture.HOST + ":127.0.0.1:" + fixture.proxy.port()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  private String accessKeyIdKmsUses() {
    return fixture.describe(id).xksProxyConfiguration().orElseThrow().accessKeyId();
  }

  @Test
  void rotate_whenTheProxyHoldsTheNewCredential_checksItThenGivesItToKms() {
    Path config = newConfig(KmsFixture.PATH);
    ProxyConfigurationFile next = ProxyConfigurationFile.read(config);
    fixture.proxyStore.addCredential(next.credential());

    CommandRun run = rotate(config);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("  done: ")
        .contains(
            "KMS now signs with "
                + next.credential().accessKeyId()
                + "; "
                + id
                + " is CONNECTED. The proxy may drop the old credential.")
        .doesNotContain(next.credential().rawSecretAccessKey().reveal());
    assertThat(accessKeyIdKmsUses()).isEqualTo(next.credential().accessKeyId());
    assertThat(fixture.describe(id).connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void rotate_beforeTheProxyKnowsTheNewCredential_changesNothing() throws Exception {
    Path config = newConfig(KmsFixture.PATH);
    ProxyConfigurationFile next = ProxyConfigurationFile.read(config);

    CommandRun text = rotate(config);
    CommandRun json = rotate(config, "--output", "json");

    assertThat(text.status()).isEqualTo(1);
    assertThat(text.out())
        .startsWith("XKS proxy pre-flight for https://" + KmsFixture.HOST + KmsFixture.PATH)
        .contains("failed, nothing was changed:")
        .contains("FAILED credential: ")
        .doesNotContain(next.credential().rawSecretAccessKey().reveal());
    assertThat(json.status()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(json.out()).get("preflight");
    assertThat(report.get("passed").asBoolean()).isFalse();
    assertThat(accessKeyIdKmsUses()).isEqualTo(fixture.credential.accessKeyId());
  }

  @Test
  void rotate_withJsonOutput_printsTheNewAccessKeyIdAndTheSteps() throws Exception {
    Path config = newConfig(KmsFixture.PATH);
    ProxyConfigurationFile next = ProxyConfigurationFile.read(config);
    fixture.proxyStore.addCredential(next.credential());

    CommandRun run = rotate(config, "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("customKeyStoreId").asText()).isEqualTo(id);
    assertThat(json.get("accessKeyId").asText()).isEqualTo(next.credential().accessKeyId());
    assertThat(json.get("connectionState").asText()).isEqualTo("CONNECTED");
    assertThat(json.get("steps").size()).isEqualTo(1);
    assertThat(json.get("preflight").isNull()).isTrue();
  }

  @Test
  void rotate_withAConfigurationForAnotherPath_isBadUsage() {
    CommandRun run = rotate(newConfig("/other/kms/xks/v1"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "is for the URI path /other/kms/xks/v1, but "
                + id
                + " uses "
                + KmsFixture.PATH
                + "; a rotation keeps the path");
    assertThat(accessKeyIdKmsUses()).isEqualTo(fixture.credential.accessKeyId());
  }

  @Test
  void rotate_withAnUnreadableConfiguration_isBadUsage() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");

    CommandRun run = rotate(broken);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--config " + broken + ": ");
  }
}
