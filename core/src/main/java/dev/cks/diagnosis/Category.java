package dev.cks.diagnosis;

/** Where the cause of a custom key store problem lies, as far as its error name tells. */
public enum Category {
  /** Packets do not get through: DNS, routing, VPC endpoints, subnets, unreachable proxies. */
  NETWORK,
  /** The TLS handshake with the proxy fails: protocol version, certificate, trust, host name. */
  TLS,
  /** A password or a proxy credential is wrong, unknown, locked or in use. */
  CREDENTIALS,
  /** The XKS proxy or its key manager answers, but not in the way KMS needs. */
  PROXY,
  /** The CloudHSM cluster, its HSMs, its certificate or its crypto user. */
  HSM,
  /** A passing fault on the KMS side; trying again is the fix. */
  TRANSIENT,
  /** An error this version of cks does not know. */
  UNKNOWN
}
