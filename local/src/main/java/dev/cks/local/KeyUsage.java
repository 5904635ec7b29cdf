package dev.cks.local;

/** What an external key may be used for, as GetKeyMetadata reports it. */
public enum KeyUsage {
  /** The key may encrypt. */
  ENCRYPT,
  /** The key may decrypt. */
  DECRYPT
}
