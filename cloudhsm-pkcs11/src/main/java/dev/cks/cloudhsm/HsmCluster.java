package dev.cks.cloudhsm;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HSM cluster reached through a PKCS#11 module: one token, found by its label, and a pool of
 * sessions on it that any number of threads may share.
 *
 * <pre>{@code
 * try (HsmCluster cluster = HsmCluster.open(ClusterDescriptor.read(Path.of("cluster.json")));
 *     CryptoUserSession kmsuser = cluster.login("kmsuser", password)) {
 *   AesKey key = kmsuser.generateKey("arn:aws:kms:us-east-1:111122223333:key/1234abcd-...");
 *   GcmCiphertext sealed = kmsuser.encrypt(key, plaintext, aad);
 * }
 * }</pre>
 *
 * <p>Where the {@link ClusterDescriptor} lists HSMs or users, the cluster emulates what AWS
 * CloudHSM does on top of the token: no login without an active HSM, unknown users, users logged in
 * elsewhere, and a lockout after {@value #LOCKOUT_THRESHOLD} failed logins. That state starts from
 * the descriptor and lives in this object.
 *
 * <p>Every failure to open or to log in is an {@link HsmException} carrying the {@link
 * ConnectionErrorCode} KMS would report for it. The PIN given to the module is {@code
 * <user>:<password>}, as AWS CloudHSM expects.
 *
 * <p>Limitation: PKCS#11 keeps one login per process and token, so two {@code HsmCluster} objects
 * on the same token in one process share it: while one is logged in, a login through the other
 * fails with {@code USER_LOGGED_IN}.
 */
public final class HsmCluster implements AutoCloseable {

  /** Failed logins after which an emulated crypto user is locked out, as in AWS CloudHSM. */
  public static final int LOCKOUT_THRESHOLD = 5;

  private static final Logger LOG = LoggerFactory.getLogger(HsmCluster.class);
  private static final ExecutorService LOGINS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cks-hsm-login");
            thread.setDaemon(true);
            return thread;
          });

  private final ClusterDescriptor descriptor;
  private final HsmOptions options;
  private final Pkcs11Token token;
  private final Map<String, UserState> users = new HashMap<>();
  private CryptoUserSession current;
  private boolean closed;

  private HsmCluster(ClusterDescriptor descriptor, HsmOptions options, Pkcs11Token token) {
    this.descriptor = descriptor;
    this.options = options;
    this.token = token;
    descriptor
        .users()
        .ifPresent(list -> list.forEach(user -> users.put(user.name(), new UserState(user))));
  }

  /** Opens the cluster a descriptor names, with {@link HsmOptions#defaults()}. */
  public static HsmCluster open(ClusterDescriptor descriptor) {
    return open(descriptor, HsmOptions.defaults());
  }

  /**
   * Loads the descriptor's PKCS#11 module (once per process), finds the token by its label and
   * opens a session on it.
   *
   * @throws HsmException with {@code CLUSTER_NOT_FOUND} if no token has the label, or with {@code
   *     INTERNAL_ERROR} if the module cannot be loaded or several tokens have the label
   */
  public static HsmCluster open(ClusterDescriptor descriptor, HsmOptions options) {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(options, "options");
    String clusterId = descriptor.clusterId();
    Pkcs11Module module;
    try {
      module = Pkcs11Module.load(descriptor.module());
    } catch (Pkcs11Module.ModuleLoadException e) {
      throw HsmException.connection(
          ConnectionErrorCode.INTERNAL_ERROR,
          "cannot open cluster " + clusterId + ": " + e.getMessage(),
          e);
    }
    try {
      List<Long> slots = module.slotsLabelled(descriptor.tokenLabel());
      if (slots.isEmpty()) {
        throw HsmException.connection(
            ConnectionErrorCode.CLUSTER_NOT_FOUND,
            "cluster "
                + clusterId
                + " was not found: no token labelled \""
                + descriptor.tokenLabel()
                + "\" in PKCS#11 library "
                + module.path(),
            null);
      }
      if (slots.size() > 1) {
        throw HsmException.connection(
            ConnectionErrorCode.INTERNAL_ERROR,
            "cannot open cluster "
                + clusterId
                + ": "
                + slots.size()
                + " tokens are labelled \""
                + descriptor.tokenLabel()
                + "\" in PKCS#11 library "
                + module.path(),
            null);
      }
      Pkcs11Token token =
          Pkcs11Token.open(module, slots.get(0), options.maxSessions(), options.sessionWait());
      LOG.info("Opened cluster {} (token slot {})", clusterId, slots.get(0));
      return new HsmCluster(descriptor, options, token);
    } catch (Pkcs11Failure e) {
      throw HsmException.connection(
          ConnectionFailures.codeFor(e.returnValue()),
          "cannot open cluster " + clusterId + ": " + e.getMessage(),
          e);
    }
  }

  /** The descriptor this cluster was opened from. */
  public ClusterDescriptor descriptor() {
    return descriptor;
  }

  /** The cluster id. */
  public String clusterId() {
    return descriptor.clusterId();
  }

  /**
   * Logs in as a crypto user. The session returned holds the login until it is closed, which logs
   * out.
   *
   * @throws HsmException with the {@link ConnectionErrorCode} of the failure: {@code
   *     INSUFFICIENT_CLOUDHSM_HSMS}, {@code USER_NOT_FOUND}, {@code USER_LOCKED_OUT}, {@code
   *     USER_LOGGED_IN}, {@code INVALID_CREDENTIALS}, {@code NETWORK_ERRORS} (the login took longer
   *     than {@link HsmOptions#loginTimeout()}) or {@code INTERNAL_ERROR}
   * @throws IllegalStateException if the cluster is closed
   */
  public CryptoUserSession login(String user, Secret password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("cluster " + clusterId() + " is closed");
      }
      checkActiveHsm();
      checkEmulatedUser(user);
    }

    byte[] pin = pin(user, password);
    try {
      loginWithin(pin, options.loginTimeout());
    } catch (Pkcs11Failure e) {
      throw loginFailure(user, e);
    }

    synchronized (this) {
      UserState state = users.get(user);
      if (state != null) {
        state.failedLogins = 0;
      }
      current = new CryptoUserSession(this, token, user);
      LOG.info("Crypto user {} logged in to cluster {}", user, clusterId());
      return current;
    }
  }

  /** The PIN AWS CloudHSM expects, {@code <user>:<password>}, in bytes the caller wipes. */
  private static byte[] pin(String user, Secret password) {
    byte[] name = (user + ":").getBytes(StandardCharsets.UTF_8);
    byte[] secret = password.revealBytes();
    byte[] pin = Arrays.copyOf(name, name.length + secret.length);
    System.arraycopy(secret, 0, pin, name.length, secret.length);
    Arrays.fill(secret, (byte) 0);
    return pin;
  }

  private void checkActiveHsm() {
    if (descriptor.hsms().isPresent()
        && descriptor.hsms().get().stream().noneMatch(ClusterDescriptor.Hsm::active)) {
      throw HsmException.connection(
          ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS,
          "cluster " + clusterId() + " has no active HSM",
          null);
    }
  }

  private void checkEmulatedUser(String user) {
    if (descriptor.users().isEmpty()) {
      return;
    }
    UserState state = users.get(user);
    if (state == null) {
      throw HsmException.connection(
          ConnectionErrorCode.USER_NOT_FOUND,
          "cluster " + clusterId() + " has no crypto user " + user,
          null);
    }
    if (state.locked) {
      throw HsmException.connection(
          ConnectionErrorCode.USER_LOCKED_OUT,
          "crypto user " + user + " is locked out of cluster " + clusterId(),
          null);
    }
    if (state.loggedInElsewhere) {
      throw HsmException.connection(
          ConnectionErrorCode.USER_LOGGED_IN,
          "crypto user " + user + " is already logged in to cluster " + clusterId(),
          null);
    }
  }

  /** Runs C_Login on another thread, after the emulated network delay, and waits up to a limit. */
  private void loginWithin(byte[] pin, Duration timeout) {
    Duration delay = descriptor.networkDelay();
    LateLogin late = new LateLogin();
    Future<?> attempt =
        LOGINS.submit(
            () -> {
              if (!delay.isZero()) {
                try {
                  Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                  Arrays.fill(pin, (byte) 0);
                  return;
                }
              }
              token.login(pin);
              late.loggedIn(token);
            });
    try {
      attempt.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      attempt.cancel(true);
      late.abandon(token);
      throw HsmException.connection(
          ConnectionErrorCode.NETWORK_ERRORS,
          "login to cluster " + clusterId() + " did not complete within " + timeout,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      attempt.cancel(true);
      late.abandon(token);
      throw HsmException.connection(
          ConnectionErrorCode.NETWORK_ERRORS,
          "interrupted while logging in to cluster " + clusterId(),
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Pkcs11Failure) {
        throw (Pkcs11Failure) e.getCause();
      }
      throw HsmException.connection(
          ConnectionErrorCode.INTERNAL_ERROR,
          "login to cluster " + clusterId() + " failed in the PKCS#11 module",
          e.getCause());
    }
  }

  private synchronized HsmException loginFailure(String user, Pkcs11Failure failure) {
    ConnectionErrorCode code = ConnectionFailures.codeFor(failure.returnValue());
    String message;
    switch (code) {
      case INVALID_CREDENTIALS:
        message = "the password of crypto user " + user + " was rejected by cluster " + clusterId();
        UserState state = users.get(user);
        if (state != null && ++state.failedLogins >= LOCKOUT_THRESHOLD) {
          state.locked = true;
          message += "; after " + state.failedLogins + " failed logins the user is locked out";
        }
        break;
      case USER_LOCKED_OUT:
        message = "crypto user " + user + " is locked out of cluster " + clusterId();
        break;
      case USER_LOGGED_IN:
        message = "a crypto user is already logged in to cluster " + clusterId();
        break;
      default:
        message = "login of crypto user " + user + " to cluster " + clusterId() + " failed";
    }
    return HsmException.connection(code, message + " (" + failure.returnValueName() + ")", failure);
  }

  /** Whether a crypto user is logged in to this cluster's token from this process. */
  public boolean loggedIn() {
    try {
      return token.loggedIn();
    } catch (Pkcs11Failure e) {
      throw HsmException.operation(
          "Pkcs11Error", "cannot read the login state of cluster " + clusterId(), e);
    }
  }

  synchronized void loggedOut(CryptoUserSession session) {
    if (current == session) {
      current = null;
      LOG.info("Crypto user {} logged out of cluster {}", session.user(), clusterId());
    }
  }

  /** Logs out a crypto user still logged in through this object, then closes every session. */
  @Override
  public void close() {
    CryptoUserSession open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = current;
    }
    if (open != null) {
      open.close();
    }
    token.close();
    LOG.info("Closed cluster {}", clusterId());
  }

  @Override
  public String toString() {
    return "HsmCluster[" + clusterId() + "]";
  }

  /** Emulated login state of one crypto user. */
  private static final class UserState {
    int failedLogins;
    boolean locked;
    final boolean loggedInElsewhere;

    UserState(ClusterDescriptor.User user) {
      this.failedLogins = user.failedLogins();
      this.locked = user.locked() || user.failedLogins() >= LOCKOUT_THRESHOLD;
      this.loggedInElsewhere = user.loggedInElsewhere();
    }
  }

  /** Logs out again a login that completed after its caller stopped waiting. */
  private static final class LateLogin {
    private boolean abandoned;
    private boolean loggedIn;

    synchronized void loggedIn(Pkcs11Token token) {
      loggedIn = true;
      if (abandoned) {
        token.logout();
      }
    }

    synchronized void abandon(Pkcs11Token token) {
      abandoned = true;
      if (loggedIn) {
        token.logout();
      }
    }
  }
}
