package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XksHandlerTest {

  @Test
  void loggable_withNewlinesAndSpaces_cannotForgeLogLines() {
    assertThat(XksHandler.loggable("id\nkmsRequestId=forged outcome=OK"))
        .isEqualTo("id_kmsRequestId=forged_outcome=OK");
  }

  @Test
  void loggable_withLongOrMissingText_isBounded() {
    assertThat(XksHandler.loggable("x".repeat(500))).hasSize(128);
    assertThat(XksHandler.loggable(null)).isEqualTo("-");
    assertThat(XksHandler.loggable("")).isEqualTo("-");
  }
}
