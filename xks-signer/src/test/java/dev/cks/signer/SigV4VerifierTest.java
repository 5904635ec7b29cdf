package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:20:30Z");
  private static final String HOST = "xks.example.com:8443";
  private static final String PATH = "/prefix/kms/xks/v1/keys/key-1/encrypt";
  private static final byte[] BODY =
      "{\"requestMetadata\":{\"awsPrincipalArn\":\"arn\"},\"plaintext\":\"aGVsbG8=\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final String CURRENT_SECRET = "c".repeat(43);
  private static final SigV4Credentials CURRENT =
      SigV4Credentials.of("CURRENTKEYID234567ABC", CURRENT_SECRET);
  private static final SigV4Credentials NEXT =
      SigV4Credentials.of("NEXTKEYID234567ABCDEF", "n".repeat(64));

  private final SigV4Verifier verifier = verifier(CredentialLookup.of(CURRENT, NEXT));

  @Test
  void verify_withRequestFromFastSigner_accepts() {
    VerificationResult result = verify(signed(CURRENT, NOW));

    assertThat(result.accepted()).isTrue();
    assertThat(result.outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(result.accessKeyId()).contains(CURRENT.accessKeyId());
    assertThat(result.message()).isEqualTo("signature is valid");
  }

  @Test
  void verify_withEitherOfTwoActiveCredentials_accepts() {
    assertThat(verify(signed(CURRENT, NOW)).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(verify(signed(NEXT, NOW)).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_afterRotationInTheLookup_acceptsNewAndRejectsRemovedWithoutRebuild() {
    Map<String, SigV4Credentials> active = new ConcurrentHashMap<>();
    active.put(CURRENT.accessKeyId(), CURRENT);
    SigV4Verifier rotating = verifier(id -> Optional.ofNullable(active.get(id)));
    Map<String, List<String>> fromCurrent = signed(CURRENT, NOW);
    Map<String, List<String>> fromNext = signed(NEXT, NOW);
    assertThat(verifyWith(rotating, fromNext).outcome())
        .isEqualTo(VerificationOutcome.UNKNOWN_ACCESS_KEY_ID);

    active.put(NEXT.accessKeyId(), NEXT);
    assertThat(verifyWith(rotating, fromCurrent).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(verifyWith(rotating, fromNext).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);

    active.remove(CURRENT.accessKeyId());
    assertThat(verifyWith(rotating, fromCurrent).outcome())
        .isEqualTo(VerificationOutcome.UNKNOWN_ACCESS_KEY_ID);
    assertThat(verifyWith(rotating, fromNext).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withCurlStyleSignedContentType_accepts() {
    SigV4Signer curlLike =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CURRENT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    SigningRequest request =
        SigningRequest.builder()
            .host(HOST)
            .path(PATH)
            .header("Content-Type", "application/json")
            .body(BODY)
            .build();
    Map<String, List<String>> headers = headers();
    curlLike.sign(request).forEach((name, value) -> headers.put(name, List.of(value)));

    VerificationResult result = verify(headers);

    assertThat(headers.get("Authorization").get(0))
        .contains("SignedHeaders=content-type;host;x-amz-date,");
    assertThat(result.outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withSignedContentTypeChanged_rejectsAsSignatureMismatch() {
    SigV4Signer curlLike =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CURRENT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    SigningRequest request =
        SigningRequest.builder()
            .host(HOST)
            .path(PATH)
            .header("Content-Type", "application/json")
            .body(BODY)
            .build();
    Map<String, List<String>> headers = headers();
    curlLike.sign(request).forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put("Content-Type", List.of("text/plain"));

    assertThat(verify(headers).outcome()).isEqualTo(VerificationOutcome.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_withRelativePath_rejectsAsMalformedPath() {
    VerificationResult result =
        verifier.verify("POST", "p/kms", null, source(signed(CURRENT, NOW)), BODY);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.MALFORMED_PATH);
    assertThat(result.message()).isEqualTo("path must start with /, was \"p/kms\"");
  }

  @Test
  void verify_withOneVerifierForManyClientsAndHeaderSets_decidesEachOnItsOwn() {
    SigV4Signer withContentType =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(NEXT)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    Map<String, List<String>> curlLike = headers();
    withContentType
        .sign(
            SigningRequest.builder()
                .host(HOST)
                .path(PATH)
                .header("Content-Type", "application/json")
                .body(BODY)
                .build())
        .forEach((name, value) -> curlLike.put(name, List.of(value)));
    Map<String, List<String>> kmsLike = signed(NEXT, NOW);
    Map<String, List<String>> otherKey = signed(CURRENT, NOW);
    Map<String, List<String>> forged = signed(NEXT, NOW);
    forged.put("Authorization", curlLike.get("Authorization"));
    forged.put("Content-Type", List.of("text/plain"));

    for (int round = 0; round < 3; round++) {
      assertThat(verify(curlLike).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
      assertThat(verify(kmsLike).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
      assertThat(verify(otherKey).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
      assertThat(verify(forged).outcome()).isEqualTo(VerificationOutcome.SIGNATURE_MISMATCH);
    }
  }

  @Test
  void verify_withNonLatinCharWhereAnAcceptedHeaderHadAnother_isNotTakenForIt() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    assertThat(verify(headers).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    String authorization = headers.get("Authorization").get(0);
    headers.put("Authorization", List.of(authorization.replace("CURRENTKEY", "CURRENT\u0108EY")));

    VerificationResult result = verify(headers);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.UNKNOWN_ACCESS_KEY_ID);
    assertThat(result.accessKeyId()).contains("CURRENT\u0108EYID234567ABC");
  }

  @Test
  void verify_withAccessKeyIdHoldingQuestionMark_isDecidedEachTime() {
    SigV4Credentials odd = SigV4Credentials.of("ODD?KEY", CURRENT_SECRET);
    SigV4Verifier withOdd = verifier(CredentialLookup.of(odd));
    Map<String, List<String>> headers = signed(odd, NOW);
    Map<String, List<String>> changed = signed(odd, NOW);
    changed.put(
        "Authorization", List.of(headers.get("Authorization").get(0).replace("?", "\u0100")));

    assertThat(verifyWith(withOdd, headers).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(verifyWith(withOdd, changed).outcome())
        .isEqualTo(VerificationOutcome.UNKNOWN_ACCESS_KEY_ID);
    assertThat(verifyWith(withOdd, headers).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withoutAuthorization_rejectsAsMissingAuthorization() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.remove("Authorization");

    VerificationResult result = verify(headers);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.MISSING_AUTHORIZATION);
    assertThat(result.accessKeyId()).isEmpty();
    assertThat(result.message()).isEqualTo("Authorization is missing");
  }

  @Test
  void verify_withTwoAuthorizationHeaders_rejectsAsMalformed() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    String authorization = headers.get("Authorization").get(0);
    headers.put("Authorization", List.of(authorization, authorization));

    assertRejected(
        headers, VerificationOutcome.MALFORMED_AUTHORIZATION, "Authorization is given twice");
  }

  @Test
  void verify_withOtherAlgorithm_rejectsAsMalformed() {
    assertRejected(
        withAuthorization("AWS4-HMAC-SHA512 Credential=A/20260301/us-east-1/kms-xks-proxy/"),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "Authorization must start with AWS4-HMAC-SHA256 and a space");
  }

  @Test
  void verify_withShortCredential_rejectsAsMalformed() {
    assertRejected(
        withAuthorization(
            "AWS4-HMAC-SHA256 Credential=ABC/us-east-1/kms-xks-proxy/aws4_request,"
                + " SignedHeaders=host;x-amz-date, Signature="
                + "0".repeat(64)),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "Credential must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request");
  }

  @Test
  void verify_withoutCommas_rejectsAsMalformed() {
    assertRejected(
        withAuthorization("AWS4-HMAC-SHA256 Credential=A/20260301/us-east-1/kms-xks-proxy/x"),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "Authorization must separate its parts with commas");
  }

  @Test
  void verify_withSignedHeadersWithoutHost_rejectsAsMalformed() {
    assertRejected(
        withAuthorization(
            authorization(
                CURRENT.accessKeyId(),
                "20260301/us-east-1/kms-xks-proxy/aws4_request",
                "x-amz-date",
                "0".repeat(64))),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "SignedHeaders must include host and x-amz-date");
  }

  @Test
  void verify_withUnsortedSignedHeaders_rejectsAsMalformed() {
    assertRejected(
        withAuthorization(
            authorization(
                CURRENT.accessKeyId(),
                "20260301/us-east-1/kms-xks-proxy/aws4_request",
                "x-amz-date;host",
                "0".repeat(64))),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "SignedHeaders must be sorted and without repeats");
  }

  @Test
  void verify_withUpperCaseSignedHeader_rejectsAsMalformed() {
    assertRejected(
        withAuthorization(
            authorization(
                CURRENT.accessKeyId(),
                "20260301/us-east-1/kms-xks-proxy/aws4_request",
                "Host;x-amz-date",
                "0".repeat(64))),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "SignedHeaders must be lower-case header names separated by ;");
  }

  @Test
  void verify_withShortSignature_rejectsAsMalformed() {
    assertRejected(
        withAuthorization(
            authorization(
                CURRENT.accessKeyId(),
                "20260301/us-east-1/kms-xks-proxy/aws4_request",
                "host;x-amz-date",
                "0".repeat(63))),
        VerificationOutcome.MALFORMED_AUTHORIZATION,
        "Signature must be 64 lower-case hex digits");
  }

  @Test
  void verify_withoutDate_rejectsAsMissingDate() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.remove("X-Amz-Date");

    VerificationResult result = verify(headers);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.MISSING_DATE);
    assertThat(result.accessKeyId()).contains(CURRENT.accessKeyId());
    assertThat(result.message()).isEqualTo("X-Amz-Date is missing");
  }

  @Test
  void verify_withMalformedDate_rejectsAsMalformedDate() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.put("X-Amz-Date", List.of("20260230T102030Z"));

    assertRejected(
        headers,
        VerificationOutcome.MALFORMED_DATE,
        "X-Amz-Date must be one time in the form yyyyMMdd'T'HHmmss'Z', was [20260230T102030Z]");
  }

  @Test
  void verify_withScopeDateOtherThanRequestDate_rejectsAsScopeMismatch() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.put("X-Amz-Date", List.of("20260302T102030Z"));

    assertRejected(
        headers,
        VerificationOutcome.SCOPE_MISMATCH,
        "credential scope date 20260301 is not the date of X-Amz-Date 20260302T102030Z");
  }

  @Test
  void verify_withOtherRegion_rejectsAsScopeMismatch() {
    assertRejected(
        signedBy(signer(CURRENT, NOW).region("eu-west-1").build()),
        VerificationOutcome.SCOPE_MISMATCH,
        "credential scope region must be us-east-1, was eu-west-1");
  }

  @Test
  void verify_withOtherService_rejectsAsScopeMismatch() {
    assertRejected(
        signedBy(signer(CURRENT, NOW).service("kms").build()),
        VerificationOutcome.SCOPE_MISMATCH,
        "credential scope service must be kms-xks-proxy, was kms");
  }

  @Test
  void verify_withOtherTerminator_rejectsAsScopeMismatch() {
    assertRejected(
        withAuthorization(
            authorization(
                CURRENT.accessKeyId(),
                "20260301/us-east-1/kms-xks-proxy/aws4_reply",
                "host;x-amz-date",
                "0".repeat(64))),
        VerificationOutcome.SCOPE_MISMATCH,
        "credential scope must end with aws4_request, was aws4_reply");
  }

  @Test
  void verify_withStaleDate_rejectsAsStale() {
    assertRejected(
        signed(CURRENT, NOW.minusSeconds(301)),
        VerificationOutcome.STALE,
        "X-Amz-Date 20260301T101529Z is more than PT5M before the verifier's time");
  }

  @Test
  void verify_withFutureDate_rejectsAsFuture() {
    assertRejected(
        signed(CURRENT, NOW.plusSeconds(301)),
        VerificationOutcome.FUTURE,
        "X-Amz-Date 20260301T102531Z is more than PT5M after the verifier's time");
  }

  @Test
  void verify_withDateAtTheSkewLimit_accepts() {
    assertThat(verify(signed(CURRENT, NOW.minusSeconds(300))).outcome())
        .isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(verify(signed(CURRENT, NOW.plusSeconds(300))).outcome())
        .isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withConfiguredSkew_rejectsBeyondIt() {
    SigV4Verifier strict =
        SigV4Verifier.builder()
            .region("us-east-1")
            .credentials(CredentialLookup.of(CURRENT))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .maxClockSkew(Duration.ofSeconds(30))
            .build();

    assertThat(verifyWith(strict, signed(CURRENT, NOW.minusSeconds(30))).outcome())
        .isEqualTo(VerificationOutcome.ACCEPTED);
    assertThat(verifyWith(strict, signed(CURRENT, NOW.minusSeconds(31))).outcome())
        .isEqualTo(VerificationOutcome.STALE);
  }

  @Test
  void verify_withUnknownAccessKeyId_rejectsAsUnknown() {
    SigV4Credentials stranger = SigV4Credentials.of("STRANGERKEYID234567AB", CURRENT_SECRET);

    assertRejected(
        signed(stranger, NOW),
        VerificationOutcome.UNKNOWN_ACCESS_KEY_ID,
        "no credentials are known for access key id STRANGERKEYID234567AB");
  }

  @Test
  void verify_withSignedHeaderAbsent_rejectsAsMissingSignedHeader() {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.remove("Host");

    assertRejected(
        headers, VerificationOutcome.MISSING_SIGNED_HEADER, "signed header host is missing");
  }

  @Test
  void verify_withWrongContentSha256_rejectsAsPayloadHashMismatch() {
    Map<String, List<String>> headers =
        signedBy(signer(CURRENT, NOW).contentSha256Header(true).build());
    headers.put("x-amz-content-sha256", List.of(SigV4.EMPTY_SHA256));

    assertRejected(
        headers,
        VerificationOutcome.PAYLOAD_HASH_MISMATCH,
        "x-amz-content-sha256 does not hold the SHA-256 of the body");
  }

  @Test
  void verify_withRightContentSha256_accepts() {
    Map<String, List<String>> headers =
        signedBy(signer(CURRENT, NOW).contentSha256Header(true).build());

    assertThat(verify(headers).outcome()).isEqualTo(VerificationOutcome.ACCEPTED);
  }

  @Test
  void verify_withOtherSecretSameKeyId_rejectsAsSignatureMismatch() {
    SigV4Credentials impostor = SigV4Credentials.of(CURRENT.accessKeyId(), "x".repeat(43));

    assertRejected(
        signed(impostor, NOW), VerificationOutcome.SIGNATURE_MISMATCH, "signature does not match");
  }

  @Test
  void verify_withChangedBody_rejectsAsSignatureMismatch() {
    byte[] changed = BODY.clone();
    changed[5] ^= 1;

    VerificationResult result =
        verifier.verify("POST", PATH, null, source(signed(CURRENT, NOW)), changed);

    assertThat(result.outcome()).isEqualTo(VerificationOutcome.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_resultsNeverShowTheSecret() {
    for (Map<String, List<String>> headers :
        List.of(
            signed(CURRENT, NOW),
            signed(SigV4Credentials.of(CURRENT.accessKeyId(), "y".repeat(43)), NOW))) {
      VerificationResult result = verify(headers);
      assertThat(result.toString()).doesNotContain(CURRENT_SECRET);
      assertThat(result.message()).doesNotContain(CURRENT_SECRET);
    }
  }

  @Test
  void builder_withoutRegion_failsNamingIt() {
    assertThatThrownBy(() -> SigV4Verifier.builder().credentials(CredentialLookup.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("region is required");
  }

  @Test
  void builder_withoutCredentials_failsNamingThem() {
    assertThatThrownBy(() -> SigV4Verifier.builder().region("us-east-1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("credentials is required");
  }

  @Test
  void builder_withNegativeSkew_fails() {
    assertThatThrownBy(() -> SigV4Verifier.builder().maxClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxClockSkew must be between 0 and 1 day, was PT-1S");
  }

  @Test
  void builder_withZeroCacheCapacity_fails() {
    assertThatThrownBy(() -> SigV4Verifier.builder().keyCacheCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyCacheCapacity must be between 1 and 65536, was 0");
  }

  @Test
  void credentialLookup_withRepeatedAccessKeyId_fails() {
    assertThatThrownBy(() -> CredentialLookup.of(CURRENT, CURRENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credentials must have distinct access key ids, CURRENTKEYID234567ABC repeats");
  }

  @Test
  void verify_withManyCredentialsBeyondTheKeyCache_acceptsAll() {
    List<SigV4Credentials> many = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(
          SigV4Credentials.of("MANYKEYID" + (char) ('A' + i % 26) + i, "s" + i + "x".repeat(42)));
    }
    SigV4Verifier small =
        SigV4Verifier.builder()
            .region("us-east-1")
            .credentials(CredentialLookup.of(many))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .keyCacheCapacity(4)
            .build();

    for (int round = 0; round < 2; round++) {
      for (SigV4Credentials c : many) {
        assertThat(verifyWith(small, signed(c, NOW)).outcome())
            .isEqualTo(VerificationOutcome.ACCEPTED);
      }
    }
  }

  private void assertRejected(
      Map<String, List<String>> headers, VerificationOutcome outcome, String message) {
    VerificationResult result = verify(headers);
    assertThat(result.outcome()).isEqualTo(outcome);
    assertThat(result.accepted()).isFalse();
    assertThat(result.message()).isEqualTo(message);
  }

  private VerificationResult verify(Map<String, List<String>> headers) {
    return verifyWith(verifier, headers);
  }

  private static VerificationResult verifyWith(
      SigV4Verifier verifier, Map<String, List<String>> headers) {
    return verifier.verify("POST", PATH, null, source(headers), BODY);
  }

  private static HeaderSource source(Map<String, List<String>> headers) {
    return headers::get;
  }

  private static SigV4Verifier verifier(CredentialLookup lookup) {
    return SigV4Verifier.builder()
        .region("us-east-1")
        .credentials(lookup)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static String authorization(
      String accessKeyId, String scope, String signedHeaders, String signature) {
    return "AWS4-HMAC-SHA256 Credential="
        + accessKeyId
        + "/"
        + scope
        + ", SignedHeaders="
        + signedHeaders
        + ", Signature="
        + signature;
  }

  private static Map<String, List<String>> withAuthorization(String authorization) {
    Map<String, List<String>> headers = signed(CURRENT, NOW);
    headers.put("Authorization", List.of(authorization));
    return headers;
  }

  private static XksRequestSigner.Builder signer(SigV4Credentials credentials, Instant at) {
    return XksRequestSigner.builder()
        .region("us-east-1")
        .credentials(credentials)
        .clock(Clock.fixed(at, ZoneOffset.UTC));
  }

  private static Map<String, List<String>> signed(SigV4Credentials credentials, Instant at) {
    return signedBy(signer(credentials, at).build());
  }

  private static Map<String, List<String>> signedBy(XksRequestSigner signer) {
    Map<String, List<String>> headers = headers();
    signer.sign(HOST, PATH, BODY).forEach((name, value) -> headers.put(name, List.of(value)));
    return headers;
  }

  private static Map<String, List<String>> headers() {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Host", List.of(HOST));
    headers.put("Content-Type", List.of("application/json"));
    return headers;
  }
}
