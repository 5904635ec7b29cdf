package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.cks.cloudhsm.SoftHsm2;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.xks.XksDecryptRequest;
import dev.cks.xks.XksEncryptRequest;
import dev.cks.xks.XksEncryptResponse;
import dev.cks.xks.XksHealthStatus;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyInvalidCiphertextException;
import dev.cks.xks.XksProxyKeyNotFoundException;
import dev.cks.xks.XksRequestMetadata;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cks xks-proxy} over a real SoftHSM2 token, in a JVM of its own with {@code SOFTHSM2_CONF}
 * set. Needs the softhsm2 package; on CI a missing one fails the test.
 */
class Pkcs11ProxyTest {

  @TempDir Path dir;

  @Test
  void xksProxy_withPkcs11Token_servesTheTokensKeysByLabel() throws Exception {
    Path library = requireSoftHsm();
    Path conf = dir.resolve("softhsm2.conf");
    Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(
        conf,
        "directories.tokendir = "
            + dir.resolve("tokens")
            + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    SoftHsm2.initToken(conf, "xks", "87654321", "kmsuser:kmsPswd1");
    run(
        conf,
        java(),
        "-cp",
        System.getProperty("java.class.path"),
        TokenKeys.class.getName(),
        library.toString(),
        "xks",
        "kmsuser",
        "kmsPswd1",
        "k1");
    Path pin = Files.writeString(dir.resolve("pin"), "kmsuser:kmsPswd1\n");
    Path config = dir.resolve("store.json");
    ProxyConfigurationFile store = ProxyConfigurationFile.generate();
    store.write(config);
    Path cert = dir.resolve("proxy.pem");

    ProcessBuilder builder =
        CommandRun.inOwnJvm(
                "xks-proxy",
                "--port",
                "0",
                "--config",
                config.toString(),
                "--cert-out",
                cert.toString(),
                "--pkcs11-module",
                library.toString(),
                "--token-label",
                "xks",
                "--pin-file",
                pin.toString())
            .redirectError(dir.resolve("proxy.log").toFile());
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process process = builder.start();
    int port = awaitPort(process);
    try (XksProxyClient client =
        XksProxyClient.builder()
            .endpoint("https://localhost")
            .uriPath(store.uriPath())
            .credential(store.credential())
            .region("us-east-1")
            .trustPem(cert)
            .resolve("localhost", new InetSocketAddress("127.0.0.1", port))
            .callTimeout(Duration.ofSeconds(10))
            .build()) {
      XksHealthStatus health = client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));
      assertThat(health.ekmVendor()).isEqualTo("PKCS#11");
      assertThat(health.ekmFleetDetails().get(0).id()).isEqualTo("xks");
      assertThat(health.anyActive()).isTrue();
      assertThat(client.keyMetadata("k1", metadata()).usableByKms()).isTrue();

      byte[] plaintext = "token plaintext".getBytes(StandardCharsets.US_ASCII);
      XksEncryptResponse encrypted =
          client.encrypt(
              XksEncryptRequest.builder("k1", metadata())
                  .plaintext(plaintext)
                  .additionalAuthenticatedData(new byte[] {1, 2})
                  .requestIntegrityValue(true)
                  .build());
      XksDecryptRequest.Builder decrypt =
          XksDecryptRequest.builder("k1", metadata())
              .encrypted(encrypted)
              .additionalAuthenticatedData(new byte[] {1, 2});
      assertThat(client.decrypt(decrypt.build()).plaintext()).isEqualTo(plaintext);

      decrypt.additionalAuthenticatedData(new byte[] {1, 3});
      assertThatThrownBy(() -> client.decrypt(decrypt.build()))
          .isInstanceOf(XksProxyInvalidCiphertextException.class);
      assertThatThrownBy(() -> client.keyMetadata("k2", metadata()))
          .isInstanceOf(XksProxyKeyNotFoundException.class);
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private int awaitPort(Process process) throws IOException {
    Path log = dir.resolve("proxy.log");
    return Integer.parseInt(
        CommandRun.awaitLine(
                process,
                "XKS proxy serving https://localhost:(\\d+) .*",
                () -> "; the proxy's log: " + readQuietly(log))
            .group(1));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static XksRequestMetadata metadata() {
    return XksRequestMetadata.builder()
        .kmsOperation("Encrypt")
        .awsPrincipalArn("arn:aws:iam::111122223333:user/alice")
        .kmsKeyArn("arn:aws:kms:us-east-1:111122223333:key/k")
        .build();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void run(Path conf, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)));
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(command[0] + " failed: " + output);
    }
  }

  private static Path requireSoftHsm() {
    Path library = SoftHsm2.library().orElse(null);
    if (library == null && "true".equals(System.getenv("CI"))) {
      fail(SoftHsm2.installAdvice());
    }
    Assumptions.assumeTrue(library != null, SoftHsm2.installAdvice());
    return library;
  }
}
