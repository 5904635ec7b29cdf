package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XksRequestSignerTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:20:30.750Z");
  private static final String SECRET = "K7MDENG+bPxRfiCYEXAMPLEKEYwJalrXUtnFEMI/abc";
  private static final SigV4Credentials CREDENTIALS =
      SigV4Credentials.of("ABCDEFGHIJKLMNOPQRST", SECRET);
  private static final byte[] BODY =
      "{\"plaintext\":\"aGVsbG8=\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void sign_kmsShapedRequest_givesKmsAuthorizationAndDate() {
    SignatureHeaders headers =
        signer(Clock.fixed(NOW, ZoneOffset.UTC))
            .sign("xks.example.com", "/p/kms/xks/v1/keys/k/encrypt", BODY);

    assertThat(headers.amzDate()).isEqualTo("20260301T102030Z");
    assertThat(headers.authorization())
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=ABCDEFGHIJKLMNOPQRST/20260301/us-east-1/kms-xks-proxy/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=")
        .matches(".*Signature=[0-9a-f]{64}");
    assertThat(headers.contentSha256()).isEmpty();
    assertThat(headers.securityToken()).isEmpty();
    assertThat(headers.asMap()).containsOnlyKeys("Authorization", "X-Amz-Date");
  }

  @Test
  void sign_withContentSha256_addsAndSignsTheBodyHash() throws Exception {
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region("us-east-1")
            .credentials(CREDENTIALS)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .contentSha256Header(true)
            .build();

    SignatureHeaders headers = signer.sign("xks.example.com", "/p/kms/xks/v1/keys/k/encrypt", BODY);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
    assertThat(headers.contentSha256()).contains(expected);
    assertThat(headers.authorization())
        .contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a b/c",
        "//double//slash",
        "/dot/./segment",
        "/dot/../dot",
        "/percent%2Fencoded",
        "/\u00e9t\u00e9",
        "",
        "/trailing/"
      })
  void sign_withUnusualPath_matchesTheGeneralSigner(String path) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SigV4Signer general =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CREDENTIALS)
            .clock(clock)
            .build();

    SignatureHeaders fast = signer(clock).sign("xks.example.com", path, BODY);

    assertThat(fast.asMap())
        .isEqualTo(
            general
                .sign(
                    SigningRequest.builder().host("xks.example.com").path(path).body(BODY).build())
                .asMap());
  }

  @ParameterizedTest
  @ValueSource(strings = {" xks.example.com ", "xks  example", "h\u00f6st.example"})
  void sign_withUnusualHost_matchesTheGeneralSigner(String host) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SigV4Signer general =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CREDENTIALS)
            .clock(clock)
            .build();

    SignatureHeaders fast = signer(clock).sign(host, "/p", BODY);

    assertThat(fast.authorization())
        .isEqualTo(
            general
                .sign(SigningRequest.builder().host(host).path("/p").body(BODY).build())
                .authorization());
  }

  @Test
  void sign_withMoreTargetsThanItKeeps_matchesTheGeneralSignerForEach() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    XksRequestSigner signer = signer(clock);
    SigV4Signer general =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CREDENTIALS)
            .clock(clock)
            .build();

    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 200; i++) {
        String host = "xks" + i % 7 + ".example.com";
        String path = "/p/kms/xks/v1/keys/key-" + i + "/encrypt";
        assertThat(signer.sign(host, path, BODY).authorization())
            .isEqualTo(
                general
                    .sign(SigningRequest.builder().host(host).path(path).body(BODY).build())
                    .authorization());
      }
    }
  }

  @Test
  void sign_inLaterSecondsOfTheSameDay_matchesTheGeneralSigner() {
    Instant start = Instant.parse("2026-03-01T12:00:00Z");
    AtomicLong millis = new AtomicLong(start.toEpochMilli());
    XksRequestSigner signer = signer(new MillisClock(millis));

    for (int second = 0; second < 3; second++) {
      Instant now = start.plusSeconds(second);
      millis.set(now.toEpochMilli() + 999);
      SignatureHeaders fast = signer.sign("h", "/p", BODY);
      SigV4Signer general =
          SigV4Signer.builder()
              .region("us-east-1")
              .service("kms-xks-proxy")
              .credentials(CREDENTIALS)
              .clock(Clock.fixed(now, ZoneOffset.UTC))
              .build();

      assertThat(fast.amzDate()).isEqualTo("20260301T12000" + second + "Z");
      assertThat(fast.authorization())
          .isEqualTo(
              general
                  .sign(SigningRequest.builder().host("h").path("/p").body(BODY).build())
                  .authorization());
    }
  }

  @Test
  void sign_acrossMidnight_derivesTheNextDaysKey() {
    AtomicLong millis = new AtomicLong(Instant.parse("2026-03-01T23:59:59Z").toEpochMilli());
    Clock moving = new MillisClock(millis);
    XksRequestSigner signer = signer(moving);

    SignatureHeaders before = signer.sign("h", "/p", BODY);
    millis.addAndGet(1000);
    SignatureHeaders after = signer.sign("h", "/p", BODY);

    assertThat(before.authorization()).contains("/20260301/");
    assertThat(after.authorization()).contains("/20260302/");
    assertThat(after.amzDate()).isEqualTo("20260302T000000Z");
    SigV4Signer general =
        SigV4Signer.builder()
            .region("us-east-1")
            .service("kms-xks-proxy")
            .credentials(CREDENTIALS)
            .clock(Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC))
            .build();
    assertThat(after.authorization())
        .isEqualTo(
            general
                .sign(SigningRequest.builder().host("h").path("/p").body(BODY).build())
                .authorization());
  }

  @Test
  void sign_withSessionToken_signsAndReturnsTheToken() {
    XksRequestSigner signer =
        XksRequestSigner.builder()
            .region("us-east-1")
            .credentials(SigV4Credentials.of("AKID", SECRET, "the-token"))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    SignatureHeaders headers = signer.sign("h", "/p", BODY);

    assertThat(headers.securityToken()).contains("the-token");
    assertThat(headers.authorization())
        .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    assertThat(headers.toString()).doesNotContain("the-token");
  }

  @Test
  void sign_withPathHoldingQuery_failsNamingThePath() {
    assertThatThrownBy(() -> signer(Clock.systemUTC()).sign("h", "/p?x=1", BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must start with / and hold no ? or #, was \"/p?x=1\"");
  }

  @Test
  void sign_withBlankHost_failsNamingTheHost() {
    assertThatThrownBy(() -> signer(Clock.systemUTC()).sign(" ", "/p", BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host must not be blank, was \" \"");
  }

  @Test
  void sign_withTimeBeyondYear9999_fails() {
    Clock far = Clock.fixed(Instant.parse("+10000-01-01T00:00:00Z"), ZoneOffset.UTC);

    assertThatThrownBy(() -> signer(far).sign("h", "/p", BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "signing time must be within the years 0000 to 9999, was epoch second 253402300800");
  }

  @Test
  void builder_withUpperCaseRegion_failsNamingIt() {
    assertThatThrownBy(() -> XksRequestSigner.builder().region("US-EAST-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("region must be lower-case letters, digits and hyphens, was \"US-EAST-1\"");
  }

  @Test
  void builder_withoutCredentials_fails() {
    assertThatThrownBy(() -> XksRequestSigner.builder().region("us-east-1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("credentials is required");
  }

  @Test
  void toString_namesScopeAndKeyIdButNotTheSecret() {
    assertThat(signer(Clock.systemUTC()).toString())
        .isEqualTo(
            "XksRequestSigner[region=us-east-1, service=kms-xks-proxy,"
                + " accessKeyId=ABCDEFGHIJKLMNOPQRST]")
        .doesNotContain(SECRET);
  }

  private static XksRequestSigner signer(Clock clock) {
    return XksRequestSigner.builder()
        .region("us-east-1")
        .credentials(CREDENTIALS)
        .clock(clock)
        .build();
  }

  /** A clock whose time a test moves. */
  private static final class MillisClock extends Clock {
    private final AtomicLong millis;

    MillisClock(AtomicLong millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
