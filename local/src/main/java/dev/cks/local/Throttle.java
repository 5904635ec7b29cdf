package dev.cks.local;

import java.time.Duration;

/** A token bucket: at most {@code capacity} requests at once, refilled over {@code period}. */
final class Throttle {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long last;

  Throttle(int capacity, Duration period) {
    this.capacity = capacity;
    this.tokensPerNano = capacity / (double) period.toNanos();
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
