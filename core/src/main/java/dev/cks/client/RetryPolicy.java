package dev.cks.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a {@link CustomKeyStoreClient} retries a call that failed with an error KMS calls transient
 * (throttling, internal and dependency failures): capped exponential backoff with full jitter.
 * Every other error is thrown at once.
 *
 * @param maxAttempts how many times a call is made at most, 1 or more
 * @param baseDelay the delay before the second attempt, before jitter
 * @param maxDelay the cap of any delay, before jitter
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Five attempts, 100 ms doubling up to 5 s, each delay drawn at random below its cap. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));

  /** One attempt: no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or a delay is negative or
   *     the base exceeds the cap
   */
  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative() || baseDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException(
          "delays must satisfy 0 <= baseDelay <= maxDelay, were " + baseDelay + " and " + maxDelay);
    }
  }

  /** The delay before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
  Duration delayAfter(int attempt) {
    long cap = maxDelay.toNanos();
    long exponential = baseDelay.toNanos() << Math.min(attempt - 1, 30);
    long bound = exponential <= 0 || exponential > cap ? cap : exponential;
    return bound == 0
        ? Duration.ZERO
        : Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1));
  }
}
