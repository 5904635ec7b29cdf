package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Property(tries = 500)
  void toString_neverShowsTheValue(@ForAll @StringLength(min = 1, max = 64) String value) {
    Secret secret = Secret.of(value);

    assertThat(secret.toString()).isEqualTo("Secret[redacted, " + value.length() + " chars]");
  }

  @Property(tries = 500)
  void equals_comparesValues(@ForAll String a, @ForAll String b) {
    assertThat(Secret.of(a).equals(Secret.of(b))).isEqualTo(a.equals(b));
    assertThat(Secret.of(a)).isEqualTo(Secret.of(a)).hasSameHashCodeAs(Secret.of(b));
  }

  @Test
  void reveal_returnsTheValue() {
    assertThat(Secret.of("kmsPswd1").reveal()).isEqualTo("kmsPswd1");
  }

  @Test
  void ofBytes_copiesInAndOut() {
    byte[] key = {1, 2, 3};
    Secret secret = Secret.ofBytes(key);
    key[0] = 9;
    secret.revealBytes()[1] = 9;

    assertThat(secret.revealBytes()).containsExactly(1, 2, 3);
    assertThat(secret).hasToString("Secret[redacted, 3 bytes]");
  }

  @Test
  void reveal_ofByteSecret_failsSayingToUseRevealBytes() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Secret.ofBytes(new byte[] {1}).reveal())
        .withMessage("this secret holds bytes, not text; use revealBytes()");
  }

  @Test
  void equals_textAndBytesOfSameUtf8_areDifferentKinds() {
    assertThat(Secret.of("a")).isNotEqualTo(Secret.ofBytes(new byte[] {'a'}));
  }

  @Test
  void of_withNull_throws() {
    assertThatNullPointerException()
        .isThrownBy(() -> Secret.of(null))
        .withMessage("secret value must not be null");
  }
}
