package dev.cks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFingerprintsTest {

  @TempDir Path dir;

  @Test
  void matches_beforeAndAfterARecord_tellsNothingThenTheTruth() {
    SecretFingerprints fingerprints = SecretFingerprints.inMemory();

    assertThat(fingerprints.matches("cks-1", "KeyStorePassword", Secret.of("kmsPswd1"))).isEmpty();
    fingerprints.record("cks-1", "KeyStorePassword", Secret.of("kmsPswd1"));

    assertThat(fingerprints.matches("cks-1", "KeyStorePassword", Secret.of("kmsPswd1")))
        .contains(true);
    assertThat(fingerprints.matches("cks-1", "KeyStorePassword", Secret.of("kmsPswd2")))
        .contains(false);
    assertThat(fingerprints.matches("cks-2", "KeyStorePassword", Secret.of("kmsPswd1"))).isEmpty();
  }

  @Test
  void forget_ofAStore_dropsOnlyItsRecords() {
    SecretFingerprints fingerprints = SecretFingerprints.inMemory();
    fingerprints.record("cks-1", "KeyStorePassword", Secret.of("kmsPswd1"));
    fingerprints.record("cks-12", "KeyStorePassword", Secret.of("kmsPswd1"));

    fingerprints.forget("cks-1");

    assertThat(fingerprints.has("cks-1", "KeyStorePassword")).isFalse();
    assertThat(fingerprints.has("cks-12", "KeyStorePassword")).isTrue();
  }

  @Test
  void file_readAgain_keepsRecordsOwnerOnlyAndWithoutTheSecret() throws Exception {
    Path file = dir.resolve("fingerprints.json");
    SecretFingerprints.file(file).record("cks-1", "KeyStorePassword", Secret.of("kmsPswd1"));

    SecretFingerprints reread = SecretFingerprints.file(file);

    assertThat(reread.matches("cks-1", "KeyStorePassword", Secret.of("kmsPswd1"))).contains(true);
    assertThat(reread.matches("cks-1", "KeyStorePassword", Secret.of("other12"))).contains(false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("kmsPswd1");
  }

  @Test
  void file_thatIsNotAFingerprintFile_failsNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("other.json"), "{\"records\": []}");

    assertThatThrownBy(() -> SecretFingerprints.file(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "fingerprint file " + file + " must hold a text \"key\" and an object \"records\"");
  }

  @Test
  void toString_namesWhereRecordsLive() {
    assertThat(SecretFingerprints.inMemory()).hasToString("SecretFingerprints[in memory]");
  }
}
