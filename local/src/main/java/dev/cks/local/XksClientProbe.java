package dev.cks.local;

import dev.cks.XksProxyCredential;
import dev.cks.xks.XksHealthStatus;
import dev.cks.xks.XksProxyAccessDeniedException;
import dev.cks.xks.XksProxyAuthenticationFailedException;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyDependencyTimeoutException;
import dev.cks.xks.XksProxyException;
import dev.cks.xks.XksProxyInvalidUriPathException;
import dev.cks.xks.XksProxyThrottlingException;
import dev.cks.xks.XksProxyUnreachableException;
import dev.cks.xks.XksRequestMetadata;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Checks an XKS proxy the way KMS does: a {@code GetHealthStatus} over HTTPS, signed with the key
 * store's credential, within KMS's time limit; then reads the answer's key manager states.
 */
final class XksClientProbe implements ProxyProbe {

  private final XksClients clients;

  XksClientProbe(XksClients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<ProxyFailure> health(ProxyTarget target) {
    try (XksProxyClient client = clients.open(target)) {
      XksHealthStatus status = client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));
      return status.anyActive() ? Optional.empty() : Optional.of(ProxyFailure.NO_KEY_MANAGER);
    } catch (XksProxyException e) {
      return Optional.of(failureOf(e));
    }
  }

  /** How KMS classifies a failed call to a proxy. */
  static ProxyFailure failureOf(XksProxyException e) {
    if (e instanceof XksProxyUnreachableException unreachable) {
      if (causedByTls(e)) {
        return ProxyFailure.TLS;
      }
      return unreachable.timedOut() ? ProxyFailure.TIMED_OUT : ProxyFailure.UNREACHABLE;
    }
    if (e instanceof XksProxyAuthenticationFailedException) {
      return ProxyFailure.UNAUTHENTICATED;
    }
    if (e instanceof XksProxyAccessDeniedException) {
      return ProxyFailure.ACCESS_DENIED;
    }
    if (e instanceof XksProxyInvalidUriPathException) {
      return ProxyFailure.INVALID_PATH;
    }
    if (e instanceof XksProxyDependencyTimeoutException) {
      return ProxyFailure.TIMED_OUT;
    }
    if (e instanceof XksProxyThrottlingException) {
      return ProxyFailure.UNREACHABLE;
    }
    return ProxyFailure.INVALID_RESPONSE;
  }

  private static boolean causedByTls(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException
          || cause instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** Opens XKS clients with one trust, region and time limit. */
  static final class XksClients {
    private final String region;
    private final String trustPem;
    private final Duration timeout;
    private final java.util.Map<ProxyTarget, XksProxyClient> shared =
        new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param trustPem the certificates to trust, or {@code null} for the system's
     */
    XksClients(String region, String trustPem, Duration timeout) {
      this.region = region;
      this.trustPem = trustPem;
      this.timeout = timeout;
    }

    /**
     * A client for the target that stays open and is shared: one per target, so that calls reuse
     * their connections. A changed credential or address is another target.
     */
    XksProxyClient shared(ProxyTarget target) {
      return shared.computeIfAbsent(target, this::open);
    }

    /** Closes every shared client. */
    void close() {
      shared.values().forEach(XksProxyClient::close);
      shared.clear();
    }

    XksProxyClient open(ProxyTarget target) {
      XksProxyClient.Builder builder =
          XksProxyClient.builder()
              .endpoint("https://" + target.host())
              .uriPath(target.uriPath())
              .credential(
                  XksProxyCredential.of(
                      target.credential().accessKeyId(), target.credential().rawSecretAccessKey()))
              .region(region)
              .callTimeout(timeout);
      if (!target.address().isUnresolved()) {
        builder.resolve(target.host(), target.address());
      }
      if (trustPem != null) {
        builder.trustPem(trustPem);
      }
      return builder.build();
    }
  }
}
