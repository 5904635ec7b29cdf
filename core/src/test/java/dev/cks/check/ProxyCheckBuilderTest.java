package dev.cks.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyCheckBuilderTest {

  private static final Secret SECRET = Secret.of("a".repeat(44));

  @Test
  void run_withNothingSet_failsEachFormatAsMissingAndTriesNothing() {
    CheckReport report = ProxyCheck.builder().build().run();

    assertThat(report.title()).isEqualTo("XKS proxy pre-flight for (no endpoint)(no path)");
    assertThat(report.checks().subList(0, 3))
        .containsExactly(
            Check.failed("endpoint format", "XksProxyUriEndpoint is required, was missing."),
            Check.failed("path format", "XksProxyUriPath is required, was missing."),
            Check.failed(
                "credential format", "XksProxyAuthenticationCredential is required, was missing."));
    assertThat(report.checks().subList(3, report.checks().size()))
        .extracting(Check::detail)
        .containsOnly("not checked, because the endpoint format check failed.");
    assertThat(report.checks()).hasSize(17);
  }

  @Test
  void run_withSecretOfBytes_failsTheCredentialFormatByLength() {
    CheckReport report =
        ProxyCheck.builder()
            .endpoint("https://xks.example.test")
            .uriPath("/kms/xks/v1")
            .credential("BCDEFGHIJKLMNOPQRSTU", Secret.ofBytes(new byte[44]))
            .build()
            .run();

    assertThat(report.checks().get(2))
        .isEqualTo(
            Check.failed(
                "credential format",
                "XksProxyAuthenticationCredential.RawSecretAccessKey must be text, was a secret of"
                    + " 44 bytes."));
  }

  @Test
  void trustPem_withoutCertificate_isRefused() {
    assertThatThrownBy(() -> ProxyCheck.builder().trustPem("not a certificate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the trusted PEM text holds no CERTIFICATE block");
  }

  @Test
  void trustPem_withUnreadableFile_isRefused() {
    Path missing = Path.of("target", "no-such-file.pem");

    assertThatThrownBy(() -> ProxyCheck.builder().trustPem(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  @Test
  void latencyBudget_notPositive_isRefused() {
    assertThatThrownBy(() -> ProxyCheck.builder().latencyBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latencyBudget must be positive, was PT0S");
    assertThatThrownBy(() -> ProxyCheck.builder().timeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT-0.001S");
  }

  @Test
  void toString_ofBuilderAndCheck_neverShowsTheSecret() {
    ProxyCheck.Builder builder =
        ProxyCheck.builder()
            .endpoint("https://xks.example.test")
            .uriPath("/kms/xks/v1")
            .credential("BCDEFGHIJKLMNOPQRSTU", SECRET);

    for (Object shown : List.of(builder, builder.build())) {
      assertThat(shown.toString()).contains("https://xks.example.test/kms/xks/v1");
      assertThat(shown.toString()).doesNotContain(SECRET.reveal());
    }
  }
}
