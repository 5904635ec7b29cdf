package dev.cks.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code ensure} brings a store to its spec: the connection state to leave it in, how long to
 * wait for a state change, whether to set secrets no fingerprint is recorded for, and whether to
 * run the pre-flight check first.
 *
 * <pre>{@code
 * EnsureOptions options =
 *     EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).preflight(true).build();
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class EnsureOptions {

  /** Keep the connection as it was meant to be, wait up to 20 minutes, no pre-flight. */
  public static final EnsureOptions DEFAULT = builder().build();

  private final ConnectionGoal goal;
  private final Duration waitTimeout;
  private final boolean setUnrecordedSecrets;
  private final boolean preflight;
  private final WaitListener listener;

  private EnsureOptions(Builder builder) {
    this.goal = builder.goal;
    this.waitTimeout = builder.waitTimeout;
    this.setUnrecordedSecrets = builder.setUnrecordedSecrets;
    this.preflight = builder.preflight;
    this.listener = builder.listener;
  }

  /** Starts from the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The connection state to leave the store in. */
  public ConnectionGoal goal() {
    return goal;
  }

  /** The longest each wait for a connection state may take. */
  public Duration waitTimeout() {
    return waitTimeout;
  }

  /** Whether secrets without a recorded fingerprint are set rather than left as they are. */
  public boolean setUnrecordedSecrets() {
    return setUnrecordedSecrets;
  }

  /** Whether the client's pre-flight check runs before a store is created or changed. */
  public boolean preflight() {
    return preflight;
  }

  /** Told of every poll of every wait. */
  public WaitListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "EnsureOptions[goal="
        + goal
        + ", waitTimeout="
        + waitTimeout
        + ", setUnrecordedSecrets="
        + setUnrecordedSecrets
        + ", preflight="
        + preflight
        + "]";
  }

  /** Builds {@link EnsureOptions}. */
  public static final class Builder {
    private ConnectionGoal goal = ConnectionGoal.KEEP;
    private Duration waitTimeout = Duration.ofMinutes(20);
    private boolean setUnrecordedSecrets;
    private boolean preflight;
    private WaitListener listener = WaitListener.NONE;

    private Builder() {}

    /** The connection state to leave the store in; {@link ConnectionGoal#KEEP} by default. */
    public Builder goal(ConnectionGoal goal) {
      this.goal = Objects.requireNonNull(goal, "goal");
      return this;
    }

    /**
     * The longest each wait for a connection state may take; 20 minutes by default, the time KMS
     * gives a CloudHSM connection.
     *
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder waitTimeout(Duration waitTimeout) {
      if (waitTimeout.isNegative() || waitTimeout.isZero()) {
        throw new IllegalArgumentException("waitTimeout must be positive, was " + waitTimeout);
      }
      this.waitTimeout = waitTimeout;
      return this;
    }

    /**
     * Whether to set a key store password or proxy secret for which no fingerprint is recorded (a
     * store created elsewhere, or by another process); {@code false} by default, so that a plan
     * never disconnects a store on a guess. A changed access key id is always applied.
     */
    public Builder setUnrecordedSecrets(boolean set) {
      this.setUnrecordedSecrets = set;
      return this;
    }

    /** Whether to run the client's pre-flight check first; {@code false} by default. */
    public Builder preflight(boolean preflight) {
      this.preflight = preflight;
      return this;
    }

    /** Told of every poll of every wait; none by default. */
    public Builder listener(WaitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Builds the options. */
    public EnsureOptions build() {
      return new EnsureOptions(this);
    }
  }
}
