package dev.cks.local;

import java.util.Optional;

/**
 * Where a {@link LocalXksProxy} finds its keys: an external key manager seen by external key id.
 *
 * <p>Implementations must be thread-safe. {@link InMemoryKeySource} keeps AES keys in memory.
 */
public interface KeySource {

  /**
   * Finds a key by its external key id.
   *
   * @return the key, or empty if the source has none with that id
   * @throws KeySourceException if the key manager cannot be asked
   */
  Optional<ProxyKey> key(String externalKeyId);

  /**
   * Checks deeply that the key manager can do cryptography now, with keys of its own rather than
   * keys that KMS keys use. The proxy caches the outcome.
   *
   * @return the state of each member; a failed check reports {@link
   *     KeySourceHealth.Status#UNAVAILABLE} rather than throwing
   */
  KeySourceHealth checkHealth();
}
