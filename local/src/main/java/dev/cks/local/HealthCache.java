package dev.cks.local;

import java.time.Duration;
import java.util.List;

/** Runs a key source's health check at most once per maximum age, and keeps the outcome. */
final class HealthCache {

  private final KeySource source;
  private final long maxAgeNanos;
  private KeySourceHealth last;
  private long checkedAt;

  HealthCache(KeySource source, Duration maxAge) {
    this.source = source;
    this.maxAgeNanos = maxAge.toNanos();
  }

  synchronized KeySourceHealth current() {
    long now = System.nanoTime();
    if (last == null || now - checkedAt >= maxAgeNanos) {
      last = check();
      checkedAt = now;
    }
    return last;
  }

  private KeySourceHealth check() {
    try {
      return source.checkHealth();
    } catch (RuntimeException e) {
      return new KeySourceHealth(
          "unknown",
          List.of(
              new KeySourceHealth.Member(
                  "key-source",
                  source.getClass().getSimpleName(),
                  KeySourceHealth.Status.UNAVAILABLE)));
    }
  }
}
