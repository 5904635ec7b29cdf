package dev.cks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret value: a key store password, a proxy's raw secret access key, a PIN or key material.
 *
 * <p>A secret never shows itself by accident. {@link #toString()} names only its kind and length,
 * {@link #equals(Object)} compares in constant time, and the value comes out only through an
 * explicit call to {@link #reveal()} or {@link #revealBytes()}. Build one with {@link #of(String)}
 * or {@link #ofBytes(byte[])}.
 *
 * <p>Instances are immutable; the bytes given are copied in and copied out.
 */
public final class Secret {

  private final byte[] value;
  private final boolean text;

  private Secret(byte[] value, boolean text) {
    this.value = value;
    this.text = text;
  }

  /**
   * A secret holding text, such as a password or a raw secret access key.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static Secret of(String value) {
    if (value == null) {
      throw new NullPointerException("secret value must not be null");
    }
    return new Secret(value.getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * A secret holding bytes, such as key material. The array is copied.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static Secret ofBytes(byte[] value) {
    if (value == null) {
      throw new NullPointerException("secret value must not be null");
    }
    return new Secret(value.clone(), false);
  }

  /**
   * Returns the secret as text. Call it only where the value must leave the process or reach a
   * cryptographic primitive.
   *
   * @throws IllegalStateException if this secret was made from bytes
   */
  public String reveal() {
    if (!text) {
      throw new IllegalStateException("this secret holds bytes, not text; use revealBytes()");
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  /** Returns a copy of the secret's bytes (UTF-8 for a text secret). */
  public byte[] revealBytes() {
    return value.clone();
  }

  /** Whether this secret holds text ({@link #of(String)}) rather than bytes. */
  public boolean isText() {
    return text;
  }

  /** The length of the value: characters for a text secret, bytes otherwise. */
  public int length() {
    return text ? reveal().length() : value.length;
  }

  /** Compares the values in constant time for values of equal length. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret
        && ((Secret) other).text == text
        && MessageDigest.isEqual(value, ((Secret) other).value);
  }

  /** A hash that does not depend on the value, so that it reveals nothing about it. */
  @Override
  public int hashCode() {
    return text ? 1 : 2;
  }

  /** Names the kind and length of the secret, never its value. */
  @Override
  public String toString() {
    return "Secret[redacted, " + length() + (text ? " chars]" : " bytes]");
  }
}
