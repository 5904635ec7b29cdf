package dev.cks.local;

import java.time.Instant;
import java.util.Optional;

/**
 * A KMS key in a custom key store, as {@code DescribeKey} shows it.
 *
 * @param keyId the key id, a UUID
 * @param arn the key ARN
 * @param customKeyStoreId the store the key lives in
 * @param origin {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param cloudHsmClusterId the cluster of a CloudHSM key store's key
 * @param xksKeyId the external key of an external key store's key
 * @param keyState {@code Enabled}, {@code PendingDeletion}, or {@code Unavailable} while the store
 *     is not connected
 * @param creationDate when the key was made
 * @param deletionDate when a key pending deletion goes away
 * @param description the key's description
 */
public record KmsKey(
    String keyId,
    String arn,
    String customKeyStoreId,
    String origin,
    Optional<String> cloudHsmClusterId,
    Optional<String> xksKeyId,
    String keyState,
    Instant creationDate,
    Optional<Instant> deletionDate,
    String description) {

  /** {@code SYMMETRIC_DEFAULT}, the only key spec a custom key store holds. */
  public String keySpec() {
    return "SYMMETRIC_DEFAULT";
  }

  /** {@code ENCRYPT_DECRYPT}, the only key usage a custom key store holds. */
  public String keyUsage() {
    return "ENCRYPT_DECRYPT";
  }
}
