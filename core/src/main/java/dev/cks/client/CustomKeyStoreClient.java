package dev.cks.client;

import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.diagnosis.Diagnosis;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.errors.KmsException;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import dev.cks.spi.KmsBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client for custom key stores over a {@link KmsBackend}: the six operations, with transient
 * failures retried, all stores as a lazy stream of pages, and waits for a connection state that
 * explain a failure.
 *
 * <pre>{@code
 * try (CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(kms).build()) {
 *   String id = client.create(spec);
 *   client.connect(id);
 *   ConnectionResult result = client.awaitConnected(id, Duration.ofMinutes(20));
 *   if (!result.connected()) {
 *     System.out.println(result.diagnosis().orElseThrow().toText());
 *   }
 * }
 * }</pre>
 *
 * <p>Specs and updates are valid by construction, so nothing invalid reaches the backend. Errors
 * are the backend's {@link KmsException} subclasses; throttling and the service's internal and
 * dependency failures are retried as the {@link RetryPolicy} says, nothing else.
 */
public final class CustomKeyStoreClient implements AutoCloseable {

  private final KmsBackend backend;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration firstPollDelay;
  private final Duration maxPollDelay;
  private final Logger log;

  private CustomKeyStoreClient(Builder builder) {
    this.backend = builder.backend;
    this.retryPolicy = builder.retryPolicy;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.firstPollDelay = builder.firstPollDelay;
    this.maxPollDelay = builder.maxPollDelay;
    this.log = LoggerFactory.getLogger(builder.loggerName);
  }

  /** Starts building a client; a backend is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates a store ({@code CreateCustomKeyStore}) and returns its id; it starts disconnected. */
  public String create(CustomKeyStoreSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return call("CreateCustomKeyStore", () -> backend.createCustomKeyStore(spec));
  }

  /** Starts connecting a store; {@link #awaitConnected} waits for the outcome. */
  public void connect(String customKeyStoreId) {
    run("ConnectCustomKeyStore", () -> backend.connectCustomKeyStore(customKeyStoreId));
  }

  /** Starts disconnecting a store. */
  public void disconnect(String customKeyStoreId) {
    run("DisconnectCustomKeyStore", () -> backend.disconnectCustomKeyStore(customKeyStoreId));
  }

  /**
   * Describes the store with this id.
   *
   * @throws CustomKeyStoreNotFoundException if there is none
   */
  public CustomKeyStoreDescription describe(String customKeyStoreId) {
    return only(DescribeRequest.byId(customKeyStoreId));
  }

