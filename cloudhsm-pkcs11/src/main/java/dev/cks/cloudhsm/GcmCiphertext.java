package dev.cks.cloudhsm;

import java.util.Arrays;
import java.util.Objects;

/**
 * The output of an AES-GCM encryption: a 12-byte IV, the ciphertext (as long as the plaintext) and
 * a 16-byte authentication tag.
 *
 * <p>Instances are immutable; arrays are copied in and out.
 */
public final class GcmCiphertext {

  /** The length of the IV in bytes. */
  public static final int IV_LENGTH = Pkcs11Token.IV_LENGTH;

  /** The length of the authentication tag in bytes. */
  public static final int TAG_LENGTH = Pkcs11Token.TAG_LENGTH;

  private final byte[] iv;
  private final byte[] ciphertext;
  private final byte[] tag;

  private GcmCiphertext(byte[] iv, byte[] ciphertext, byte[] tag) {
    this.iv = iv;
    this.ciphertext = ciphertext;
    this.tag = tag;
  }

  /**
   * The three parts as separate arrays, as the XKS proxy API carries them.
   *
   * @throws IllegalArgumentException if the IV is not 12 bytes or the tag not 16 bytes
   */
  public static GcmCiphertext of(byte[] iv, byte[] ciphertext, byte[] tag) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (Objects.requireNonNull(iv, "iv").length != IV_LENGTH) {
      throw new IllegalArgumentException("iv must be 12 bytes, was " + iv.length + " bytes");
    }
    if (Objects.requireNonNull(tag, "tag").length != TAG_LENGTH) {
      throw new IllegalArgumentException("tag must be 16 bytes, was " + tag.length + " bytes");
    }
    return new GcmCiphertext(iv.clone(), ciphertext.clone(), tag.clone());
  }

  /**
   * Splits IV || ciphertext || tag, the layout of {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if {@code bytes} is shorter than an IV and a tag
   */
  public static GcmCiphertext fromBytes(byte[] bytes) {
    if (bytes.length < IV_LENGTH + TAG_LENGTH) {
      throw new IllegalArgumentException(
          "a GCM ciphertext must be at least 28 bytes, was " + bytes.length + " bytes");
    }
    return new GcmCiphertext(
        Arrays.copyOf(bytes, IV_LENGTH),
        Arrays.copyOfRange(bytes, IV_LENGTH, bytes.length - TAG_LENGTH),
        Arrays.copyOfRange(bytes, bytes.length - TAG_LENGTH, bytes.length));
  }

  /** Takes the three parts as they are, without copies; the caller gives up the arrays. */
  static GcmCiphertext adopt(byte[] iv, byte[] ciphertext, byte[] tag) {
    return new GcmCiphertext(iv, ciphertext, tag);
  }

  /** The IV array itself, for callers in this package that only read it. */
  byte[] ivArray() {
    return iv;
  }

  /** The ciphertext array itself, for callers in this package that only read it. */
  byte[] ciphertextArray() {
    return ciphertext;
  }

  /** The tag array itself, for callers in this package that only read it. */
  byte[] tagArray() {
    return tag;
  }

  /** The IV. */
  public byte[] iv() {
    return iv.clone();
  }

  /** The ciphertext without IV and tag. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The authentication tag. */
  public byte[] tag() {
    return tag.clone();
  }

  /** IV || ciphertext || tag in one array. */
  public byte[] toBytes() {
    byte[] bytes = new byte[iv.length + ciphertext.length + tag.length];
    System.arraycopy(iv, 0, bytes, 0, iv.length);
    System.arraycopy(ciphertext, 0, bytes, iv.length, ciphertext.length);
    System.arraycopy(tag, 0, bytes, iv.length + ciphertext.length, tag.length);
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GcmCiphertext
        && Arrays.equals(((GcmCiphertext) other).toBytes(), toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  /** Names the lengths only. */
  @Override
  public String toString() {
    return "GcmCiphertext[" + ciphertext.length + " bytes]";
  }
}
