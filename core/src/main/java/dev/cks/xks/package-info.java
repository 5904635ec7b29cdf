/**
 * The client side of the XKS proxy API: {@link dev.cks.xks.XksProxyClient} calls GetHealthStatus,
 * GetKeyMetadata, Encrypt and Decrypt on one logical key store behind an XKS proxy, the way AWS KMS
 * does, over HTTPS with SigV4. Failures are {@link dev.cks.xks.XksProxyException}s, one class per
 * error name of the API.
 */
package dev.cks.xks;
