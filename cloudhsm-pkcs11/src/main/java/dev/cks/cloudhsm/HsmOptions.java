package dev.cks.cloudhsm;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link HsmCluster} uses its module: how many PKCS#11 sessions it opens at most, how long a
 * caller waits for a free one, and how long a login may take before it counts as a network failure.
 *
 * <p>Instances are immutable; each setter returns a copy:
 *
 * <pre>{@code
 * HsmOptions options = HsmOptions.defaults().maxSessions(32).loginTimeout(Duration.ofSeconds(5));
 * }</pre>
 */
public final class HsmOptions {

  private final int maxSessions;
  private final Duration sessionWait;
  private final Duration loginTimeout;

  private HsmOptions(int maxSessions, Duration sessionWait, Duration loginTimeout) {
    this.maxSessions = maxSessions;
    this.sessionWait = sessionWait;
    this.loginTimeout = loginTimeout;
  }

  /** 16 sessions, a 10-second wait for a session, a 30-second login timeout. */
  public static HsmOptions defaults() {
    return new HsmOptions(16, Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /** The most PKCS#11 sessions open at once. */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * A copy with a different session maximum.
   *
   * @throws IllegalArgumentException if {@code value} is less than 1
   */
  public HsmOptions maxSessions(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, was " + value);
    }
    return new HsmOptions(value, sessionWait, loginTimeout);
  }

  /** How long a call waits for a free session before it fails. */
  public Duration sessionWait() {
    return sessionWait;
  }

  /**
   * A copy with a different wait for a free session.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public HsmOptions sessionWait(Duration value) {
    return new HsmOptions(maxSessions, requireNonNegative(value, "sessionWait"), loginTimeout);
  }

  /** How long a login may take before it fails with {@code NETWORK_ERRORS}. */
  public Duration loginTimeout() {
    return loginTimeout;
  }

  /**
   * A copy with a different login timeout.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public HsmOptions loginTimeout(Duration value) {
    return new HsmOptions(maxSessions, sessionWait, requireNonNegative(value, "loginTimeout"));
  }

  private static Duration requireNonNegative(Duration value, String name) {
    if (Objects.requireNonNull(value, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "HsmOptions[maxSessions="
        + maxSessions
        + ", sessionWait="
        + sessionWait
        + ", loginTimeout="
        + loginTimeout
        + "]";
  }
}
