package dev.cks.cloudhsm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
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
 *
 * <p>Each pooled session owns a native buffer that only its current borrower touches, so that the
 * structures and data of an AES-GCM call need no native allocation of their own.
 */
final class SessionPool {

  private final Cryptoki cryptoki;
  private final long slot;
  private final Semaphore permits;
  private final long waitNanos;
  private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  SessionPool(Cryptoki cryptoki, long slot, int maxSessions, Duration wait) {
    this.cryptoki = cryptoki;
    this.slot = slot;
    this.permits = new Semaphore(maxSessions, true);
    this.waitNanos = wait.toNanos();
  }

  /** A call made with the handle of a borrowed session. */
  interface SessionCall<T> {
    T call(long session);
  }

  /** A call made with a borrowed session and its native buffer. */
  interface BufferedCall<T> {
    T call(Session session);
  }

  /**
   * Runs {@code call} with a session of its own.
   *
   * @throws PoolExhaustedException if no session became free in time
   * @throws Pkcs11Failure if the call failed in the module
   */
  <T> T call(SessionCall<T> call) {
    return callBuffered(session -> call.call(session.handle()));
  }

  /**
   * Runs {@code call} with a session of its own and the session's native buffer.
   *
   * @throws PoolExhaustedException if no session became free in time
   * @throws Pkcs11Failure if the call failed in the module
   */
  <T> T callBuffered(BufferedCall<T> call) {
    acquire();
    Session session;
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
        if (closed) {
          // The pool closed while this session was going back: close what it left idle.
          closeIdle();
        }
      } else {
        session.close(cryptoki);
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
    closeIdle();
  }

  private void closeIdle() {
    Session session;
    while ((session = idle.poll()) != null) {
      session.close(cryptoki);
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

  private Session borrow() {
    if (closed) {
      throw new IllegalStateException("the cluster connection is closed");
    }
    Session session = idle.poll();
    return session != null ? session : new Session(openSession());
  }

  /**
   * A pooled session and its native buffer. The buffer grows to the largest call made on the
   * session, up to {@value #KEPT_BUFFER_BYTES} bytes; a larger call gets a buffer of its own.
   */
  static final class Session {
    static final long KEPT_BUFFER_BYTES = 64 * 1024;
    private static final long FIRST_BUFFER_BYTES = 16 * 1024;

    private final long handle;
    private Memory buffer;

    private Session(long handle) {
      this.handle = handle;
    }

    long handle() {
      return handle;
    }

    /**
     * Native memory of at least {@code bytes} bytes, with unspecified contents. The caller releases
     * it with {@link #release} when the call is over, and wipes what it wrote there.
     */
    Memory buffer(long bytes) {
      if (bytes > KEPT_BUFFER_BYTES) {
        return new Memory(bytes);
      }
      if (buffer == null || buffer.size() < bytes) {
        if (buffer != null) {
          buffer.close();
        }
        buffer = new Memory(Math.max(bytes, FIRST_BUFFER_BYTES));
      }
      return buffer;
    }

    /** Frees {@code memory} unless it is this session's own buffer. */
    void release(Pointer memory) {
      if (memory != buffer && memory instanceof Memory) {
        ((Memory) memory).close();
      }
    }

    private void close(Cryptoki cryptoki) {
      cryptoki.C_CloseSession(Layout.ul(handle));
      if (buffer != null) {
        buffer.close();
        buffer = null;
      }
    }
  }

  /** Every session stayed busy for longer than the wait limit. */
  static final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message) {
      super(message);
    }
  }
}
