package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** AES-GCM on a real SoftHSM2 token, for plaintexts and AAD of any size up to 4 KiB. */
class RoundTripPropertyTest {

  private static HsmCluster cluster;
  private static CryptoUserSession kmsuser;
  private static AesKey key;

  @BeforeContainer
  static void login() {
    cluster = HsmCluster.open(ClusterDescriptor.forToken(SoftHsm.library(), SoftHsm.newToken()));
    kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD));
    key = kmsuser.generateKey("arn:aws:kms:us-east-1:111122223333:key/property");
  }

  @AfterContainer
  static void logout() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Property(tries = 200)
  void decryptOfEncrypt_givesThePlaintextBack(
      @ForAll @Size(max = 4096) byte[] plaintext, @ForAll @Size(max = 256) byte[] aad) {
    GcmCiphertext sealed = kmsuser.encrypt(key, plaintext, aad);

    assertThat(sealed.ciphertext()).hasSameSizeAs(plaintext);
    assertThat(kmsuser.decrypt(key, sealed, aad)).isEqualTo(plaintext);
  }

  @Property(tries = 100)
  void decrypt_withAnyFlippedBit_fails(
      @ForAll @Size(min = 1, max = 512) byte[] plaintext, @ForAll @IntRange(min = 0) int position) {
    byte[] sealed = kmsuser.encrypt(key, plaintext, new byte[0]).toBytes();
    int bit = position % (sealed.length * 8);
    sealed[bit / 8] ^= (byte) (1 << (bit % 8));

    assertThatThrownBy(() -> kmsuser.decrypt(key, GcmCiphertext.fromBytes(sealed), new byte[0]))
        .hasMessage("decryption failed");
  }
}
