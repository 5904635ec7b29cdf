package dev.cks.local;

import java.util.Optional;

/** Sends a signed {@code GetHealthStatus} to an XKS proxy, as KMS does before it trusts one. */
@FunctionalInterface
interface ProxyProbe {

  /** How the health call failed, or empty when the proxy is healthy. */
  Optional<ProxyFailure> health(ProxyTarget target);
}
