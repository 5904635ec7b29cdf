package dev.cks.xks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CiphertextIntegrityTest {

  private static final Base64.Decoder B64 = Base64.getDecoder();

  @Test
  void sha256_ofSpecExample_reproducesPublishedValue() {
    byte[] aad = "project=nile,department=marketing".getBytes(StandardCharsets.US_ASCII);
    byte[] metadata = B64.decode("a2V5X3ZlcnNpb249MQ==");
    byte[] iv = B64.decode("HMrlRw85cAJUd5Ax");
    byte[] ciphertext = B64.decode("ghxkK1txeDNn3q8Y");
    byte[] tag = B64.decode("vBxN2ncH1oEkR8WVXpmyYQ==");

    byte[] cdiv = CiphertextIntegrity.sha256(aad, metadata, iv, ciphertext, tag);

    assertThat(HexFormat.of().formatHex(cdiv))
        .isEqualTo("a8703f2260bd8791ec2d15ea0b23e65a0631eedcf2a13a65cc82db3f47cf5ec7");
    assertThat(Base64.getEncoder().encodeToString(cdiv))
        .isEqualTo("qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=");
  }

  @Test
  void sha256_withAbsentParts_equalsDigestOfTheRest() {
    byte[] iv = {1, 2, 3};
    byte[] ciphertext = {4, 5};
    byte[] tag = {6};

    assertThat(CiphertextIntegrity.sha256(null, null, iv, ciphertext, tag))
        .isEqualTo(CiphertextIntegrity.sha256(new byte[0], new byte[0], iv, ciphertext, tag))
        .isEqualTo(
            CiphertextIntegrity.sha256(null, null, null, null, new byte[] {1, 2, 3, 4, 5, 6}))
        .isNotEqualTo(CiphertextIntegrity.sha256(null, null, iv, ciphertext, new byte[] {7}));
  }
}
