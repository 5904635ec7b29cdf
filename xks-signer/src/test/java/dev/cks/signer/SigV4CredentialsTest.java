package dev.cks.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SigV4CredentialsTest {

  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEYsecret";

  @Test
  void toString_showsKeyIdAndSecretLengthOnly() {
    SigV4Credentials credentials = SigV4Credentials.of("AKIDEXAMPLE", SECRET, "token-value");

    assertThat(credentials.toString())
        .isEqualTo(
            "SigV4Credentials[accessKeyId=AKIDEXAMPLE, secretAccessKey=redacted, 46 bytes,"
                + " sessionToken=redacted]")
        .doesNotContain(SECRET)
        .doesNotContain("token-value");
  }

  @Test
  void equals_comparesAllParts() {
    assertThat(SigV4Credentials.of("A", SECRET)).isEqualTo(SigV4Credentials.of("A", SECRET));
    assertThat(SigV4Credentials.of("A", SECRET))
        .isNotEqualTo(SigV4Credentials.of("A", SECRET + "x"));
    assertThat(SigV4Credentials.of("A", SECRET)).isNotEqualTo(SigV4Credentials.of("B", SECRET));
    assertThat(SigV4Credentials.of("A", SECRET))
        .isNotEqualTo(SigV4Credentials.of("A", SECRET, "t"));
    assertThat(SigV4Credentials.of("A", SECRET).hashCode())
        .isEqualTo(SigV4Credentials.of("A", "other").hashCode());
  }

  @Test
  void of_withSlashInKeyId_failsNamingTheKeyId() {
    assertThatThrownBy(() -> SigV4Credentials.of("AK/ID", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "accessKeyId must contain only printable ASCII characters other than '/' and ',',"
                + " was \"AK/ID\"");
  }

  @Test
  void of_withEmptySecret_failsWithoutEchoingAnything() {
    assertThatThrownBy(() -> SigV4Credentials.of("AKID", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secretAccessKey must not be empty, was 0 characters");
  }

  @Test
  void of_withEmptyToken_fails() {
    assertThatThrownBy(() -> SigV4Credentials.of("AKID", SECRET, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionToken must not be empty");
  }

  @Test
  void signingKey_toStringIsRedacted() {
    assertThat(new SigningKey(new byte[32]).toString()).isEqualTo("SigningKey[redacted]");
  }
}
