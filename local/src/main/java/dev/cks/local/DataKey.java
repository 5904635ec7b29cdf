package dev.cks.local;

import dev.cks.Secret;

/**
 * A data key from {@code GenerateDataKey}: the plaintext key, and the same key encrypted under the
 * KMS key.
 *
 * @param keyId the ARN of the KMS key
 * @param plaintext the data key; a secret
 * @param ciphertextBlob the data key encrypted under the KMS key
 */
public record DataKey(String keyId, Secret plaintext, byte[] ciphertextBlob) {}
