/**
 * An HSM cluster seen through a PKCS#11 module, as AWS KMS sees a CloudHSM cluster through the
 * crypto user {@code kmsuser}.
 *
 * <p>{@link dev.cks.cloudhsm.HsmCluster} opens the token of a cluster by its label and logs in
 * ({@link dev.cks.cloudhsm.CryptoUserSession}); the session makes persistent, non-extractable
 * AES-256 keys by label and encrypts with AES-GCM. A {@link dev.cks.cloudhsm.ClusterDescriptor}
 * holds a cluster's control-plane facts and lets a plain token, such as SoftHSM2, behave like an
 * AWS CloudHSM cluster. {@link dev.cks.cloudhsm.TrustAnchorVerification} checks a trust anchor, and
 * {@link dev.cks.cloudhsm.CloudHsmPreflight} reports what KMS will require before a key store is
 * created or connected. Every failure to connect is an {@link dev.cks.cloudhsm.HsmException} that
 * names the {@link dev.cks.ConnectionErrorCode} KMS would report.
 *
 * <p>The binding to the module is plain C calls through JNA, with every structure laid out by this
 * package, so that the IV a module writes back into {@code CK_GCM_PARAMS} is read, and AWS
 * CloudHSM's own {@code CKM_CLOUDHSM_AES_GCM} can be used.
 *
 * <p>Limitation: the layouts assume a {@code CK_ULONG} as wide as a pointer (Linux and macOS, 32 or
 * 64 bit); 64-bit Windows, where PKCS#11 structures are packed differently, is refused when the
 * module is loaded.
 */
package dev.cks.cloudhsm;