  /** Describes the store with this name, if there is one. */
  public Optional<CustomKeyStoreDescription> describeByName(String name) {
    try {
      return Optional.of(only(DescribeRequest.byName(name)));
    } catch (CustomKeyStoreNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Every store, in creation order, fetched a page at a time as the stream is read. */
  public Stream<CustomKeyStoreDescription> stores() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(new Pages(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** Changes a store ({@code UpdateCustomKeyStore}). */
  public void update(CustomKeyStoreUpdate update) {
    Objects.requireNonNull(update, "update");
    run("UpdateCustomKeyStore", () -> backend.updateCustomKeyStore(update));
  }

  /** Deletes a store ({@code DeleteCustomKeyStore}); it must be disconnected and hold no keys. */
  public void delete(String customKeyStoreId) {
    run("DeleteCustomKeyStore", () -> backend.deleteCustomKeyStore(customKeyStoreId));
  }

  /**
   * Waits until the store is {@code CONNECTED} or {@code FAILED}, polling with growing, jittered
   * delays; a {@code FAILED} store comes back with the diagnosis of its error code.
   *
   * @throws WaitTimeoutException if neither state is reached within {@code timeout}
   */
  public ConnectionResult awaitConnected(String customKeyStoreId, Duration timeout) {
    return awaitConnected(customKeyStoreId, timeout, WaitListener.NONE);
  }

  /** As {@link #awaitConnected(String, Duration)}, telling {@code listener} of every poll. */
  public ConnectionResult awaitConnected(
      String customKeyStoreId, Duration timeout, WaitListener listener) {
    Instant start = clock.instant();
    CustomKeyStoreDescription store =
        awaitState(
            customKeyStoreId,
            Set.of(ConnectionState.CONNECTED, ConnectionState.FAILED),
            timeout,
            listener);
    Optional<Diagnosis> diagnosis =
        store.connectionState() == ConnectionState.FAILED
            ? Optional.of(
                Diagnosis.ofConnectionErrorCode(
                    store.connectionErrorCodeAsString().orElse("UNKNOWN")))
            : Optional.empty();
    return new ConnectionResult(store, Duration.between(start, clock.instant()), diagnosis);
  }

  /**
   * Waits until the store is in one of {@code states} and returns its description.
   *
   * @throws WaitTimeoutException if it is not within {@code timeout}
   */
  public CustomKeyStoreDescription awaitState(
      String customKeyStoreId,
      Set<ConnectionState> states,
      Duration timeout,
      WaitListener listener) {
    Objects.requireNonNull(states, "states");
    Objects.requireNonNull(listener, "listener");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Duration delay = firstPollDelay;
    for (int poll = 1; ; poll++) {
      CustomKeyStoreDescription store = describe(customKeyStoreId);
      listener.onPoll(store, poll, Duration.between(start, clock.instant()));
      if (states.contains(store.connectionState())) {
        return store;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new WaitTimeoutException(
            "custom key store "
                + customKeyStoreId
                + " did not reach "
                + states.stream().map(Enum::name).sorted().toList()
                + " within "
                + timeout
                + "; it is "
                + store.connectionStateAsString(),
            store);
      }
      sleep(min(jitter(delay), left));
      delay = min(delay.multipliedBy(2), maxPollDelay);
    }
  }

  /** Closes the backend. */
  @Override
  public void close() {
    backend.close();
  }

  private CustomKeyStoreDescription only(DescribeRequest request) {
    List<CustomKeyStoreDescription> stores =
        call("DescribeCustomKeyStores", () -> backend.describeCustomKeyStores(request)).stores();
    if (stores.isEmpty()) {
      throw new CustomKeyStoreNotFoundException("No custom key store matches " + request + ".");
    }
    return stores.get(0);
  }

  private void run(String operation, Runnable action) {
    call(
        operation,
        () -> {
          action.run();
          return null;
        });
  }

  private <T> T call(String operation, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (KmsException e) {
        if (!e.retryable() || attempt >= retryPolicy.maxAttempts()) {
          throw e;
        }
        Duration delay = retryPolicy.delayAfter(attempt);
        log.debug(
            "{} failed with {} (request {}); attempt {} of {} in {}",
            operation,
            e.errorName(),
            e.requestId().orElse("-"),
            attempt + 1,
            retryPolicy.maxAttempts(),
            delay);
        sleep(delay);
      }
    }
  }

  private void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  private static Duration jitter(Duration delay) {
    long nanos = delay.toNanos();
    return nanos < 2
        ? delay
        : Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Pages of DescribeCustomKeyStores, fetched as they are read. */
  private final class Pages implements Iterator<CustomKeyStoreDescription> {
    private Iterator<CustomKeyStoreDescription> current =
        List.<CustomKeyStoreDescription>of().iterator();
    private Optional<String> marker = Optional.empty();
    private boolean last;

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && !last) {
        DescribeRequest request =
            marker.map(DescribeRequest.all()::withMarker).orElse(DescribeRequest.all());
        DescribePage page =
            call("DescribeCustomKeyStores", () -> backend.describeCustomKeyStores(request));
        current = page.stores().iterator();
        marker = page.nextMarker();
        last = !page.truncated();
      }
      return current.hasNext();
    }

    @Override
    public CustomKeyStoreDescription next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }

  /** Sleeps; tests give a clock that moves instead. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Builds a {@link CustomKeyStoreClient}. */
  public static final class Builder {
    private KmsBackend backend;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper =
        duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    private Duration firstPollDelay = Duration.ofSeconds(2);
    private Duration maxPollDelay = Duration.ofSeconds(30);
    private String loggerName = CustomKeyStoreClient.class.getName();

    private Builder() {}

    /** The backend: {@code LocalKms}, or AWS KMS through the AWS SDK. Required. */
    public Builder backend(KmsBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** How transient failures are retried; {@link RetryPolicy#DEFAULT} by default. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock that waits measure time with; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The delays between the polls of a wait: the first, doubling up to the last; 2 s and 30 s by
     * default. Each delay is drawn at random between half of it and all of it.
     */
    public Builder pollDelays(Duration first, Duration max) {
      if (first.isNegative() || first.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "poll delays must satisfy 0 <= first <= max, were " + first + " and " + max);
      }
      this.firstPollDelay = first;
      this.maxPollDelay = max;
      return this;
    }

    /** The name of the SLF4J logger the client logs retries to, at DEBUG. */
    public Builder loggerName(String name) {
      this.loggerName = Objects.requireNonNull(name, "name");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no backend was given
     */
    public CustomKeyStoreClient build() {
      if (backend == null) {
        throw new IllegalStateException("a backend is required: call backend(...) first");
      }
      return new CustomKeyStoreClient(this);
    }
  }
}
