package dev.cks.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local master key that encrypts secrets at rest: AES-256-GCM, a fresh 12-byte IV per value,
 * and associated data that binds each sealed value to the place it is stored in, so a value moved
 * to another row does not open.
 *
 * <p>On disk the key is a 32-byte file that only its owner may read or write. A file that others
 * can read is refused rather than used.
 */
final class MasterKey {

  static final int KEY_BYTES = 32;
  private static final byte FORMAT = 1;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec key;
  private final SecureRandom random;

  private MasterKey(byte[] key, SecureRandom random) {
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  /** A key that lives only in this process, for an in-memory database. */
  static MasterKey ephemeral() {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return new MasterKey(key, random);
  }

  /**
   * Reads the key from {@code file}, or creates the file with a new random key when it does not
   * exist. The file is written completely under a temporary name and then moved into place, so a
   * crash never leaves a partial key behind.
   *
   * @throws IllegalStateException if the file is readable by others or is not a key file
   * @throws UncheckedIOException if the file cannot be read or written
   */
  static MasterKey loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use master key file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    Path temp =
        Files.createTempFile(
            file.getParent(), ".master", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(key));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException raced) {
      // Another process created the key first; that one is used.
    } finally {
      Files.deleteIfExists(temp);
      Arrays.fill(key, (byte) 0);
    }
  }

  private static MasterKey load(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new IllegalStateException(
          "master key file "
              + file
              + " must be readable only by its owner, was "
              + PosixFilePermissions.toString(permissions)
              + "; run chmod 600 on it");
    }
    byte[] key = Files.readAllBytes(file);
    try {
      if (key.length != KEY_BYTES) {
        throw new IllegalStateException(
            "master key file " + file + " must hold 32 bytes, held " + key.length);
      }
      return new MasterKey(key, new SecureRandom());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * A message authentication code of {@code data} for one purpose: HMAC-SHA256 under a key derived
   * from the master key and the purpose, so codes of different purposes never match.
   */
  byte[] authenticate(String purpose, byte[] data) {
    try {
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] purposeKey = derive.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
      Arrays.fill(purposeKey, (byte) 0);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Encrypts {@code plaintext}, bound to {@code context}. */
  byte[] seal(byte[] plaintext, byte[] context) {
    byte[] sealed = AesGcm.seal(key, random, plaintext, context, 1);
    sealed[0] = FORMAT;
    return sealed;
  }

  /**
   * Decrypts a value made by {@link #seal} with the same context.
   *
   * @throws IllegalStateException if the value does not open under this key and context
   */
  byte[] open(byte[] sealed, byte[] context) {
    if (sealed.length < 1 + AesGcm.IV_BYTES + AesGcm.TAG_BYTES || sealed[0] != FORMAT) {
      throw new IllegalStateException("a stored secret is not in a known format");
    }
    try {
      return AesGcm.open(key, sealed, 1, context);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "a stored secret could not be decrypted: the master key does not match the database",
          null);
    }
  }
}
