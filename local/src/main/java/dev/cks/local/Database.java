package dev.cks.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cks.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable state of a {@code LocalKms}: custom key stores and the keys in them, in one SQLite
 * file, or in memory.
 *
 * <p>Each row has an id, a creation sequence number (the order of creation, used for paging), plain
 * attributes, and secrets. Secrets are sealed under the {@link MasterKey} with the table and row id
 * as associated data, so the file never holds a secret in plaintext. Stores also have a unique name
 * column, keys the id of their store.
 *
 * <p>Every change runs in one SQLite transaction ({@code BEGIN IMMEDIATE}) that is committed with
 * {@code synchronous=FULL} in WAL mode before the call returns: a change that returned survives a
 * crash of the process or of the machine, and a change that did not return leaves no trace. One
 * connection serves all threads, one transaction at a time.
 */
final class Database implements AutoCloseable {

  static final String FILE_NAME = "cks.db";
  static final String MASTER_KEY_FILE_NAME = "master.key";
  static final String LOCK_FILE_NAME = "cks.lock";
  private static final int SCHEMA_VERSION = 1;
  private static final byte[] CANARY = "cks master key check".getBytes(StandardCharsets.US_ASCII);
  private static final String TEXT = "t";
  private static final String BYTES = "b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {};

  /** The tables of the database. */
  enum Table {
    STORES("stores"),
    KEYS("keys");

    final String sql;

    Table(String sql) {
      this.sql = sql;
    }
  }

  /** One row: its creation order, id, attributes and secrets. */
  record Row(long seq, String id, Map<String, String> attributes, Map<String, Secret> secrets) {
    Row {
      attributes = Map.copyOf(attributes);
      secrets = Map.copyOf(secrets);
    }

    /** An attribute that must be present. */
    String attribute(String name) {
      String value = attributes.get(name);
      if (value == null) {
        throw new IllegalStateException("row " + id + " has no attribute " + name);
      }
      return value;
    }
  }

