package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.XksProxyCredential;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.ProxyKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code cks list} through the AWS SDK against a KMS-compatible endpoint over LocalKms. */
class ListCommandTest {

  @RegisterExtension final KmsFixture fixture = new KmsFixture(Duration.ZERO);

  private CommandRun list(String... more) {
    List<String> args = new ArrayList<>(List.of("list"));
    args.addAll(List.of(fixture.endpointOptions()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void list_withoutStores_saysSo() {
    CommandRun run = list();

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("No custom key stores.\n");
  }

  @Test
  void list_showsEachStoreWithItsStateAndProxy() {
    String connected = fixture.createStore("Alpha", fixture.credential);
    fixture.kms.connectCustomKeyStore(connected);
    XksProxyCredential forgotten = XksProxyCredential.generate();
    ProxyKeyStore beta =
        ProxyKeyStore.builder("/beta/kms/xks/v1", InMemoryKeySource.create())
            .credential(forgotten)
            .build();
    fixture.proxy.addStore(beta);
    String failed = fixture.createStore("BetaWithALongerName", "/beta/kms/xks/v1", forgotten);
    beta.removeCredential(forgotten.accessKeyId());
    fixture.kms.connectCustomKeyStore(failed);

    CommandRun run = list();

    assertThat(run.status()).as(run.err()).isZero();
    String proxy = "https://" + KmsFixture.HOST;
    assertThat(run.out().lines().toList())
        .containsExactly(
            String.format("%-21s  %-19s  %-18s  %-28s  BACKED BY", "ID", "NAME", "TYPE", "STATE"),
            String.format(
                "%-21s  %-19s  %-18s  %-28s  %s",
                connected, "Alpha", "EXTERNAL_KEY_STORE", "CONNECTED", proxy + KmsFixture.PATH),
            String.format(
                "%-21s  %-19s  %-18s  %-28s  %s",
                failed,
                "BetaWithALongerName",
                "EXTERNAL_KEY_STORE",
                "FAILED (INVALID_CREDENTIALS)",
                proxy + "/beta/kms/xks/v1"));
  }

  @Test
  void list_asJson_hasTheFormOfTheKmsResponse() throws Exception {
    String id = fixture.createStore("Alpha", fixture.credential);

    CommandRun run = list("--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode stores = new ObjectMapper().readTree(run.out()).get("CustomKeyStores");
    assertThat(stores.size()).isEqualTo(1);
    assertThat(stores.get(0).get("CustomKeyStoreId").asText()).isEqualTo(id);
    assertThat(stores.get(0).get("ConnectionState").asText()).isEqualTo("DISCONNECTED");
    assertThat(stores.get(0).get("XksProxyConfiguration").get("AccessKeyId").asText())
        .isEqualTo(fixture.credential.accessKeyId());
    assertThat(run.out()).doesNotContain(fixture.credential.rawSecretAccessKey().reveal());
  }
}
