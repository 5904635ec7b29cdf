package dev.cks.signer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials that belong to an access key id, for {@link SigV4Verifier}.
 *
 * <p>A lookup may hold any number of active credentials at once, and may change while a verifier
 * uses it, so that credentials rotate without a restart: add the new pair, switch the callers over,
 * then remove the old pair. A lookup backed by a concurrent map does all of this:
 *
 * <pre>{@code
 * Map<String, SigV4Credentials> active = new ConcurrentHashMap<>();
 * CredentialLookup lookup = id -> Optional.ofNullable(active.get(id));
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast: the verifier calls them once per request.
 */
@FunctionalInterface
public interface CredentialLookup {

  /**
   * The credentials whose access key id is {@code accessKeyId}, or empty if there are none.
   *
   * @param accessKeyId the access key id as the request gave it; untrusted input
   */
  Optional<SigV4Credentials> find(String accessKeyId);

  /**
   * A fixed lookup over the given credentials.
   *
   * @throws IllegalArgumentException if two credentials share an access key id
   */
  static CredentialLookup of(SigV4Credentials... credentials) {
    return of(List.of(credentials));
  }

  /**
   * A fixed lookup over the given credentials.
   *
   * @throws IllegalArgumentException if two credentials share an access key id
   */
  static CredentialLookup of(Collection<SigV4Credentials> credentials) {
    Map<String, SigV4Credentials> byId = new HashMap<>();
    for (SigV4Credentials c : credentials) {
      if (byId.putIfAbsent(c.accessKeyId(), c) != null) {
        throw new IllegalArgumentException(
            "credentials must have distinct access key ids, " + c.accessKeyId() + " repeats");
      }
    }
    Map<String, SigV4Credentials> fixed = Map.copyOf(byId);
    return id -> Optional.ofNullable(fixed.get(id));
  }
}
