package dev.cks.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@code ensure} remembers of the secrets it gave KMS: a keyed fingerprint per store and
 * member, never the secret.
 *
 * <p>KMS never returns a key store password or a proxy's raw secret access key, so a secret cannot
 * be compared with what a store holds. Instead, each time the client sets a secret it records
 * HMAC-SHA256 of it under a random key that belongs to this object, and a later plan compares the
 * spec's secret with that record. A store no record exists for has its secrets left as they are
 * unless the caller asks otherwise ({@link EnsureOptions.Builder#setUnrecordedSecrets}).
 *
 * <p>{@link #inMemory()} lives as long as the object does; {@link #file(Path)} keeps the records
 * and the fingerprint key in a JSON file readable by its owner only.
 *
 * <p>Limitation: whoever can read the file can test guesses of a password against its fingerprint,
 * as with any verifier; protect it as you would a credential file. Random proxy secrets (43 or more
 * characters) cannot be guessed this way; short passwords can.
 *
 * <p>Instances are safe for use by several threads.
 */
public final class SecretFingerprints {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] key;
  private final Map<String, String> records;
  private final Path file;

  private SecretFingerprints(byte[] key, Map<String, String> records, Path file) {
    this.key = key;
    this.records = records;
    this.file = file;
  }

  /** Records that live in this object only. */
  public static SecretFingerprints inMemory() {
    return new SecretFingerprints(randomKey(), new HashMap<>(), null);
  }

  /**
   * Records kept in {@code file}, created (owner read and write only) on the first record when it
   * does not exist.
   *
   * @throws IllegalArgumentException if the file exists but is not a fingerprint file
   * @throws UncheckedIOException if it cannot be read
   */
  public static SecretFingerprints file(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      return new SecretFingerprints(randomKey(), new HashMap<>(), file);
    }
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      JsonNode key = root == null ? null : root.get("key");
      JsonNode records = root == null ? null : root.get("records");
      if (key == null || !key.isTextual() || records == null || !records.isObject()) {
        throw new IllegalArgumentException(
            "fingerprint file " + file + " must hold a text \"key\" and an object \"records\"");
      }
      Map<String, String> loaded = new HashMap<>();
      records.properties().forEach(entry -> loaded.put(entry.getKey(), entry.getValue().asText()));
      return new SecretFingerprints(Base64.getDecoder().decode(key.asText()), loaded, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fingerprint file " + file, e);
    }
  }

  /** Whether a fingerprint is recorded for this store and member. */
  public synchronized boolean has(String customKeyStoreId, String member) {
    return records.containsKey(name(customKeyStoreId, member));
  }

  /**
   * Whether the recorded fingerprint for this store and member is that of {@code secret}; empty
   * when nothing is recorded.
   */
  public synchronized Optional<Boolean> matches(
      String customKeyStoreId, String member, Secret secret) {
    String recorded = records.get(name(customKeyStoreId, member));
    if (recorded == null) {
      return Optional.empty();
    }
    byte[] expected = fingerprint(customKeyStoreId, member, secret);
    return Optional.of(
        MessageDigest.isEqual(expected, recorded.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Records the fingerprint of {@code secret} as what this store and member now hold. */
  public synchronized void record(String customKeyStoreId, String member, Secret secret) {
    records.put(
        name(customKeyStoreId, member),
        new String(fingerprint(customKeyStoreId, member, secret), StandardCharsets.US_ASCII));
    save();
  }

  /** Forgets what is recorded for a store, as after it is deleted. */
  public synchronized void forget(String customKeyStoreId) {
    if (records.keySet().removeIf(name -> name.startsWith(customKeyStoreId + "/"))) {
      save();
    }
  }

  @Override
  public String toString() {
    return "SecretFingerprints[" + (file == null ? "in memory" : file) + "]";
  }

  private static String name(String customKeyStoreId, String member) {
    return Objects.requireNonNull(customKeyStoreId, "customKeyStoreId")
        + "/"
        + Objects.requireNonNull(member, "member");
  }

  private byte[] fingerprint(String customKeyStoreId, String member, Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(name(customKeyStoreId, member).getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] value = secret.revealBytes();
      try {
        return Base64.getUrlEncoder().withoutPadding().encode(mac.doFinal(value));
      } finally {
        Arrays.fill(value, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("key", Base64.getEncoder().encodeToString(key));
    ObjectNode out = root.putObject("records");
    records.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> out.put(entry.getKey(), entry.getValue()));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".fingerprints", ".tmp", ownerOnly());
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write fingerprint file " + file, e);
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
