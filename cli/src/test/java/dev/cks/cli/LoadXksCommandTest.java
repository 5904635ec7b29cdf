package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.json.ProxyConfigurationFile;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cks load-xks} against a proxy in this JVM: what it prints and how it counts errors. */
class LoadXksCommandTest {

  private static final Pattern RESULT =
      Pattern.compile(
          "mode=(\\S+) connections=(\\d+) seconds=1 requests=(\\d+) errors=(\\d+)"
              + " throughput=\\d+ req/s p50=[\\d.]+ ms p90=[\\d.]+ ms p99=[\\d.]+ ms"
              + " p99\\.9=[\\d.]+ ms max=[\\d.]+ ms clientCpu=[\\d.]+ us/req"
              + " serverCpu=[\\d.]+ us/req\n");

  @TempDir Path dir;
  private LocalXksProxy proxy;
  private Path config;
  private Path certificate;

  @BeforeEach
  void start() {
    config = dir.resolve("store.json");
    certificate = dir.resolve("proxy.pem");
    ProxyConfigurationFile configuration = ProxyConfigurationFile.generate();
    configuration.write(config);
    proxy =
        LocalXksProxy.builder()
            .certificateOut(certificate)
            .store(
                ProxyKeyStore.builder(
                        configuration.uriPath(),
                        InMemoryKeySource.create()
                            .addKey("k1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
                    .credential(configuration.credential())
                    .build())
            .start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void closedLoop_againstProxy_reportsRequestsWithoutErrors() {
    CommandRun run = load("--key", "k1", "--connections", "2");

    Matcher result = RESULT.matcher(run.out());
    assertThat(run.status()).isZero();
    assertThat(result.matches()).as(run.out()).isTrue();
    assertThat(result.group(1)).isEqualTo("closed");
    assertThat(result.group(2)).isEqualTo("2");
    assertThat(Long.parseLong(result.group(3))).isPositive();
    assertThat(result.group(4)).isEqualTo("0");
  }

  @Test
  void openLoop_againstProxy_sendsTheScheduledRequests() {
    CommandRun run = load("--key", "k1", "--connections", "2", "--rate", "50");

    Matcher result = RESULT.matcher(run.out());
    assertThat(run.status()).isZero();
    assertThat(result.matches()).as(run.out()).isTrue();
    assertThat(result.group(1)).isEqualTo("open(rate=50)");
    assertThat(result.group(3)).isEqualTo("50");
    assertThat(result.group(4)).isEqualTo("0");
  }

  @Test
  void unknownKey_countsEveryRequestAsAnErrorAndExitsWithOne() {
    CommandRun run = load("--key", "missing", "--connections", "1", "--rate", "20");

    Matcher result = RESULT.matcher(run.out());
    assertThat(run.status()).isEqualTo(1);
    assertThat(result.matches()).as(run.out()).isTrue();
    assertThat(result.group(3)).isEqualTo("20");
    assertThat(result.group(4)).isEqualTo("20");
  }

  private CommandRun load(String... options) {
    String[] common = {
      "load-xks",
      "--port",
      Integer.toString(proxy.port()),
      "--config",
      config.toString(),
      "--trust",
      certificate.toString(),
      "--warmup",
      "0",
      "--duration",
      "1",
      "--timeout-ms",
      "5000",
      "--server-pid",
      Long.toString(ProcessHandle.current().pid())
    };
    String[] all = new String[common.length + options.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(options, 0, all, common.length, options.length);
    return CommandRun.of(all);
  }
}