  /** Work done inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Transaction tx) throws SQLException;
  }

  private final Connection connection;
  private final MasterKey masterKey;
  private final ReentrantLock lock = new ReentrantLock();
  private final String description;
  private FileLock directoryLock;

  private Database(Connection connection, MasterKey masterKey, String description) {
    this.connection = connection;
    this.masterKey = masterKey;
    this.description = description;
  }

  /**
   * Opens the database in {@code directory}, creating the directory (readable only by its owner),
   * the master key and the schema when they do not exist yet.
   *
   * @throws IllegalStateException if the master key does not match the database, or the database
   *     was written by a newer version of cks
   * @throws UncheckedIOException if the directory or files cannot be used
   */
  static Database open(Path directory) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + directory, e);
    }
    FileLock directoryLock = lockDirectory(directory);
    try {
      MasterKey key = MasterKey.loadOrCreate(directory.resolve(MASTER_KEY_FILE_NAME));
      Path file = directory.resolve(FILE_NAME);
      Database database =
          connect("jdbc:sqlite:" + file.toAbsolutePath(), key, file.toString(), true);
      database.directoryLock = directoryLock;
      return database;
    } catch (RuntimeException e) {
      release(directoryLock);
      throw e;
    }
  }

  /** One process, one {@code LocalKms}, may own a data directory at a time. */
  private static FileLock lockDirectory(Path directory) {
    Path lockFile = directory.resolve(LOCK_FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // Held by this process: the same message as for another process.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock data directory " + directory, e);
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was locked; the error below says what matters.
    }
    throw new IllegalStateException(
        "data directory " + directory + " is in use by another LocalKms; stop it first");
  }

  private static void release(FileLock lock) {
    try {
      lock.channel().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the data directory lock", e);
    }
  }

  /** A database that lives only in this process, under a key that also lives only here. */
  static Database inMemory() {
    return connect("jdbc:sqlite::memory:", MasterKey.ephemeral(), "memory", false);
  }

  private static Database connect(String url, MasterKey key, String description, boolean file) {
    try {
      Connection connection = DriverManager.getConnection(url);
      Database database = new Database(connection, key, description);
      database.initialize(file);
      return database;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open database " + description, e);
    }
  }

  private void initialize(boolean file) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (file) {
        statement.execute("PRAGMA journal_mode=WAL");
      }
      statement.execute("PRAGMA synchronous=FULL");
      statement.execute("PRAGMA foreign_keys=ON");
      statement.execute("PRAGMA busy_timeout=10000");
    }
    connection.setAutoCommit(true);
    write(
        tx -> {
          tx.createSchema();
          return null;
        });
  }

  /** The key that seals this database's secrets. */
  MasterKey masterKey() {
    return masterKey;
  }

  /** Runs read-only work in a transaction. */
  <T> T read(Work<T> work) {
    return inTransaction("BEGIN", work);
  }

  /** Runs work that changes the database in one transaction, committed before this returns. */
  <T> T write(Work<T> work) {
    return inTransaction("BEGIN IMMEDIATE", work);
  }

  private <T> T inTransaction(String begin, Work<T> work) {
    lock.lock();
    try (Statement statement = connection.createStatement()) {
      statement.execute(begin);
      boolean committed = false;
      try {
        Transaction tx = new Transaction();
        T result = work.run(tx);
        statement.execute("COMMIT");
        committed = true;
        tx.afterCommit.forEach(Runnable::run);
        return result;
      } finally {
        if (!committed) {
          statement.execute("ROLLBACK");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database " + description + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs SQLite's own integrity check and returns its verdict, {@code "ok"} when sound. */
  String integrityCheck() {
    return read(
        tx -> {
          try (Statement statement = connection.createStatement();
              ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            StringBuilder verdict = new StringBuilder();
            while (result.next()) {
              verdict.append(verdict.length() == 0 ? "" : "\n").append(result.getString(1));
            }
            return verdict.toString();
          }
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
      if (directoryLock != null) {
        release(directoryLock);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close database " + description, e);
    } finally {
      lock.unlock();
    }
  }

  /** The operations available inside a transaction. */
  final class Transaction {

    private final List<Runnable> afterCommit = new ArrayList<>();

    private Transaction() {}

    /**
     * Runs {@code action} once this transaction has committed, before any other transaction starts;
     * not at all when it rolls back. Caches of the database's content update here.
     */
    void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    private void createSchema() throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS stores (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,"
                + " attributes TEXT NOT NULL, secrets BLOB)");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS keys (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " id TEXT NOT NULL UNIQUE, store_id TEXT NOT NULL REFERENCES stores (id),"
                + " attributes TEXT NOT NULL, secrets BLOB)");
        statement.execute("CREATE INDEX IF NOT EXISTS keys_by_store ON keys (store_id)");
      }
      Optional<byte[]> version = meta("schema");
      if (version.isEmpty()) {
        putMeta("schema", Integer.toString(SCHEMA_VERSION).getBytes(StandardCharsets.US_ASCII));
        putMeta("canary", masterKey.seal(CANARY, context("meta", "canary")));
        return;
      }
      int found = Integer.parseInt(new String(version.get(), StandardCharsets.US_ASCII));
      if (found > SCHEMA_VERSION) {
        throw new IllegalStateException(
            "database "
                + description
                + " has schema version "
                + found
                + ", newer than this version of cks understands ("
                + SCHEMA_VERSION
                + "); use a newer cks");
      }
      masterKey.open(meta("canary").orElseThrow(), context("meta", "canary"));
    }

    private Optional<byte[]> meta(String name) throws SQLException {
      try (PreparedStatement query =
          connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
        query.setString(1, name);
        try (ResultSet result = query.executeQuery()) {
          return result.next() ? Optional.of(result.getBytes(1)) : Optional.empty();
        }
      }
    }

    private void putMeta(String name, byte[] value) throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO meta (name, value) VALUES (?, ?)")) {
        insert.setString(1, name);
        insert.setBytes(2, value);
        insert.executeUpdate();
      }
    }

    /** The row with this id, if any. */
    Optional<Row> find(Table table, String id) throws SQLException {
      return one(table, "id = ?", id);
    }

    /** The store with this name, if any. */
    Optional<Row> findStoreByName(String name) throws SQLException {
      return one(Table.STORES, "name = ?", name);
    }

    /** Up to {@code limit} rows created after the row with sequence number {@code afterSeq}. */
    List<Row> page(Table table, long afterSeq, int limit) throws SQLException {
      return many(
          "SELECT seq, id, attributes, secrets FROM "
              + table.sql
              + " WHERE seq > ? ORDER BY seq LIMIT ?",
          table,
          afterSeq,
          limit);
    }

    /**
     * Like {@link #page}, but without the secrets, which are then not decrypted: for the checks
     * that look at every row.
     */
    List<Row> pageWithoutSecrets(Table table, long afterSeq, int limit) throws SQLException {
      return many(
          "SELECT seq, id, attributes, NULL FROM "
              + table.sql
              + " WHERE seq > ? ORDER BY seq LIMIT ?",
          table,
          afterSeq,
          limit);
    }

    /** Every key of a store, in creation order. */
    List<Row> keysOf(String storeId) throws SQLException {
      return many(
          "SELECT seq, id, attributes, secrets FROM keys WHERE store_id = ? ORDER BY seq",
          Table.KEYS,
          storeId);
    }

    /** How many rows the table has. */
    int count(Table table) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.sql)) {
        result.next();
        return result.getInt(1);
      }
    }

    /** Adds a store and returns its row. */
    Row insertStore(
        String id, String name, Map<String, String> attributes, Map<String, Secret> secrets)
        throws SQLException {
      return insert(Table.STORES, "name", name, id, attributes, secrets);
    }

    /** Adds a key to a store and returns its row. */
    Row insertKey(
        String id, String storeId, Map<String, String> attributes, Map<String, Secret> secrets)
        throws SQLException {
      return insert(Table.KEYS, "store_id", storeId, id, attributes, secrets);
    }

    private Row insert(
        Table table,
        String column,
        String columnValue,
        String id,
        Map<String, String> attributes,
        Map<String, Secret> secrets)
        throws SQLException {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table.sql
                  + " (id, "
                  + column
                  + ", attributes, secrets) VALUES (?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, id);
        insert.setString(2, columnValue);
        insert.setString(3, toJson(attributes));
        insert.setBytes(4, seal(table, id, secrets));
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return new Row(keys.getLong(1), id, attributes, secrets);
        }
      }
    }

    /** Replaces a store's name, attributes and secrets. */
    void updateStore(
        String id, String name, Map<String, String> attributes, Map<String, Secret> secrets)
        throws SQLException {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE stores SET name = ?, attributes = ?, secrets = ? WHERE id = ?")) {
        update.setString(1, name);
        update.setString(2, toJson(attributes));
        update.setBytes(3, seal(Table.STORES, id, secrets));
        update.setString(4, id);
        requireOne(update.executeUpdate(), Table.STORES, id);
      }
    }

    /** Replaces a key's attributes and secrets. */
    void updateKey(String id, Map<String, String> attributes, Map<String, Secret> secrets)
        throws SQLException {
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE keys SET attributes = ?, secrets = ? WHERE id = ?")) {
        update.setString(1, toJson(attributes));
        update.setBytes(2, seal(Table.KEYS, id, secrets));
        update.setString(3, id);
        requireOne(update.executeUpdate(), Table.KEYS, id);
      }
    }

    /** Removes a row. */
    void delete(Table table, String id) throws SQLException {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + table.sql + " WHERE id = ?")) {
        delete.setString(1, id);
        requireOne(delete.executeUpdate(), table, id);
      }
    }

    private void requireOne(int changed, Table table, String id) {
      if (changed != 1) {
        throw new IllegalStateException("no row " + id + " in " + table.sql);
      }
    }

    private Optional<Row> one(Table table, String where, String value) throws SQLException {
      List<Row> rows =
          many(
              "SELECT seq, id, attributes, secrets FROM " + table.sql + " WHERE " + where,
              table,
              value);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Row> many(String sql, Table table, Object... parameters) throws SQLException {
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          query.setObject(i + 1, parameters[i]);
        }
        try (ResultSet result = query.executeQuery()) {
          List<Row> rows = new ArrayList<>();
          while (result.next()) {
            String id = result.getString(2);
            rows.add(
                new Row(
                    result.getLong(1),
                    id,
                    fromJson(result.getString(3)),
                    unseal(table, id, result.getBytes(4))));
          }
          return rows;
        }
      }
    }
  }

  private byte[] seal(Table table, String id, Map<String, Secret> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    Map<String, String> encoded = new TreeMap<>();
    secrets.forEach(
        (name, secret) ->
            encoded.put(
                name,
                (secret.isText() ? TEXT : BYTES)
                    + Base64.getEncoder().encodeToString(secret.revealBytes())));
    return masterKey.seal(toJson(encoded).getBytes(StandardCharsets.UTF_8), context(table, id));
  }

  private Map<String, Secret> unseal(Table table, String id, byte[] sealed) {
    if (sealed == null) {
      return Map.of();
    }
    byte[] json = masterKey.open(sealed, context(table, id));
    Map<String, Secret> secrets = new LinkedHashMap<>();
    fromJson(new String(json, StandardCharsets.UTF_8))
        .forEach(
            (name, value) -> {
              byte[] bytes = Base64.getDecoder().decode(value.substring(1));
              secrets.put(
                  name,
                  value.startsWith(TEXT)
                      ? Secret.of(new String(bytes, StandardCharsets.UTF_8))
                      : Secret.ofBytes(bytes));
            });
    return secrets;
  }

  private static byte[] context(Table table, String id) {
    return context(table.sql, id);
  }

  private static byte[] context(String table, String id) {
    return (table + "/" + id).getBytes(StandardCharsets.UTF_8);
  }

  private static String toJson(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode attributes", e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored attributes are not readable", e);
    }
  }
}
