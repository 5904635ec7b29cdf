package dev.cks.cloudhsm;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Read-write PKCS#11 sessions on one slot, each lent to one thread at a time.
 *
 * <p>A PKCS#11 session runs one operation at a time, so a thread borrows a session for the length
 * of one call and gives it back. Sessions are opened on demand, up to a maximum; a thread that
 * finds every session busy waits up to a limit. A session whose call failed is closed rather than
 * reused, so that no half-finished operation is left on it.
 */
final class SessionPool {

  private final Cryptoki cryptoki;
  private final long slot;
  private final Semaphore permits;
  private final long waitNanos;
  private final ConcurrentLinkedDeque<Long> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  SessionPool(Cryptoki cryptoki, long slot, int maxSessions, Duration wait) {
    this.cryptoki = cryptoki;
    this.slot = slot;
    this.permits = new Semaphore(maxSessions, true);
    this.waitNanos = wait.toNanos();
  }

  /** A call made with a borrowed session. */
  interface SessionCall<T> {
    T call(long session);
  }

  /**
   * Runs {@code call} with a session of its own.
   *
   * @throws PoolExhaustedException if no session became free in time
   * @throws Pkcs11Failure if the call failed in the module
   */
  <T> T call(SessionCall<T> call) {
    acquire();
    long session;
    try {
      session = borrow();
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    boolean healthy = false;
    try {
      T result = call.call(session);
      healthy = true;
      return result;
    } finally {
      if (healthy && !closed) {
        idle.push(session);
      } else {
        cryptoki.C_CloseSession(Layout.ul(session));
      }
      permits.release();
    }
  }

  /** Opens a session outside the pool, for the caller to keep and close. */
  long openSession() {
    NativeLongByReference session = new NativeLongByReference();
    Pkcs11Module.check(
        "C_OpenSession",
        cryptoki.C_OpenSession(
            Layout.ul(slot),
            Layout.ul(Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION),
            null,
            null,
            session));
    return session.getValue().longValue();
  }

  /** Closes the idle sessions; sessions in use are closed when they come back. */
  void close() {
    closed = true;
    Long session;
    while ((session = idle.poll()) != null) {
      cryptoki.C_CloseSession(new NativeLong(session));
    }
  }

  private void acquire() {
    try {
      if (!permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        throw new PoolExhaustedException(
            "no PKCS#11 session became free within " + Duration.ofNanos(waitNanos));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PoolExhaustedException("interrupted while waiting for a PKCS#11 session");
    }
  }

  private long borrow() {
    if (closed) {
      throw new IllegalStateException("the cluster connection is closed");
    }
    Long session = idle.poll();
    return session != null ? session : openSession();
  }

  /** Every session stayed busy for longer than the wait limit. */
  static final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message) {
      super(message);
    }
  }
}
