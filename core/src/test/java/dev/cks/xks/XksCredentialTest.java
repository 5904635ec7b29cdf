package dev.cks.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class XksCredentialTest {

  private static final Secret SECRET = Secret.of("a".repeat(44));

  @Test
  void generate_makesCredentialWithinKmsRules() {
    XksCredential credential = XksCredential.generate();

    assertThat(credential.accessKeyId()).matches("[A-Z2-7]{20}");
    assertThat(credential.secretAccessKey().reveal()).matches("[A-Za-z0-9/+=]{44}");
    assertThat(XksCredential.of(credential.accessKeyId(), credential.secretAccessKey()))
        .isEqualTo(credential);
  }

  @Test
  void generate_twice_givesDifferentCredentials() {
    XksCredential first = XksCredential.generate();
    XksCredential second = XksCredential.generate();

    assertThat(first.accessKeyId()).isNotEqualTo(second.accessKeyId());
    assertThat(first.secretAccessKey()).isNotEqualTo(second.secretAccessKey());
  }

  @Test
  void of_withLowerCaseAccessKeyId_failsNamingRule() {
    assertThatThrownBy(() -> XksCredential.of("abcdefghijklmnopqrst", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AccessKeyId must be 20 to 30 characters of A-Z and 2-7, was \"abcdefghijklmnopqrst\"");
  }

  @Test
  void of_withShortSecret_failsNamingLengthOnly() {
    assertThatThrownBy(() -> XksCredential.of("A".repeat(20), Secret.of("tooShortSecret")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "RawSecretAccessKey must be 43 to 64 characters of a-z, A-Z, 0-9, /, + and =, was 14"
                + " characters");
  }

  @Test
  void toString_neverShowsSecret() {
    XksCredential credential = XksCredential.of("A".repeat(20), SECRET);

    assertThat(credential.toString())
        .isEqualTo("XksCredential[AAAAAAAAAAAAAAAAAAAA, secret redacted]")
        .doesNotContain(SECRET.reveal());
  }

  @Property
  void of_acceptsExactlyTheKmsAccessKeyIdAlphabet(
      @ForAll @StringLength(min = 20, max = 30) String id) {
    boolean valid = id.matches("[A-Z2-7]+");
    if (valid) {
      assertThat(XksCredential.of(id, SECRET).accessKeyId()).isEqualTo(id);
    } else {
      assertThatThrownBy(() -> XksCredential.of(id, SECRET))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
