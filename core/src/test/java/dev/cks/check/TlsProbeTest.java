package dev.cks.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsProbeTest {

  @Test
  void covers_sameNameInAnotherCase_matches() {
    assertThat(TlsProbe.covers("XKS.Example.test", "xks.example.test")).isTrue();
    assertThat(TlsProbe.covers("xks.example.test.", "xks.example.test")).isTrue();
  }

  @Test
  void covers_wildcard_matchesExactlyOneLeftmostLabel() {
    assertThat(TlsProbe.covers("*.example.test", "xks.example.test")).isTrue();
    assertThat(TlsProbe.covers("*.example.test", "a.xks.example.test")).isFalse();
    assertThat(TlsProbe.covers("*.example.test", "example.test")).isFalse();
    assertThat(TlsProbe.covers("*.example.test", ".example.test")).isFalse();
  }

  @Test
  void covers_wildcardOverATopLevelDomain_matchesNothing() {
    assertThat(TlsProbe.covers("*.test", "example.test")).isFalse();
  }

  @Test
  void covers_otherNameOrPartialWildcard_doesNotMatch() {
    assertThat(TlsProbe.covers("other.example.test", "xks.example.test")).isFalse();
    assertThat(TlsProbe.covers("x*.example.test", "xks.example.test")).isFalse();
    assertThat(TlsProbe.covers("example.test", "xks.example.test")).isFalse();
  }
}
