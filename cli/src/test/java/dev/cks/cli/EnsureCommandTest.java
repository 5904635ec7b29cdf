package dev.cks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.json.KmsJson;
import dev.cks.spi.DescribeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cks ensure} through the AWS SDK against a KMS-compatible endpoint over LocalKms, with a
 * real proxy over TLS.
 */
class EnsureCommandTest {

  @TempDir Path dir;
  @RegisterExtension final KmsFixture fixture = new KmsFixture(Duration.ofMillis(200));

  private Path request(XksProxyCredential credential) throws Exception {
    ExternalKeyStoreSpec spec =
        ExternalKeyStoreSpec.builder()
            .name("Declared")
            .proxyUriEndpoint("https://" + KmsFixture.HOST)
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .proxyUriPath(KmsFixture.PATH)
            .proxyCredential(credential)
            .build();
    return Files.writeString(
        dir.resolve("request-" + System.nanoTime() + ".json"),
        KmsJson.toCreateRequest(spec).toString());
  }

  private CommandRun ensure(Path request, String... more) {
    List<String> args = new ArrayList<>(List.of("ensure", "--request", request.toString()));
    args.addAll(List.of(fixture.endpointOptions()));
    args.addAll(List.of(more));
    return CommandRun.of(args.toArray(String[]::new));
  }

  private List<CustomKeyStoreDescription> stores() {
    return fixture.kms.describeCustomKeyStores(DescribeRequest.all()).stores();
  }

  @Test
  void ensure_dryRun_printsThePlanAndCreatesNothing() throws Exception {
    CommandRun run = ensure(request(fixture.credential), "--connect", "--dry-run");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Plan for custom key store \"Declared\"\n")
        .contains("  1. create external key store \"Declared\"");
    assertThat(stores()).isEmpty();
  }

  @Test
  void ensure_createsAndConnects_thenHasNothingToDo() throws Exception {
    Path request = request(fixture.credential);
    Path fingerprints = dir.resolve("fingerprints.json");

    CommandRun first = ensure(request, "--connect", "--fingerprints", fingerprints.toString());
    CommandRun second = ensure(request, "--connect", "--fingerprints", fingerprints.toString());

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("  done: create external key store \"Declared\"")
        .containsPattern("cks-[0-9a-f]{17} is CONNECTED\\.");
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("  nothing to change")
        .containsPattern("cks-[0-9a-f]{17} is CONNECTED; nothing was changed\\.");
    assertThat(stores())
        .singleElement()
        .satisfies(s -> assertThat(s.connectionState()).isEqualTo(ConnectionState.CONNECTED));
    assertThat(Files.readString(fingerprints))
        .doesNotContain(fixture.credential.rawSecretAccessKey().reveal());
  }

  @Test
  void ensure_withANewCredential_updatesTheStoreKmsHas() throws Exception {
    ensure(request(fixture.credential), "--connect");
    XksProxyCredential next = XksProxyCredential.generate();
    fixture.proxyStore.addCredential(next);

    CommandRun run =
        ensure(
            request(next),
            "--connect",
            "--preflight",
            "--trust-cert",
            Files.writeString(
                    dir.resolve("proxy.pem"), fixture.proxy.certificatePem().orElseThrow())
                .toString(),
            "--resolve",
            KmsFixture.HOST + ":127.0.0.1:" + fixture.proxy.port(),
            "--output",
            "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("dryRun").asBoolean()).isFalse();
    assertThat(json.get("executed").size()).isEqualTo(1);
    assertThat(json.get("executed").get(0).asText()).contains("XksProxyAuthenticationCredential");
    assertThat(json.get("connectionState").asText()).isEqualTo("CONNECTED");
    assertThat(stores().get(0).xksProxyConfiguration().orElseThrow().accessKeyId())
        .isEqualTo(next.accessKeyId());
    assertThat(run.out()).doesNotContain(next.rawSecretAccessKey().reveal());
  }

  @Test
  void ensure_withAPreflightThatFails_changesNothing() throws Exception {
    CommandRun run = ensure(request(fixture.credential), "--preflight");

    // Without --trust-cert the check trusts only public authorities, as KMS does.
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("failed, nothing was changed:");
    assertThat(stores()).isEmpty();
  }

  @Test
  void ensure_ofARequestKmsWouldRefuse_listsTheViolations() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\"CustomKeyStoreName\": \"Declared\", \"CustomKeyStoreType\":"
                + " \"EXTERNAL_KEY_STORE\", \"XksProxyUriEndpoint\": \"http://x\","
                + " \"XksProxyUriPath\": \"/kms/xks/v1\", \"XksProxyConnectivity\":"
                + " \"PUBLIC_ENDPOINT\", \"XksProxyAuthenticationCredential\": {\"AccessKeyId\":"
                + " \"ABCDE12345670EXAMPLE\", \"RawSecretAccessKey\":"
                + " \"DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=\"}}");

    CommandRun run = ensure(bad);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("--request " + bad + " is not a request KMS would accept: ")
        .contains("XksProxyUriEndpoint")
        .contains("AccessKeyId")
        .doesNotContain("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=");
    assertThat(stores()).isEmpty();
  }
}
