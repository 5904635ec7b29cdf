package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.ConnectionState;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalKmsEndpoint;
import dev.cks.local.LocalXksProxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cks connect} and {@code cks diagnose}: the command talks through the AWS SDK to a
 * KMS-compatible endpoint over a {@link LocalKms}, which connects to a real {@link LocalXksProxy}
 * over TLS.
 */
class ConnectCommandTest {

  @RegisterExtension final KmsFixture fixture = new KmsFixture(Duration.ofMillis(300));

  private String createStore(XksProxyCredential kmsCredential) {
    return fixture.createStore("Connected", kmsCredential);
  }

  private CommandRun connect(String... selection) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "connect",
                "--endpoint-url",
                fixture.endpoint.url().toString(),
                "--region",
                "us-east-1",
                "--timeout",
                "30",
                "--poll-delay",
                "50"));
    args.addAll(List.of(selection));
    return CommandRun.of(args.toArray(String[]::new));
  }

  private ConnectionState state(String id) {
    return fixture.describe(id).connectionState();
  }

  @Test
  void connect_ofADisconnectedStore_showsEachPollUntilConnected() {
    String id = createStore(fixture.credential);

    CommandRun run = connect("--id", id);

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("ConnectCustomKeyStore accepted for " + id + "; waiting.")
        .containsPattern("  poll 1: (CONNECTING|CONNECTED) after \\d+\\.\\d s")
        .containsPattern(id + " is CONNECTED after \\d+\\.\\d s\\.");
    assertThat(state(id)).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void connect_whenTheProxyRefusesTheCredential_endsFailedWithTheDiagnosis_thenRecovers() {
    XksProxyCredential unknown = XksProxyCredential.generate();
    String id = createStoreRefusedLater(unknown);

    CommandRun failed = connect("--id", id);

    assertThat(failed.status()).isEqualTo(1);
    assertThat(failed.out())
        .containsPattern(id + " is FAILED \\(INVALID_CREDENTIALS\\) after")
        .contains("INVALID_CREDENTIALS (credentials, a retry alone will not help)")
        .contains("  1. Disconnect the key store (DisconnectCustomKeyStore)")
        .doesNotContain(unknown.rawSecretAccessKey().reveal());

    fixture.proxyStore.addCredential(unknown);
    CommandRun recovered = connect("--id", id);

    assertThat(recovered.status()).as(recovered.err()).isZero();
    assertThat(recovered.out())
        .contains(id + " is FAILED (INVALID_CREDENTIALS); disconnecting first, as KMS requires.")
        .containsPattern(id + " is CONNECTED after");
  }

  /** A store whose credential the proxy accepts at creation, then no longer knows. */
  private String createStoreRefusedLater(XksProxyCredential kmsCredential) {
    fixture.proxyStore.addCredential(kmsCredential);
    String id = createStore(kmsCredential);
    fixture.proxyStore.removeCredential(kmsCredential.accessKeyId());
    return id;
  }

  @Test
  void connect_byNameWithJsonOutput_printsOneObject() throws Exception {
    String id = createStore(fixture.credential);

    CommandRun run = connect("--name", "Connected", "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("customKeyStoreId").asText()).isEqualTo(id);
    assertThat(json.get("connectionState").asText()).isEqualTo("CONNECTED");
    assertThat(json.get("connectionErrorCode").isNull()).isTrue();
    assertThat(json.get("diagnosis").isNull()).isTrue();
    assertThat(json.get("waitedMillis").asLong()).isNotNegative();
    assertThat(run.out().strip()).doesNotContain("\n");
  }

  @Test
  void connect_ofAConnectedStore_leavesItAlone() {
    String id = createStore(fixture.credential);
    assertThat(connect("--id", id).status()).isZero();

    CommandRun run = connect("--id", id);

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith(id + " is CONNECTED already.\n");
  }

  @Test
  void connect_ofAnUnknownNameOrId_failsClearly() {
    CommandRun byName = connect("--name", "NoSuchStore");
    CommandRun byId = connect("--id", "cks-00000000000000000");

    assertThat(byName.status()).isEqualTo(2);
    assertThat(byName.err()).startsWith("no custom key store is named NoSuchStore\n");
    assertThat(byId.status()).isEqualTo(1);
    assertThat(byId.err()).startsWith("CustomKeyStoreNotFoundException: ");
  }

  @Test
  void connect_toAnEndpointThatDoesNotAnswer_saysSo() {
    CommandRun run =
        CommandRun.of(
            "connect",
            "--id",
            "cks-00000000000000000",
            "--endpoint-url",
            "http://127.0.0.1:1",
            "--region",
            "us-east-1");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("cannot call KMS: ").doesNotContain("\tat ");
  }

  @Test
  void connect_withBothIdAndName_orNeither_isBadUsage() {
    assertThat(connect("--id", "cks-00000000000000000", "--name", "x").status()).isEqualTo(2);
    assertThat(connect().status()).isEqualTo(2);
    CommandRun noTime = CommandRun.of("connect", "--id", "x", "--timeout", "0");
    assertThat(noTime.status()).isEqualTo(2);
    assertThat(noTime.err()).startsWith("--timeout must be positive, was 0\n");
  }

  @Test
  void connect_thatOutlastsTheTimeout_saysWhereTheStoreIs() {
    try (LocalKms slow =
            LocalKms.builder()
                .region(fixture.proxy.region())
                .trustPem(fixture.proxy.certificatePem().orElseThrow())
                .resolve(KmsFixture.HOST, fixture.proxy.address())
                .connectDelay(Duration.ofSeconds(20))
                .build();
        LocalKmsEndpoint slowEndpoint = LocalKmsEndpoint.builder(slow).start()) {
      String id =
          slow.createCustomKeyStore(
              ExternalKeyStoreSpec.builder()
                  .name("Slow")
                  .proxyUriEndpoint("https://" + KmsFixture.HOST)
                  .connectivity(XksProxyConnectivity.publicEndpoint())
                  .proxyUriPath(KmsFixture.PATH)
                  .proxyCredential(fixture.credential)
                  .build());

      CommandRun run =
          CommandRun.of(
              "connect",
              "--id",
              id,
              "--endpoint-url",
              slowEndpoint.url().toString(),
              "--region",
              "us-east-1",
              "--timeout",
              "1",
              "--poll-delay",
              "100");

      assertThat(run.status()).isEqualTo(3);
      assertThat(run.err())
          .startsWith(
              "custom key store "
                  + id
                  + " did not reach [CONNECTED, FAILED] within PT1S; it is"
                  + " CONNECTING");
    }
  }

  @Test
  void diagnose_explainsACodeAsTextOrJson() throws Exception {
    CommandRun text = CommandRun.of("diagnose", "INVALID_CREDENTIALS");
    CommandRun json =
        CommandRun.of("diagnose", "XksProxyUriUnreachableException", "--output", "json");

    assertThat(text.status()).isZero();
    assertThat(text.out())
        .startsWith("INVALID_CREDENTIALS (credentials, a retry alone will not help)\n")
        .contains("  1. Disconnect the key store (DisconnectCustomKeyStore)");
    assertThat(json.status()).isZero();
    assertThat(new ObjectMapper().readTree(json.out()).get("problem").asText())
        .isEqualTo("XksProxyUriUnreachableException");
  }

  @Test
  void diagnose_ofSomethingItCannotExplain_isBadUsage() {
    CommandRun lower = CommandRun.of("diagnose", "invalid credentials");
    CommandRun other = CommandRun.of("diagnose", "LimitExceededException");

    assertThat(lower.status()).isEqualTo(2);
    assertThat(lower.err()).startsWith("CODE must be a ConnectionErrorCode in capitals");
    assertThat(other.status()).isEqualTo(2);
    assertThat(other.err()).startsWith("LimitExceededException has no diagnosis");
  }
}
