package dev.cks.local;

import dev.cks.Secret;

/**
 * The result of {@code Decrypt}.
 *
 * @param keyId the ARN of the KMS key that decrypted
 * @param plaintext the plaintext; a secret
 */
public record Decrypted(String keyId, Secret plaintext) {}
