package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:20:30Z");
  private static final String HOST = "xks.example.com:8443";
  private static final String PATH = "/prefix/kms/xks/v1/keys/key-1/encrypt";
  private static final byte[] BODY =
      "{\"requestMetadata\":{\"awsPrincipalArn\":\"arn\"},\"plaintext\":\"aGVsbG8=\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final SigV4Credentials CURRENT =
      SigV4Credentials.of("CURRENTKEYID234567ABC", "c".repeat(43));
  private static final SigV4Credentials NEXT =
      SigV4Credentials.of("NEXTKEYID234567ABCDEF", "n".repeat(64));

  private final SigV4Verifier verifier =
      SigV4Verifier.builder()
          .region("us-east-1")
          .credentials(CredentialLookup.of(CURRENT, NEXT))
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();

  @Test
  void verify_withRequestFromFastSigner_accepts() {
    Map<String, List<String>> headers = signedHeaders(CURRENT, NOW);

    VerificationResult result = verifier.verify("POST", PATH, null, HeaderSource.of(headers), BODY);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(result.accessKeyId()).contains(CURRENT.accessKeyId());
  }

  @Test
  void verify_withEitherOfTwoActiveCredentials_accepts() {
    assertThat(verifier.verify("POST", PATH, "", HeaderSource.of(signedHeaders(NEXT, NOW)), BODY))
        .extracting(VerificationResult::outcome)
        .isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withStaleDate_rejectsAsStale() {
    Map<String, List<String>> headers = signedHeaders(CURRENT, NOW.minus(Duration.ofSeconds(301)));

    VerificationResult result = verifier.verify("POST", PATH, null, HeaderSource.of(headers), BODY);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.STALE);
    assertThat(result.message())
        .isEqualTo("X-Amz-Date 20260301T101529Z is more than PT5M before the verifier's time");
  }

  private static Map<String, List<String>> signedHeaders(SigV4Credentials credentials, Instant at) {
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region("us-east-1")
            .credentials(credentials)
            .clock(Clock.fixed(at, ZoneOffset.UTC))
            .build();
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Host", new ArrayList<>(List.of(HOST)));
    headers.put("Content-Type", new ArrayList<>(List.of("application/json")));
    signer.sign(HOST, PATH, BODY).forEach((name, value) -> headers.put(name, List.of(value)));
    return headers;
  }
}
