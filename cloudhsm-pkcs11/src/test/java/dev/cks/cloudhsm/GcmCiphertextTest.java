package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GcmCiphertextTest {

  @Property
  void toBytesThenFromBytes_givesTheSameParts(
      @ForAll @Size(12) byte[] iv,
      @ForAll @Size(max = 5000) byte[] body,
      @ForAll @Size(16) byte[] tag) {
    GcmCiphertext original = GcmCiphertext.of(iv, body, tag);

    GcmCiphertext again = GcmCiphertext.fromBytes(original.toBytes());

    assertThat(again).isEqualTo(original);
    assertThat(again.iv()).isEqualTo(iv);
    assertThat(again.ciphertext()).isEqualTo(body);
    assertThat(again.tag()).isEqualTo(tag);
    assertThat(again.toBytes()).hasSize(28 + body.length);
  }

  @Test
  void of_copiesTheArrays() {
    byte[] iv = new byte[12];
    GcmCiphertext ciphertext = GcmCiphertext.of(iv, new byte[3], new byte[16]);

    iv[0] = 1;
    ciphertext.iv()[1] = 1;

    assertThat(ciphertext.iv()).isEqualTo(new byte[12]);
  }

  @Test
  void of_withShortIv_isRejected() {
    assertThatThrownBy(() -> GcmCiphertext.of(new byte[16], new byte[0], new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iv must be 12 bytes, was 16 bytes");
  }

  @Test
  void of_withShortTag_isRejected() {
    assertThatThrownBy(() -> GcmCiphertext.of(new byte[12], new byte[0], new byte[12]))
        .hasMessage("tag must be 16 bytes, was 12 bytes");
  }

  @Test
  void fromBytes_shorterThanIvAndTag_isRejected() {
    assertThatThrownBy(() -> GcmCiphertext.fromBytes(new byte[27]))
        .hasMessage("a GCM ciphertext must be at least 28 bytes, was 27 bytes");
  }

  @Test
  void toString_namesOnlyTheLength() {
    assertThat(GcmCiphertext.of(new byte[12], new byte[5], new byte[16]))
        .hasToString("GcmCiphertext[5 bytes]");
  }
}
