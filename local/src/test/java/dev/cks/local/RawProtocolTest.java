package dev.cks.local;

import static dev.cks.local.ProxyFixture.PATH_A;
import static dev.cks.local.ProxyFixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.XksProxyCredential;
import dev.cks.local.ProxyFixture.RawAnswer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy seen through hand-made HTTP requests, as a client other than ours would see it. */
class RawProtocolTest {

  private static final XksProxyCredential CREDENTIAL = XksProxyCredential.generate();
  private static final String METADATA =
      "\"requestMetadata\":{\"awsPrincipalArn\":\"arn:aws:iam::111122223333:user/alice\","
          + "\"kmsKeyArn\":\"arn:aws:kms:eu-west-2:111122223333:key/k\","
          + "\"kmsOperation\":\"Encrypt\","
          + "\"kmsRequestId\":\"4112f4d6-db54-4af4-ae30-c55a22a8dfae\"}";

  private static LocalXksProxy proxy;
  private static OkHttpClient http;

  @BeforeAll
  static void start() throws Exception {
    proxy =
        LocalXksProxy.builder()
            .region(ProxyFixture.REGION)
            .store(
                ProxyKeyStore.builder(PATH_A, ProxyFixture.standardKeys())
                    .credential(CREDENTIAL)
                    .build())
            .start();
    http = ProxyFixture.rawHttp(proxy);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/health",
        "/kms/xks/v1/health",
        "/keystores/a/kms/xks/v2/health",
        PATH_A + "/keys/both/sign",
        PATH_A + "/keys/both/encrypt/extra",
        PATH_A + "/keys//encrypt/x"
      })
  void post_toUnknownPathWithoutSignature_answers404InvalidUriPath(String path) throws Exception {
    RawAnswer answer = post(http, proxy, path, "{}", null);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body())
        .isEqualTo(
            "{\"errorName\":\"InvalidUriPathException\","
                + "\"errorMessage\":\"no XKS operation is served at this URI path\"}");
  }

  @Test
  void post_withQueryString_answers404InvalidUriPath() throws Exception {
    RawAnswer answer = post(http, proxy, PATH_A + "/health?x=1", "{}", null);

    assertThat(answer.status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/health", "/keys/both/metadata", "/keys/both/encrypt", "/keys/x/decrypt"})
  void get_onOperation_answers405(String suffix) throws Exception {
    RawAnswer answer =
        ProxyFixture.execute(
            http,
            new Request.Builder()
                .url("https://localhost:" + proxy.port() + PATH_A + suffix)
                .build());

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.allow()).isEqualTo("POST");
  }

  @Test
  void post_withoutSignature_answers401() throws Exception {
    RawAnswer answer = post(http, proxy, PATH_A + "/health", "{" + METADATA + "}", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).startsWith("{\"errorName\":\"AuthenticationFailedException\"");
  }

  @Test
  void health_withEmptyBodyObject_answers400Validation() throws Exception {
    RawAnswer answer = post(http, proxy, PATH_A + "/health", "{}", CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .isEqualTo(
            "{\"errorName\":\"ValidationException\","
                + "\"errorMessage\":\"requestMetadata is required and must be an object\"}");
  }

  @Test
  void health_withEmptyRequestMetadata_answers400Validation() throws Exception {
    RawAnswer answer =
        post(http, proxy, PATH_A + "/health", "{\"requestMetadata\":{}}", CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("requestMetadata.kmsOperation is required");
  }

  @Test
  void post_withBodyThatIsNotJson_answers400Validation() throws Exception {
    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/metadata", "nope", CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("the request body must be a JSON object");
  }

  @Test
  void encrypt_withUnknownFields_isServedAsCompactJson() throws Exception {
    String body =
        "{"
            + METADATA
            + ",\"plaintext\":\"AAECAwQFBgcICQ==\",\"encryptionAlgorithm\":\"AES_GCM\","
            + "\"futureField\":{\"x\":1}}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/encrypt", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .matches(
            "\\{\"authenticationTag\":\"[A-Za-z0-9+/]{22}==\","
                + "\"ciphertext\":\"[A-Za-z0-9+/]{14}==\","
                + "\"ciphertextMetadata\":\"Y2tzMQ==\","
                + "\"initializationVector\":\"[A-Za-z0-9+/]{16}\"\\}");
  }

  @Test
  void encrypt_withOtherAlgorithm_answers400Validation() throws Exception {
    String body = "{" + METADATA + ",\"plaintext\":\"AAEC\",\"encryptionAlgorithm\":\"AES_CBC\"}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/encrypt", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .isEqualTo(
            "{\"errorName\":\"ValidationException\","
                + "\"errorMessage\":\"encryptionAlgorithm must be AES_GCM, was \\\"AES_CBC\\\"\"}");
  }

  @Test
  void encrypt_withUrlSafeBase64_answers400Validation() throws Exception {
    String body = "{" + METADATA + ",\"plaintext\":\"-_-_\",\"encryptionAlgorithm\":\"AES_GCM\"}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/encrypt", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("plaintext must be standard base64 with padding");
  }

  @Test
  void encrypt_withoutKmsKeyArn_answers400Validation() throws Exception {
    String body =
        "{\"requestMetadata\":{\"awsPrincipalArn\":\"a\",\"kmsOperation\":\"Encrypt\","
            + "\"kmsRequestId\":\"r\"},\"plaintext\":\"AAEC\",\"encryptionAlgorithm\":\"AES_GCM\"}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/encrypt", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("requestMetadata.kmsKeyArn is required");
  }

  @Test
  void encrypt_withOtherIntegrityAlgorithm_answers400Validation() throws Exception {
    String body =
        "{"
            + METADATA
            + ",\"plaintext\":\"AAEC\",\"encryptionAlgorithm\":\"AES_GCM\","
            + "\"ciphertextDataIntegrityValueAlgorithm\":\"SHA_512\"}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/encrypt", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .contains("ciphertextDataIntegrityValueAlgorithm must be SHA_256, was \\\"SHA_512\\\"");
  }

  @Test
  void metadata_withLongArnAndUnknownOperation_isServed() throws Exception {
    String arn = "arn:aws:iam::111122223333:role/" + "r".repeat(2000);
    String body =
        "{\"requestMetadata\":{\"awsPrincipalArn\":\""
            + arn
            + "\",\"kmsOperation\":\"SomeFutureKmsApi\",\"kmsRequestId\":\"not-a-uuid\"}}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/both/metadata", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(
            "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"ENCRYPT\",\"DECRYPT\"],"
                + "\"keyStatus\":\"ENABLED\"}");
  }

  @Test
  void metadata_withInvalidKeyIdCharacters_answers400Validation() throws Exception {
    String body = "{" + METADATA + "}";

    RawAnswer answer = post(http, proxy, PATH_A + "/keys/a%20b/metadata", body, CREDENTIAL);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .contains("externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _");
  }
}
