package dev.cks.xks;

import java.util.List;

/**
 * The answer to GetKeyMetadata: the key's spec (such as {@code AES_256}), its usages (such as
 * {@code ENCRYPT} and {@code DECRYPT}) and its status ({@code ENABLED} or {@code DISABLED}).
 */
public final class XksKeyMetadata {

  private final String keySpec;
  private final List<String> keyUsage;
  private final String keyStatus;

  XksKeyMetadata(String keySpec, List<String> keyUsage, String keyStatus) {
    this.keySpec = keySpec;
    this.keyUsage = List.copyOf(keyUsage);
    this.keyStatus = keyStatus;
  }

  /** The key spec, such as {@code AES_256}. */
  public String keySpec() {
    return keySpec;
  }

  /** The usages the key allows, in the proxy's order. */
  public List<String> keyUsage() {
    return keyUsage;
  }

  /** The key status, {@code ENABLED} or {@code DISABLED}. */
  public String keyStatus() {
    return keyStatus;
  }

  /**
   * Whether KMS would accept the key in CreateKey: {@code AES_256}, both {@code ENCRYPT} and {@code
   * DECRYPT}, and {@code ENABLED}.
   */
  public boolean usableByKms() {
    return "AES_256".equals(keySpec)
        && keyUsage.contains("ENCRYPT")
        && keyUsage.contains("DECRYPT")
        && "ENABLED".equals(keyStatus);
  }

  @Override
  public String toString() {
    return "XksKeyMetadata[keySpec="
        + keySpec
        + ", keyUsage="
        + keyUsage
        + ", keyStatus="
        + keyStatus
        + "]";
  }
}
