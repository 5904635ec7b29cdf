package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.cks.Secret;
import dev.cks.local.Database.Row;
import dev.cks.local.Database.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  private static final Secret PASSWORD = Secret.of("kmsPswd-Unique-7731");
  private static final byte[] MATERIAL = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, 0x00, 0x7F};

  @TempDir Path dir;

  @Test
  void insertAndFind_roundTripsAttributesAndBothKindsOfSecret() {
    try (Database db = Database.inMemory()) {
      db.write(tx -> tx.insertStore("cks-1", "first", Map.of("type", "AWS_CLOUDHSM"), secrets()));

      Row row = db.read(tx -> tx.find(Table.STORES, "cks-1")).orElseThrow();

      assertThat(row.id()).isEqualTo("cks-1");
      assertThat(row.attributes()).containsExactly(Map.entry("type", "AWS_CLOUDHSM"));
      assertThat(row.secrets().get("password")).isEqualTo(PASSWORD);
      assertThat(row.secrets().get("material").isText()).isFalse();
      assertThat(row.secrets().get("material").revealBytes()).containsExactly(MATERIAL);
    }
  }

  @Test
  void page_returnsRowsInCreationOrderAfterTheGivenSequence() {
    try (Database db = Database.inMemory()) {
      for (int i = 0; i < 7; i++) {
        String id = "cks-" + i;
        db.write(tx -> tx.insertStore(id, "name-" + id, Map.of(), Map.of()));
      }

      List<Row> first = db.read(tx -> tx.page(Table.STORES, 0, 3));
      List<Row> second = db.read(tx -> tx.page(Table.STORES, first.get(2).seq(), 3));
      List<Row> last = db.read(tx -> tx.page(Table.STORES, second.get(2).seq(), 3));

      assertThat(first).extracting(Row::id).containsExactly("cks-0", "cks-1", "cks-2");
      assertThat(second).extracting(Row::id).containsExactly("cks-3", "cks-4", "cks-5");
      assertThat(last).extracting(Row::id).containsExactly("cks-6");
    }
  }

  @Test
  void updateAndDelete_changeOnlyTheirRow() {
    try (Database db = Database.inMemory()) {
      db.write(tx -> tx.insertStore("cks-a", "a", Map.of("v", "1"), Map.of()));
      db.write(tx -> tx.insertStore("cks-b", "b", Map.of("v", "1"), Map.of()));
      db.write(tx -> tx.insertKey("key-1", "cks-a", Map.of("state", "Enabled"), Map.of()));

      db.write(
          tx -> {
            tx.updateStore("cks-a", "renamed", Map.of("v", "2"), Map.of("password", PASSWORD));
            tx.updateKey("key-1", Map.of("state", "Disabled"), Map.of());
            tx.delete(Table.STORES, "cks-b");
            return null;
          });

      Row a = db.read(tx -> tx.findStoreByName("renamed")).orElseThrow();
      assertThat(a.attributes()).containsEntry("v", "2");
      assertThat(a.secrets()).containsEntry("password", PASSWORD);
      assertThat(store(db, "cks-b")).isEmpty();
      List<Row> keys = db.read(tx -> tx.keysOf("cks-a"));
      assertThat(keys)
          .singleElement()
          .satisfies(key -> assertThat(key.attribute("state")).isEqualTo("Disabled"));
    }
  }

  @Test
  void write_whenWorkThrows_changesNothing() {
    try (Database db = Database.inMemory()) {
      assertThatIllegalStateException()
          .isThrownBy(
              () ->
                  db.write(
                      tx -> {
                        tx.insertStore("cks-1", "one", Map.of(), Map.of());
                        throw new IllegalStateException("abandoned");
                      }))
          .withMessage("abandoned");

      assertThat(storeCount(db)).isZero();
    }
  }

  @Test
  void insertStore_withNameInUse_failsAndKeepsTheFirst() {
    try (Database db = Database.inMemory()) {
      db.write(tx -> tx.insertStore("cks-1", "same", Map.of(), Map.of()));

      assertThatIllegalStateException()
          .isThrownBy(() -> db.write(tx -> tx.insertStore("cks-2", "same", Map.of(), Map.of())))
          .withMessageContaining("UNIQUE constraint failed: stores.name");

      Row kept = db.read(tx -> tx.findStoreByName("same")).orElseThrow();
      assertThat(kept.id()).isEqualTo("cks-1");
    }
  }

  @Test
  void insertStore_from16ThreadsWithOneName_leavesExactlyOneStore() throws Exception {
    try (Database db = Database.open(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String id = "cks-" + i;
        Callable<Boolean> attempt =
            () -> {
              start.await();
              try {
                db.write(
                    tx -> {
                      if (tx.findStoreByName("contested").isPresent()) {
                        return false;
                      }
                      tx.insertStore(id, "contested", Map.of(), Map.of());
                      return true;
                    });
                return true;
              } catch (IllegalStateException e) {
                return false;
              }
            };
        outcomes.add(pool.submit(attempt));
      }
      start.countDown();
      int created = 0;
      for (Future<Boolean> outcome : outcomes) {
        created += outcome.get() ? 1 : 0;
      }
      pool.shutdown();

      assertThat(storeCount(db)).isEqualTo(1);
      assertThat(created).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void open_again_findsWhatWasWritten() {
    try (Database db = Database.open(dir)) {
      db.write(tx -> tx.insertStore("cks-1", "kept", Map.of("a", "b"), secrets()));
    }

    try (Database db = Database.open(dir)) {
      Row row = db.read(tx -> tx.findStoreByName("kept")).orElseThrow();
      assertThat(row.secrets().get("password")).isEqualTo(PASSWORD);
    }
  }

  @Test
  void files_neverHoldASecretInPlaintext() throws IOException {
    try (Database db = Database.open(dir)) {
      db.write(tx -> tx.insertStore("cks-1", "one", Map.of(), secrets()));
      db.write(
          tx -> {
            tx.updateStore("cks-1", "one", Map.of(), secrets());
            return null;
          });

      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> !f.endsWith(Database.MASTER_KEY_FILE_NAME)).toList()) {
          String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(content).doesNotContain(PASSWORD.reveal());
          assertThat(content)
              .doesNotContain(new String(MATERIAL, StandardCharsets.ISO_8859_1))
              .doesNotContain(
                  java.util.Base64.getEncoder()
                      .encodeToString(PASSWORD.reveal().getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
  }

  @Test
  void open_createsOwnerOnlyDirectoryAndMasterKey() throws IOException {
    Path data = dir.resolve("data");
    Database.open(data).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve(Database.MASTER_KEY_FILE_NAME))))
        .isEqualTo("rw-------");
    assertThat(Files.size(data.resolve(Database.MASTER_KEY_FILE_NAME))).isEqualTo(32);
  }

  @Test
  void open_withMasterKeyReadableByOthers_isRefused() throws IOException {
    Database.open(dir).close();
    Path key = dir.resolve(Database.MASTER_KEY_FILE_NAME);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatIllegalStateException()
        .isThrownBy(() -> Database.open(dir))
        .withMessage(
            "master key file "
                + key
                + " must be readable only by its owner, was rw-r--r--; run chmod 600 on it");
  }

  @Test
  void open_withAnotherMasterKey_isRefusedBeforeAnythingIsRead() throws IOException {
    Database.open(dir).close();
    Path key = dir.resolve(Database.MASTER_KEY_FILE_NAME);
    Files.delete(key);
    MasterKey.loadOrCreate(key);

    assertThatIllegalStateException()
        .isThrownBy(() -> Database.open(dir))
        .withMessageEndingWith(
            "a stored secret could not be decrypted: the master key does not match the database");
  }

  @Test
  void open_withSchemaFromANewerVersion_isRefusedAndLeavesTheFileAlone() throws Exception {
    Database.open(dir).close();
    Path file = dir.resolve(Database.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE meta SET value = CAST('99' AS BLOB) WHERE name = 'schema'");
    }

    assertThatIllegalStateException()
        .isThrownBy(() -> Database.open(dir))
        .withMessageContaining(
            "has schema version 99, newer than this version of cks understands (1); use a newer"
                + " cks");
  }

  @Test
  void secrets_movedToAnotherRow_doNotOpen() throws Exception {
    try (Database db = Database.open(dir)) {
      db.write(tx -> tx.insertStore("cks-1", "one", Map.of(), secrets()));
      db.write(tx -> tx.insertStore("cks-2", "two", Map.of(), Map.of("password", Secret.of("x"))));
    }
    Path file = dir.resolve(Database.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE stores SET secrets = (SELECT secrets FROM stores WHERE id = 'cks-1')"
              + " WHERE id = 'cks-2'");
    }

    try (Database db = Database.open(dir)) {
      assertThatIllegalStateException()
          .isThrownBy(() -> db.read(tx -> tx.find(Table.STORES, "cks-2")))
          .withMessageEndingWith("the master key does not match the database");
    }
  }

  @Test
  void open_ofADirectoryInUse_isRefusedUntilTheOwnerCloses() {
    Database owner = Database.open(dir);

    assertThatIllegalStateException()
        .isThrownBy(() -> Database.open(dir))
        .withMessage("data directory " + dir + " is in use by another LocalKms; stop it first");

    owner.close();
    Database.open(dir).close();
  }

  @Test
  void integrityCheck_ofAFreshDatabase_isOk() {
    try (Database db = Database.open(dir)) {
      assertThat(db.integrityCheck()).isEqualTo("ok");
    }
  }

  private static Optional<Row> store(Database db, String id) {
    return db.read(tx -> tx.find(Table.STORES, id));
  }

  private static int storeCount(Database db) {
    return db.read(tx -> tx.count(Table.STORES));
  }

  private static Map<String, Secret> secrets() {
    return Map.of("password", PASSWORD, "material", Secret.ofBytes(MATERIAL));
  }
}
