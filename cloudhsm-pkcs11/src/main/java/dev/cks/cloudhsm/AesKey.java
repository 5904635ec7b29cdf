package dev.cks.cloudhsm;

/**
 * A handle to a persistent AES-256 key inside an HSM cluster. The key material never leaves the
 * cluster; this object only names the key.
 *
 * <p>A handle is valid in the process that found or made it, for the cluster it came from.
 */
public final class AesKey {

  private final String label;
  private final long handle;

  AesKey(String label, long handle) {
    this.label = label;
    this.handle = handle;
  }

  /** The key's label; for a KMS key, the key ARN. */
  public String label() {
    return label;
  }

  long handle() {
    return handle;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AesKey
        && ((AesKey) other).handle == handle
        && ((AesKey) other).label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode() * 31 + Long.hashCode(handle);
  }

  @Override
  public String toString() {
    return "AesKey[" + label + "]";
  }
}
