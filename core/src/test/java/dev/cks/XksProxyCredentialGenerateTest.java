package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XksProxyCredentialGenerateTest {

  @Test
  void generate_makesCredentialWithinKmsRules() {
    XksProxyCredential credential = XksProxyCredential.generate();

    assertThat(credential.accessKeyId()).matches("[A-Z2-7]{20}");
    assertThat(credential.rawSecretAccessKey().reveal()).matches("[A-Za-z0-9/+=]{44}");
    assertThat(XksProxyCredential.of(credential.accessKeyId(), credential.rawSecretAccessKey()))
        .isEqualTo(credential);
  }

  @Test
  void generate_twice_givesDifferentCredentials() {
    XksProxyCredential first = XksProxyCredential.generate();
    XksProxyCredential second = XksProxyCredential.generate();

    assertThat(first.accessKeyId()).isNotEqualTo(second.accessKeyId());
    assertThat(first.rawSecretAccessKey()).isNotEqualTo(second.rawSecretAccessKey());
  }

  @Test
  void generate_toString_showsNoPart() {
    XksProxyCredential credential = XksProxyCredential.generate();

    assertThat(credential.toString())
        .doesNotContain(credential.accessKeyId())
        .doesNotContain(credential.rawSecretAccessKey().reveal());
  }
}
