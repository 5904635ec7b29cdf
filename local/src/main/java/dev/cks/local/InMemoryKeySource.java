package dev.cks.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link KeySource} that keeps AES-256 keys in memory, made at start or loaded from a file.
 *
 * <pre>{@code
 * InMemoryKeySource keys = InMemoryKeySource.create()
 *     .addKey("key-1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT))
 *     .addKey("encrypt-only", EnumSet.of(KeyUsage.ENCRYPT));
 * }</pre>
 *
 * <p>Its health check encrypts and decrypts with a key of its own, kept apart from the keys it
 * serves. It is thread-safe.
 *
 * <p>Limitation: the file written by {@link #save(Path)} holds the key material unencrypted; it is
 * made readable by its owner only, and is meant for tests and demonstrations.
 */
public final class InMemoryKeySource implements KeySource {

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, MemoryKey> keys = new ConcurrentHashMap<>();
  private final MemoryKey healthKey =
      new MemoryKey(randomKey(), EnumSet.allOf(KeyUsage.class), true);

  private InMemoryKeySource() {}

  /** An empty key source. */
  public static InMemoryKeySource create() {
    return new InMemoryKeySource();
  }

  /**
   * Reads a key source from a file written by {@link #save(Path)}.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not such a file; the message holds no key material
   */
  public static InMemoryKeySource load(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
    JsonNode list = root == null ? null : root.get("keys");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("key file " + file + " must hold an array \"keys\"");
    }
    InMemoryKeySource source = create();
    for (JsonNode entry : list) {
      String id = entry.path("id").asText("");
      Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
      for (JsonNode usage : entry.path("usages")) {
        usages.add(KeyUsage.valueOf(usage.asText()));
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(entry.path("material").asText(""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key \"" + id + "\" in " + file + " is not base64");
      }
      source.addKey(id, usages, Secret.ofBytes(material));
      if (!entry.path("enabled").asBoolean(true)) {
        source.disable(id);
      }
    }
    return source;
  }

  /**
   * Adds a fresh random AES-256 key.
   *
   * @throws IllegalArgumentException if the id is not 1 to 128 characters of {@code A-Za-z0-9-._}
   *     or is already taken
   */
  public InMemoryKeySource addKey(String externalKeyId, Set<KeyUsage> usages) {
    return put(externalKeyId, new MemoryKey(randomKey(), usages, true));
  }

  /**
   * Adds a key with the given 32 bytes of AES-256 key material.
   *
   * @throws IllegalArgumentException if the id is invalid or taken, or the material is not 32 bytes
   */
  public InMemoryKeySource addKey(String externalKeyId, Set<KeyUsage> usages, Secret material) {
    if (material.length() != 32) {
      throw new IllegalArgumentException(
          "key material must be 32 bytes, was " + material.length() + " bytes");
    }
    return put(externalKeyId, new MemoryKey(material.revealBytes(), usages, true));
  }

  /**
   * Disables a key: GetKeyMetadata reports {@code DISABLED} and Encrypt and Decrypt answer
   * InvalidStateException.
   *
   * @throws IllegalArgumentException if there is no such key
   */
  public void disable(String externalKeyId) {
    keys.put(externalKeyId, existing(externalKeyId).withEnabled(false));
  }

  /**
   * Enables a key again.
   *
   * @throws IllegalArgumentException if there is no such key
   */
  public void enable(String externalKeyId) {
    keys.put(externalKeyId, existing(externalKeyId).withEnabled(true));
  }

  /** The ids of the keys, in no particular order. */
  public Set<String> keyIds() {
    return Set.copyOf(keys.keySet());
  }

  /**
   * Writes every key, with its material, to a file readable by its owner only.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public void save(Path file) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("keys");
    keys.forEach(
        (id, key) -> {
          ObjectNode entry = list.addObject();
          entry.put("id", id);
          ArrayNode usages = entry.putArray("usages");
          key.usages.forEach(u -> usages.add(u.name()));
          entry.put("enabled", key.enabled);
          entry.put("material", Base64.getEncoder().encodeToString(key.material));
        });
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, JSON.writeValueAsBytes(root), StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    }
  }

  @Override
  public Optional<ProxyKey> key(String externalKeyId) {
    return Optional.ofNullable(keys.get(externalKeyId));
  }

  @Override
  public KeySourceHealth checkHealth() {
    KeySourceHealth.Status status;
    try {
      byte[] probe = new byte[32];
      RANDOM.nextBytes(probe);
      byte[] aad = {'h', 'e', 'a', 'l', 't', 'h'};
      ProxyKey.Sealed sealed = healthKey.encrypt(probe, aad);
      byte[] opened = healthKey.decrypt(sealed.iv(), sealed.ciphertext(), sealed.tag(), aad);
      status =
          Arrays.equals(probe, opened)
              ? KeySourceHealth.Status.ACTIVE
              : KeySourceHealth.Status.UNAVAILABLE;
    } catch (RuntimeException e) {
      status = KeySourceHealth.Status.UNAVAILABLE;
    }
    return new KeySourceHealth(
        "cks", List.of(new KeySourceHealth.Member("memory-0", "cks InMemoryKeySource", status)));
  }

  @Override
  public String toString() {
    return "InMemoryKeySource[" + keys.size() + " keys]";
  }

  private InMemoryKeySource put(String externalKeyId, MemoryKey key) {
    if (externalKeyId == null || !KEY_ID.matcher(externalKeyId).matches()) {
      throw new IllegalArgumentException(
          "externalKeyId must be 1 to 128 characters of A-Z, a-z, 0-9, -, . and _, was \""
              + externalKeyId
              + "\"");
    }
    if (keys.putIfAbsent(externalKeyId, key) != null) {
      throw new IllegalArgumentException("a key with id \"" + externalKeyId + "\" already exists");
    }
    return this;
  }

  private MemoryKey existing(String externalKeyId) {
    MemoryKey key = keys.get(externalKeyId);
    if (key == null) {
      throw new IllegalArgumentException("no key with id \"" + externalKeyId + "\"");
    }
    return key;
  }

  private static byte[] randomKey() {
    byte[] material = new byte[32];
    RANDOM.nextBytes(material);
    return material;
  }

  /** An AES-256 key in memory. */
  private static final class MemoryKey implements ProxyKey {
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(MemoryKey::newCipher);

    private final byte[] material;
    private final SecretKeySpec key;
    private final Set<KeyUsage> usages;
    private final boolean enabled;

    MemoryKey(byte[] material, Set<KeyUsage> usages, boolean enabled) {
      this.material = material;
      this.key = new SecretKeySpec(material, "AES");
      this.usages =
          usages.isEmpty()
              ? Set.of()
              : java.util.Collections.unmodifiableSet(EnumSet.copyOf(usages));
      this.enabled = enabled;
    }

    MemoryKey withEnabled(boolean enabled) {
      return new MemoryKey(material, usages, enabled);
    }

    @Override
    public String keySpec() {
      return "AES_256";
    }

    @Override
    public Set<KeyUsage> usages() {
      return usages;
    }

    @Override
    public boolean enabled() {
      return enabled;
    }

    @Override
    public ProxyKey.Sealed encrypt(byte[] plaintext, byte[] aad) {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      try {
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plaintext);
        return new ProxyKey.Sealed(
            iv,
            Arrays.copyOf(sealed, plaintext.length),
            Arrays.copyOfRange(sealed, plaintext.length, sealed.length));
      } catch (GeneralSecurityException e) {
        throw new KeySourceException(KeySourceException.Reason.FAILURE, "encryption failed", e);
      }
    }

    @Override
    public byte[] decrypt(byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad) {
      try {
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        cipher.update(ciphertext);
        return cipher.doFinal(tag);
      } catch (AEADBadTagException e) {
        throw new KeySourceException(
            KeySourceException.Reason.INVALID_CIPHERTEXT, "decryption failed");
      } catch (GeneralSecurityException e) {
        throw new KeySourceException(KeySourceException.Reason.FAILURE, "decryption failed", e);
      }
    }

    @Override
    public String toString() {
      return "MemoryKey[AES_256, " + usages + (enabled ? "" : ", disabled") + "]";
    }

    private static Cipher newCipher() {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM is missing from this JDK", e);
      }
    }
  }
}
