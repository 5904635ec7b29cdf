package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.XksProxyCredential;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckProxyCommandTest {

  private static final String HOST = "xks.example.test";
  private static final String PATH = "/keystores/cli/kms/xks/v1";
  private static final String UNSET = "CKS_CHECK_PROXY_TEST_VARIABLE_THAT_IS_NOT_SET";

  @TempDir Path dir;

  private final XksProxyCredential credential = XksProxyCredential.generate();
  private LocalXksProxy proxy;
  private Path secretFile;
  private Path trustFile;

  @BeforeEach
  void startProxy() throws IOException {
    proxy =
        LocalXksProxy.builder()
            .hostnames(HOST)
            .store(
                ProxyKeyStore.builder(
                        PATH,
                        InMemoryKeySource.create()
                            .addKey("key-1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
                    .credential(credential)
                    .build())
            .start();
    secretFile =
        Files.writeString(dir.resolve("secret"), credential.rawSecretAccessKey().reveal() + "\n");
    trustFile = Files.writeString(dir.resolve("proxy.pem"), proxy.certificatePem().orElseThrow());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void help_explainsEveryOption() {
    CommandRun run = CommandRun.of("check-proxy", "--help");

    assertThat(run.status()).isZero();
    for (String option :
        List.of(
            "--endpoint",
            "--path",
            "--access-key-id",
            "--secret-file",
            "--secret-env",
            "--region",
            "--key-id",
            "--trust-cert",
            "--resolve",
            "--latency-budget",
            "--timeout",
            "--output",
            "Exit status:")) {
      assertThat(run.out()).contains(option);
    }
  }

  @Test
  void cks_listsCheckProxy() {
    CommandRun run = CommandRun.of("--help");

    assertThat(run.out()).contains("check-proxy");
  }

  @Test
  void healthyProxy_printsThePassedReportAndExitsZero() {
    CommandRun run = CommandRun.of(args("--key-id", "key-1"));

    assertThat(run.status()).as(run.out()).isZero();
    assertThat(run.out())
        .startsWith("XKS proxy pre-flight for https://xks.example.test" + PATH + "\n")
        .contains("  PASSED   decrypt: the 32 bytes came back unchanged.\n")
        .endsWith("PASSED: 0 of 17 checks failed.\n")
        .doesNotContain(credential.rawSecretAccessKey().reveal());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void unknownKey_printsTheFailedLineAndExitsOne() {
    CommandRun run = CommandRun.of(args("--key-id", "no-such-key"));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "  FAILED   key metadata: the proxy has no key no-such-key at "
                + PATH
                + " (KeyNotFoundException, HTTP 404); KMS refuses CreateKey with"
                + " XksKeyNotFoundException.\n")
        .endsWith("FAILED: 1 of 17 checks failed, 2 skipped.\n");
  }

  @Test
  void jsonOutput_parsesBackToTheReport() throws IOException {
    CommandRun run = CommandRun.of(args("--output", "json"));

    assertThat(run.status()).isZero();
    assertThat(run.out()).endsWith("}\n").hasLineCount(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("title").asText())
        .isEqualTo("XKS proxy pre-flight for https://xks.example.test" + PATH);
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.get("checks")).hasSize(17);
    JsonNode first = json.get("checks").get(0);
    assertThat(first.get("name").asText()).isEqualTo("endpoint format");
    assertThat(first.get("status").asText()).isEqualTo("PASSED");
    assertThat(first.get("detail").asText())
        .isEqualTo(
            "https://xks.example.test is https:// and a DNS name, with no port and no path.");
    assertThat(json.get("checks").get(13).get("status").asText()).isEqualTo("SKIPPED");
  }

  @Test
  void wrongSecret_failsTheCredentialAndNeverPrintsEitherSecret() throws IOException {
    String wrong = XksProxyCredential.generate().rawSecretAccessKey().reveal();
    Files.writeString(secretFile, wrong);

    CommandRun run = CommandRun.of(args("--output", "json"));

    assertThat(run.status()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("checks").get(11).get("status").asText()).isEqualTo("FAILED");
    assertThat(run.out() + run.err())
        .doesNotContain(wrong)
        .doesNotContain(credential.rawSecretAccessKey().reveal());
  }

  @Test
  void secretEnv_inItsOwnJvm_readsTheVariable() throws Exception {
    List<String> args = new ArrayList<>(baseArgs());
    args.addAll(List.of("--secret-env", "CKS_TEST_XKS_SECRET"));
    ProcessBuilder builder = CommandRun.inOwnJvm(args).redirectErrorStream(true);
    builder.environment().put("CKS_TEST_XKS_SECRET", credential.rawSecretAccessKey().reveal());

    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("  PASSED   credential: the proxy accepted GetHealthStatus")
        .doesNotContain(credential.rawSecretAccessKey().reveal());
  }

  @Test
  void noSecretOption_isBadUsage() {
    CommandRun run = CommandRun.of(baseArgs().toArray(new String[0]));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "Error: Missing required argument (specify one of these): (--secret-file=F |"
                + " --secret-env=VAR)\n");
  }

  @Test
  void bothSecretOptions_areBadUsage() {
    CommandRun run = CommandRun.of(args("--secret-env", "HOME"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "Error: --secret-file=F, --secret-env=VAR are mutually exclusive (specify only"
                + " one)\n");
  }

  @Test
  void unreadableSecretFile_isBadUsage() {
    Path missing = dir.resolve("missing");
    List<String> args = baseArgs();
    args.addAll(List.of("--secret-file", missing.toString()));

    CommandRun run = CommandRun.of(args.toArray(new String[0]));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--secret-file " + missing + " cannot be read\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unsetSecretVariable_isBadUsage() {
    List<String> args = baseArgs();
    args.addAll(List.of("--secret-env", UNSET));

    CommandRun run = CommandRun.of(args.toArray(new String[0]));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--secret-env " + UNSET + ": the environment variable is not set\n");
  }

  @Test
  void unknownOutputFormat_isBadUsage() {
    CommandRun run = CommandRun.of(args("--output", "yaml"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("--output must be text or json, was yaml\n");
  }

  @Test
  void malformedResolve_isBadUsage() {
    CommandRun run = CommandRun.of(args("--resolve", "xks.example.test:8443"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--resolve must be HOST:ADDR:PORT, was xks.example.test:8443\n");
  }

  @Test
  void trustCertWithoutCertificate_isBadUsage() throws IOException {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

    CommandRun run = CommandRun.of(args("--trust-cert", notPem.toString()));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "--trust-cert " + notPem + ": the trusted PEM text holds no CERTIFICATE block\n");
  }

  @Test
  void zeroTimeout_isBadUsage() {
    CommandRun run = CommandRun.of(args("--timeout", "0"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--timeout must be a positive number of milliseconds, was 0\n");
  }

  /** The arguments of a run against the test proxy, with the secret file, then {@code more}. */
  private String[] args(String... more) {
    List<String> args = baseArgs();
    args.addAll(List.of("--secret-file", secretFile.toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  private List<String> baseArgs() {
    return new ArrayList<>(
        List.of(
            "check-proxy",
            "--endpoint",
            "https://" + HOST,
            "--path",
            PATH,
            "--access-key-id",
            credential.accessKeyId(),
            "--trust-cert",
            trustFile.toString(),
            "--resolve",
            HOST + ":127.0.0.1:" + proxy.port(),
            "--latency-budget",
            "10000"));
  }
}
