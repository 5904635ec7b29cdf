package dev.cks.local;

import dev.cks.ConnectionErrorCode;
import dev.cks.errors.KmsException;
import dev.cks.errors.XksProxyIncorrectAuthenticationCredentialException;
import dev.cks.errors.XksProxyInvalidConfigurationException;
import dev.cks.errors.XksProxyInvalidResponseException;
import dev.cks.errors.XksProxyUriUnreachableException;

/**
 * The ways a signed {@code GetHealthStatus} to an XKS proxy can fail, each with what KMS makes of
 * it: the exception of a create or update, and the connection error code of a connect.
 */
enum ProxyFailure {
  UNREACHABLE(ConnectionErrorCode.XKS_PROXY_NOT_REACHABLE, "could not be reached"),
  TIMED_OUT(ConnectionErrorCode.XKS_PROXY_TIMED_OUT, "did not answer in time"),
  TLS(ConnectionErrorCode.XKS_PROXY_INVALID_TLS_CONFIGURATION, "failed the TLS handshake"),
  UNAUTHENTICATED(ConnectionErrorCode.INVALID_CREDENTIALS, "rejected the credential"),
  ACCESS_DENIED(ConnectionErrorCode.XKS_PROXY_ACCESS_DENIED, "denied access"),
  INVALID_RESPONSE(
      ConnectionErrorCode.XKS_PROXY_INVALID_RESPONSE, "answered with an invalid response"),
  INVALID_PATH(ConnectionErrorCode.XKS_PROXY_INVALID_CONFIGURATION, "does not serve the URI path"),
  NO_KEY_MANAGER(ConnectionErrorCode.XKS_PROXY_NOT_REACHABLE, "reports no key manager available");

  private final ConnectionErrorCode connectionErrorCode;
  private final String what;

  ProxyFailure(ConnectionErrorCode connectionErrorCode, String what) {
    this.connectionErrorCode = connectionErrorCode;
    this.what = what;
  }

  /** The code a store gets when a connect fails this way. */
  ConnectionErrorCode connectionErrorCode() {
    return connectionErrorCode;
  }

  /** The exception a create or update throws when its check of the proxy fails this way. */
  KmsException toException(String proxyUri) {
    String message = "The XKS proxy at " + proxyUri + " " + what + ".";
    return switch (this) {
      case UNREACHABLE, TIMED_OUT, NO_KEY_MANAGER -> new XksProxyUriUnreachableException(message);
      case UNAUTHENTICATED -> new XksProxyIncorrectAuthenticationCredentialException(message);
      case INVALID_RESPONSE -> new XksProxyInvalidResponseException(message);
      case TLS, ACCESS_DENIED, INVALID_PATH -> new XksProxyInvalidConfigurationException(message);
    };
  }
}
