package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;

class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void serve_inItsOwnJvm_answersTheAwsSdk() throws Exception {
    Process process =
        CommandRun.inOwnJvm("serve", "--port", "0", "--data-dir", dir.resolve("data").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(awaitUrl(process))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertThat(kms.describeCustomKeyStores().customKeyStores()).isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> kms.connectCustomKeyStore(r -> r.customKeyStoreId("cks-00000000000000000")))
          .isInstanceOf(CustomKeyStoreNotFoundException.class);
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(dir.resolve("data").resolve("cks.db")).exists();
  }

  @Test
  void serve_withJsonOutput_printsItsUrlAndStateOnTheFirstLine() throws Exception {
    Process process =
        CommandRun.inOwnJvm("serve", "--port", "0", "--in-memory", "--output", "json")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      JsonNode json = new ObjectMapper().readTree(CommandRun.awaitLine(process, "\\{.*").group());
      assertThat(json.get("state").asText()).isEqualTo("in memory");
      try (KmsClient kms =
          KmsClient.builder()
              .endpointOverride(URI.create(json.get("url").asText()))
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        assertThat(kms.describeCustomKeyStores().customKeyStores()).isEmpty();
      }
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void serve_withoutAStateChoice_failsWithUsage() {
    CommandRun run = CommandRun.of("serve", "--port", "0");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("give exactly one of --data-dir DIR and --in-memory");
  }

  @Test
  void serve_withAMalformedResolve_failsWithUsage() {
    CommandRun run =
        CommandRun.of("serve", "--port", "0", "--in-memory", "--resolve", "proxy.example");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--resolve must be HOST:ADDR:PORT, was proxy.example");
  }

  @Test
  void serve_help_explainsEveryOption() {
    CommandRun run = CommandRun.of("serve", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("--port")
        .contains("--bind")
        .contains("--data-dir")
        .contains("--in-memory")
        .contains("--trust-cert")
        .contains("--resolve")
        .contains("--vpc-endpoint-service")
        .contains("--hsm-cluster");
  }

  private static URI awaitUrl(Process process) throws Exception {
    return URI.create(CommandRun.awaitLine(process, "KMS endpoint serving (http://\\S+)").group(1));
  }
}
