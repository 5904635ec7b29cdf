package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyInvalidKeyUsageException;
import dev.cks.xks.XksRequestMetadata;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XksProxyCommandTest {

  @TempDir Path dir;

  @Test
  void help_explainsEveryOption() {
    CommandRun run = CommandRun.of("xks-proxy", "--help");

    assertThat(run.status()).isZero();
    for (String option :
        List.of(
            "--port",
            "--bind",
            "--region",
            "--hostname",
            "--config",
            "--key",
            "--tls-cert",
            "--tls-key",
            "--cert-out",
            "--plain-http",
            "--pkcs11-module",
            "--token-label",
            "--pin-file",
            "--write-config")) {
      assertThat(run.out()).contains(option);
    }
  }

  @Test
  void writeConfig_writesConsoleFileAndExits() throws Exception {
    Path file = dir.resolve("store.json");

    CommandRun run = CommandRun.of("xks-proxy", "--write-config", file.toString());

    ProxyConfigurationFile written = ProxyConfigurationFile.read(file);
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .isEqualTo("Wrote " + file + " for XksProxyUriPath " + written.uriPath() + "\n");
    assertThat(run.out()).doesNotContain(written.credential().rawSecretAccessKey().reveal());
  }

  @Test
  void writeConfig_withJsonOutput_printsTheFileAndPath() throws Exception {
    Path file = dir.resolve("store.json");

    CommandRun run =
        CommandRun.of("xks-proxy", "--write-config", file.toString(), "--output", "json");

    ProxyConfigurationFile written = ProxyConfigurationFile.read(file);
    assertThat(run.status()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("written").asText()).isEqualTo(file.toString());
    assertThat(json.get("uriPath").asText()).isEqualTo(written.uriPath());
    assertThat(run.out()).doesNotContain(written.credential().rawSecretAccessKey().reveal());
  }

  @Test
  void withAnUnknownOutputFormat_failsWithUsage() {
    CommandRun run =
        CommandRun.of(
            "xks-proxy", "--write-config", dir.resolve("x.json").toString(), "--output", "yaml");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--output must be text or json, was yaml\n");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void xksProxy_withJsonOutput_describesWhatItServesOnItsFirstLine() throws Exception {
    Path config = dir.resolve("store.json");
    Path cert = dir.resolve("proxy.pem");
    CommandRun.of("xks-proxy", "--write-config", config.toString());
    ProxyConfigurationFile store = ProxyConfigurationFile.read(config);
    Process process =
        CommandRun.inOwnJvm(
                "xks-proxy",
                "--port",
                "0",
                "--hostname",
                "xks.example.test",
                "--config",
                config.toString(),
                "--key",
                "k1",
                "--cert-out",
                cert.toString(),
                "--output",
                "json")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      JsonNode json = new ObjectMapper().readTree(CommandRun.awaitLine(process, "\\{.*").group());
      assertThat(json.get("url").asText()).matches("https://xks\\.example\\.test:\\d+");
      assertThat(json.get("region").asText()).isEqualTo("us-east-1");
      assertThat(json.get("certificate").asText()).isEqualTo(cert.toString());
      JsonNode served = json.get("stores").get(0);
      assertThat(served.get("uriPath").asText()).isEqualTo(store.uriPath());
      assertThat(served.get("accessKeyIds").get(0).asText())
          .isEqualTo(store.credential().accessKeyId());
      assertThat(served.get("keys").get(0).asText()).isEqualTo("k1");
      assertThat(cert).exists();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutConfig_failsWithUsage() {
    CommandRun run = CommandRun.of("xks-proxy", "--port", "0");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "at least one --config FILE is required; make one with cks xks-proxy --write-config"
                + " FILE");
  }

  @Test
  void withBadKeyUsage_failsWithUsage() throws Exception {
    Path file = dir.resolve("store.json");
    CommandRun.of("xks-proxy", "--write-config", file.toString());

    CommandRun run =
        CommandRun.of(
            "xks-proxy", "--port", "0", "--config", file.toString(), "--key", "k:ENCRYPT,SIGN");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "--key k:ENCRYPT,SIGN: USAGES must be a comma list of ENCRYPT and DECRYPT, or NONE");
  }

  @Test
  void withPkcs11ModuleAlone_failsWithUsage() throws Exception {
    Path file = dir.resolve("store.json");
    CommandRun.of("xks-proxy", "--write-config", file.toString());

    CommandRun run =
        CommandRun.of(
            "xks-proxy",
            "--port",
            "0",
            "--config",
            file.toString(),
            "--pkcs11-module",
            "/usr/lib/softhsm/libsofthsm2.so");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--pkcs11-module, --token-label and --pin-file go together");
  }

  @Test
  void xksProxy_inItsOwnJvm_servesAndLogsEachRequestWithoutSecrets() throws Exception {
    Path config = dir.resolve("store.json");
    Path second = dir.resolve("second.json");
    Path cert = dir.resolve("proxy.pem");
    CommandRun.of("xks-proxy", "--write-config", config.toString());
    ProxyConfigurationFile first = ProxyConfigurationFile.read(config);
    ProxyConfigurationFile rotated = ProxyConfigurationFile.generate(first.uriPath());
    rotated.write(second);
    Path log = dir.resolve("proxy.log");
    Process process =
        CommandRun.inOwnJvm(
                "xks-proxy",
                "--port",
                "0",
                "--region",
                "eu-central-1",
                "--hostname",
                "xks.example.test",
                "--config",
                config.toString(),
                "--config",
                second.toString(),
                "--key",
                "k1",
                "--key",
                "enc:ENCRYPT",
                "--cert-out",
                cert.toString())
            .redirectError(log.toFile())
            .start();
    try {
      int port = awaitPort(process);
      byte[] plaintext = "plaintext-never-logged".getBytes(StandardCharsets.US_ASCII);
      for (ProxyConfigurationFile credential : List.of(first, rotated)) {
        try (XksProxyClient client =
            XksProxyClient.builder()
                .endpoint("https://xks.example.test")
                .uriPath(credential.uriPath())
                .credential(credential.credential())
                .region("eu-central-1")
                .trustPem(cert)
                .resolve("xks.example.test", new InetSocketAddress("127.0.0.1", port))
                .callTimeout(Duration.ofSeconds(10))
                .build()) {
          XksRequestMetadata metadata =
              XksRequestMetadata.builder()
                  .kmsRequestId("request-id-in-the-log")
                  .kmsOperation("Encrypt")
                  .awsPrincipalArn("arn:aws:iam::111122223333:user/alice")
                  .kmsKeyArn("arn:aws:kms:eu-central-1:111122223333:key/k")
                  .build();
          XksEncryptResponse encrypted =
              client.encrypt(
                  XksEncryptRequest.builder("k1", metadata).plaintext(plaintext).build());
          assertThat(
                  client
                      .decrypt(
                          XksDecryptRequest.builder("k1", metadata).encrypted(encrypted).build())
                      .plaintext())
              .isEqualTo(plaintext);
          Assertions.assertThatThrownBy(
                  () ->
                      client.decrypt(
                          XksDecryptRequest.builder("enc", metadata).encrypted(encrypted).build()))
              .isInstanceOf(XksProxyInvalidKeyUsageException.class);
        }
      }
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    String logged = Files.readString(log);
    assertThat(logged)
        .contains(
            "DEBUG dev.cks.local.requests - kmsRequestId=request-id-in-the-log operation=Encrypt"
                + " kmsOperation=Encrypt store="
                + first.uriPath()
                + " keyId=k1 outcome=OK status=200 latencyMicros=")
        .contains("keyId=enc outcome=InvalidKeyUsageException status=400")
        .contains("XKS proxy on /127.0.0.1:")
        .doesNotContain(first.credential().rawSecretAccessKey().reveal())
        .doesNotContain(rotated.credential().rawSecretAccessKey().reveal())
        .doesNotContain("plaintext-never-logged")
        .doesNotContain(
            java.util.Base64.getEncoder()
                .encodeToString("plaintext-never-logged".getBytes(StandardCharsets.US_ASCII)));
  }

  private static int awaitPort(Process process) throws Exception {
    return Integer.parseInt(
        CommandRun.awaitLine(process, "XKS proxy serving https://xks\\.example\\.test:(\\d+) .*")
            .group(1));
  }
}
