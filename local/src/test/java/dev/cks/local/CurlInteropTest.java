package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.XksProxyCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy against curl's own SigV4 signer ({@code --aws-sigv4}), which signs {@code
 * content-type;host;x-amz-date} and puts the port in {@code Host}. Needs curl 7.75 or later; on CI
 * a missing curl fails the test.
 */
class CurlInteropTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final XksProxyCredential CREDENTIAL = XksProxyCredential.generate();
  private static final String METADATA =
      "\"requestMetadata\":{\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/alice\","
          + "\"kmsKeyArn\":\"arn:aws:kms:eu-west-2:111122223333:key/k\","
          + "\"kmsOperation\":\"Encrypt\",\"kmsRequestId\":\"curl-1\"}";

  @TempDir static Path dir;
  private static LocalXksProxy proxy;
  private static Path certificate;

  @BeforeAll
  static void start() throws Exception {
    requireCurl();
    certificate = dir.resolve("proxy.pem");
    proxy =
        LocalXksProxy.builder()
            .hostnames(ProxyFixture.HOST)
            .region(ProxyFixture.REGION)
            .certificateOut(certificate)
            .store(
                ProxyKeyStore.builder(ProxyFixture.PATH_A, ProxyFixture.standardKeys())
                    .credential(CREDENTIAL)
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void health_signedByCurl_isActive() throws Exception {
    Answer answer =
        curl(
            "/health",
            "{\"requestMetadata\":{\"kmsRequestId\":\"c\",\"kmsOperation\":\"KmsHealthCheck\"}}",
            CREDENTIAL);

    assertThat(answer.status).isEqualTo(200);
    JsonNode health = JSON.readTree(answer.body);
    assertThat(health.get("xksProxyFleetSize").intValue()).isEqualTo(1);
    assertThat(health.at("/ekmFleetDetails/0/healthStatus").textValue()).isEqualTo("ACTIVE");
  }

  @Test
  void keyMetadata_signedByCurl_reportsAes256() throws Exception {
    Answer answer = curl("/keys/both/metadata", "{" + METADATA + "}", CREDENTIAL);

    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.body)
        .isEqualTo(
            "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"ENCRYPT\",\"DECRYPT\"],"
                + "\"keyStatus\":\"ENABLED\"}");
  }

  @Test
  void encryptThenDecrypt_signedByCurl_roundTrips() throws Exception {
    String plaintext =
        Base64.getEncoder().encodeToString("hello from curl".getBytes(StandardCharsets.US_ASCII));
    String aad = Base64.getEncoder().encodeToString("aad".getBytes(StandardCharsets.US_ASCII));
    Answer encrypted =
        curl(
            "/keys/both/encrypt",
            "{"
                + METADATA
                + ",\"plaintext\":\""
                + plaintext
                + "\",\"encryptionAlgorithm\":\"AES_GCM\",\"additionalAuthenticatedData\":\""
                + aad
                + "\",\"ciphertextDataIntegrityValueAlgorithm\":\"SHA_256\"}",
            CREDENTIAL);
    assertThat(encrypted.status).isEqualTo(200);
    JsonNode e = JSON.readTree(encrypted.body);

    Answer decrypted =
        curl(
            "/keys/both/decrypt",
            "{"
                + METADATA
                + ",\"ciphertext\":\""
                + e.get("ciphertext").textValue()
                + "\",\"ciphertextMetadata\":\""
                + e.get("ciphertextMetadata").textValue()
                + "\",\"encryptionAlgorithm\":\"AES_GCM\",\"additionalAuthenticatedData\":\""
                + aad
                + "\",\"initializationVector\":\""
                + e.get("initializationVector").textValue()
                + "\",\"authenticationTag\":\""
                + e.get("authenticationTag").textValue()
                + "\"}",
            CREDENTIAL);

    assertThat(decrypted.status).isEqualTo(200);
    assertThat(decrypted.body).isEqualTo("{\"plaintext\":\"" + plaintext + "\"}");
    assertThat(e.get("ciphertextDataIntegrityValue").textValue()).hasSize(44);
  }

  @Test
  void anyOperation_signedByCurlWithWrongSecret_answers401() throws Exception {
    XksProxyCredential wrong =
        XksProxyCredential.of(
            CREDENTIAL.accessKeyId(), XksProxyCredential.generate().rawSecretAccessKey());

    Answer answer = curl("/keys/both/metadata", "{" + METADATA + "}", wrong);

    assertThat(answer.status).isEqualTo(401);
    assertThat(answer.body)
        .isEqualTo(
            "{\"errorName\":\"AuthenticationFailedException\","
                + "\"errorMessage\":\"the request signature did not verify\"}");
  }

  private static Answer curl(String suffix, String body, XksProxyCredential credential)
      throws IOException, InterruptedException {
    Path config = Files.createTempFile(dir, "curl", ".cfg");
    Files.writeString(
        config,
        "user = \""
            + credential.accessKeyId()
            + ":"
            + credential.rawSecretAccessKey().reveal()
            + "\"\n");
    Path bodyFile = Files.createTempFile(dir, "body", ".json");
    Files.writeString(bodyFile, body);
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "-sS",
            "--config",
            config.toString(),
            "--aws-sigv4",
            "aws:amz:" + ProxyFixture.REGION + ":kms-xks-proxy",
            "--cacert",
            certificate.toString(),
            "--resolve",
            ProxyFixture.HOST + ":" + proxy.port() + ":127.0.0.1",
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            "@" + bodyFile,
            "-w",
            "\n%{http_code}",
            "https://" + ProxyFixture.HOST + ":" + proxy.port() + ProxyFixture.PATH_A + suffix));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("curl did not finish");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    int split = out.lastIndexOf('\n');
    return new Answer(Integer.parseInt(out.substring(split + 1).trim()), out.substring(0, split));
  }

  private static void requireCurl() throws InterruptedException {
    boolean present;
    try {
      present = new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("curl is required on CI (apt-get install -y curl)");
    }
    Assumptions.assumeTrue(present, "curl is not installed");
  }

  private record Answer(int status, String body) {}
}
