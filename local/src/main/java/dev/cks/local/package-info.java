/**
 * Embedded stand-ins for the remote parts of custom key stores. {@link dev.cks.local.LocalXksProxy}
 * is an HTTPS XKS proxy serving logical key stores ({@link dev.cks.local.ProxyKeyStore}) whose keys
 * come from a {@link dev.cks.local.KeySource}, such as {@link dev.cks.local.InMemoryKeySource}.
 */
package dev.cks.local;
