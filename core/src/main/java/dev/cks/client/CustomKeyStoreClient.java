package dev.cks.client;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreType;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.UpdatableProperty;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyConnectivityType;
import dev.cks.XksProxyCredential;
import dev.cks.aws.AwsKmsBackend;
import dev.cks.check.Check;
import dev.cks.check.CheckReport;
import dev.cks.check.Preflight;
import dev.cks.check.ProxyCheck;
import dev.cks.diagnosis.Diagnosis;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.errors.KmsException;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import dev.cks.spi.KmsBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import software.amazon.awssdk.services.kms.KmsClient;

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
  private final SecretFingerprints fingerprints;
  private final Planner planner;
  private final Preflight<ExternalKeyStoreSpec> proxyPreflight;
  private final Preflight<CloudHsmKeyStoreSpec> clusterPreflight;

  private CustomKeyStoreClient(Builder builder) {
    this.backend = builder.backend;
    this.retryPolicy = builder.retryPolicy;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.firstPollDelay = builder.firstPollDelay;
    this.maxPollDelay = builder.maxPollDelay;
    this.log = LoggerFactory.getLogger(builder.loggerName);
    this.fingerprints = builder.fingerprints;
    this.planner = new Planner(fingerprints);
    this.proxyPreflight = builder.proxyPreflight;
    this.clusterPreflight = builder.clusterPreflight;
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
    fingerprints.forget(customKeyStoreId);
  }

  /**
   * Checks what KMS will require of the proxy or cluster of {@code spec}, with the pre-flight the
   * client was built with, and changes nothing. A CloudHSM spec needs a cluster pre-flight (see
   * {@link Builder#clusterPreflight}); without one the report holds a single skipped check that
   * says so.
   */
  public CheckReport preflight(CustomKeyStoreSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec instanceof ExternalKeyStoreSpec external) {
      return proxyPreflight.check(external);
    }
    CloudHsmKeyStoreSpec cloudHsm = (CloudHsmKeyStoreSpec) spec;
    if (clusterPreflight == null) {
      return CheckReport.of(
          "CloudHSM pre-flight for " + cloudHsm.cloudHsmClusterId(),
          List.of(
              Check.skipped(
                  "cluster check",
                  "no cluster pre-flight is configured: build the client with"
                      + " clusterPreflight(...), such as the PKCS#11 adapter's"
                      + " CloudHsmPreflight")));
    }
    return clusterPreflight.check(cloudHsm);
  }

  /** The plan that would bring the store named in {@code spec} to it; see {@link #ensure}. */
  public EnsurePlan plan(CustomKeyStoreSpec spec) {
    return plan(spec, EnsureOptions.DEFAULT);
  }

  /**
   * The plan that would bring the store named in {@code spec} to it, changing nothing (a dry run).
   *
   * @throws PlanConflictException if no plan can: the store is of the other kind, its trust anchor
   *     differs, or another store already uses the spec's cluster, proxy URI or VPC endpoint
   *     service
   */
  public EnsurePlan plan(CustomKeyStoreSpec spec, EnsureOptions options) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    return plan(spec, options, null, new Planner.Secrets(false, options.setUnrecordedSecrets()));
  }

  /**
   * Carries out a plan: checks first that the store is as it was when the plan was made, then takes
   * each step. When the options ask for it, the pre-flight runs just before the create or update
   * (after any disconnect); if it fails, a store this call disconnected is connected again and
   * nothing else changes. A wait that ends in another state than planned (a connection that fails)
   * makes the client plan again from there.
   *
   * @throws PlanConflictException if the store changed since the plan was made
   * @throws PreflightFailedException if the pre-flight check failed; the store was not changed
   */
  public EnsureResult apply(EnsurePlan plan) {
    Objects.requireNonNull(plan, "plan");
    String id = plan.customKeyStoreId().orElse(null);
    EnsurePlan fresh = plan(plan.spec(), plan.options(), id, plan.secrets());
    if (!fresh.steps().equals(plan.steps())
        || !fresh.customKeyStoreId().equals(plan.customKeyStoreId())) {
      throw new PlanConflictException(
          "custom key store \""
              + plan.name()
              + "\" changed since the plan was made; the plan now is:\n"
              + fresh.render());
    }
    return execute(plan);
  }

  /**
   * Brings the store named in {@code spec} to it: creates it, or adopts the store of that name, and
   * applies the changes in the order KMS needs them; see {@link #ensure(CustomKeyStoreSpec,
   * EnsureOptions)}.
   */
  public EnsureResult ensure(CustomKeyStoreSpec spec) {
    return ensure(spec, EnsureOptions.DEFAULT);
  }

  /**
   * Brings the store named in {@code spec} to it and to the connection goal of {@code options}: the
   * same as {@link #apply}{@code (}{@link #plan}{@code (spec, options))}.
   *
   * <pre>{@code
   * EnsureResult result =
   *     client.ensure(spec, EnsureOptions.builder().goal(ConnectionGoal.CONNECTED).build());
   * }</pre>
   *
   * <p>Secrets are compared through the client's {@link SecretFingerprints}; one without a record
   * is left alone unless {@link EnsureOptions#setUnrecordedSecrets()} says otherwise, and the plan
   * notes it.
   *
   * @throws PlanConflictException if no plan can bring the store to the spec
   * @throws PreflightFailedException if the pre-flight check asked for failed
   */
  public EnsureResult ensure(CustomKeyStoreSpec spec, EnsureOptions options) {
    return apply(plan(spec, options));
  }

  /**
   * Rotates an external key store's proxy credential: checks the new credential against the proxy
   * with the client's pre-flight, sets it, and waits until a connected store is connected again.
   * Give the proxy the new credential first and keep the old one until this returns.
   *
   * @throws PreflightFailedException if the proxy does not accept the new credential; nothing was
   *     changed
   * @throws IllegalArgumentException if the store is not an external key store
   */
  public EnsureResult rotateXksCredential(String customKeyStoreId, XksProxyCredential credential) {
    return rotateXksCredential(
        customKeyStoreId, credential, EnsureOptions.builder().preflight(true).build());
  }

  /** As {@link #rotateXksCredential(String, XksProxyCredential)}, with the given options. */
  public EnsureResult rotateXksCredential(
      String customKeyStoreId, XksProxyCredential credential, EnsureOptions options) {
    Objects.requireNonNull(credential, "credential");
    CustomKeyStoreDescription store = describe(customKeyStoreId);
    XksProxyConfiguration config =
        store
            .xksProxyConfiguration()
            .filter(c -> store.customKeyStoreType() == CustomKeyStoreType.EXTERNAL_KEY_STORE)
            .orElseThrow(() -> notOfType(store, CustomKeyStoreType.EXTERNAL_KEY_STORE));
    ExternalKeyStoreSpec spec =
        ExternalKeyStoreSpec.builder()
            .name(store.customKeyStoreName())
            .proxyUriEndpoint(config.uriEndpoint())
            .connectivity(connectivity(config))
            .proxyUriPath(config.uriPath())
            .proxyCredential(credential)
            .build();
    return rotate(spec, customKeyStoreId, options);
  }

  /**
   * Rotates a CloudHSM key store's password: disconnects a connected store, sets {@code
   * KeyStorePassword}, connects it again and waits. Change the {@code kmsuser} password in the
   * cluster first; with a cluster pre-flight configured the client checks, once KMS has logged out,
   * that {@code kmsuser} can log in with the new password before it sets it.
   *
   * @throws PreflightFailedException if the cluster pre-flight failed; the store was connected
   *     again with its old password
   * @throws IllegalArgumentException if the store is not a CloudHSM key store
   */
  public EnsureResult rotateCloudHsmPassword(String customKeyStoreId, Secret password) {
    return rotateCloudHsmPassword(
        customKeyStoreId, password, EnsureOptions.builder().preflight(true).build());
  }

  /** As {@link #rotateCloudHsmPassword(String, Secret)}, with the given options. */
  public EnsureResult rotateCloudHsmPassword(
      String customKeyStoreId, Secret password, EnsureOptions options) {
    Objects.requireNonNull(password, "password");
    CustomKeyStoreDescription store = describe(customKeyStoreId);
    if (store.customKeyStoreType() != CustomKeyStoreType.AWS_CLOUDHSM
        || store.cloudHsmClusterId().isEmpty()
        || store.trustAnchorCertificate().isEmpty()) {
      throw notOfType(store, CustomKeyStoreType.AWS_CLOUDHSM);
    }
    CloudHsmKeyStoreSpec spec =
        CloudHsmKeyStoreSpec.builder()
            .name(store.customKeyStoreName())
            .cloudHsmClusterId(store.cloudHsmClusterId().get())
            .trustAnchorCertificate(store.trustAnchorCertificate().get())
            .keyStorePassword(password)
            .build();
    return rotate(spec, customKeyStoreId, options);
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

  private EnsurePlan plan(
      CustomKeyStoreSpec spec, EnsureOptions options, String id, Planner.Secrets secrets) {
    CustomKeyStoreDescription current =
        id != null ? describe(id) : describeByName(spec.name()).orElse(null);
    List<CustomKeyStoreDescription> others = stores().toList();
    return planner.plan(spec, options, current, others, secrets);
  }

  private EnsureResult rotate(CustomKeyStoreSpec spec, String id, EnsureOptions options) {
    EnsureResult result = execute(plan(spec, options, id, new Planner.Secrets(true, true)));
    ConnectionState state = result.store().connectionState();
    if (result.connection().isEmpty()
        && (state == ConnectionState.CONNECTED || state == ConnectionState.CONNECTING)) {
      ConnectionResult connection = awaitConnected(id, options.waitTimeout(), options.listener());
      return new EnsureResult(
          result.plan(), result.executed(), connection.store(), Optional.of(connection));
    }
    return result;
  }

  private EnsureResult execute(EnsurePlan plan) {
    EnsureOptions options = plan.options();
    String id = plan.customKeyStoreId().orElse(null);
    List<PlanStep> executed = new ArrayList<>();
    Deque<PlanStep> todo = new ArrayDeque<>(plan.steps());
    ConnectionResult connection = null;
    int replans = 0;
    while (!todo.isEmpty()) {
      PlanStep step = todo.removeFirst();
      log.info("ensure \"{}\": {}", plan.name(), step.description());
      switch (step.action()) {
        case CREATE:
          preflightBeforeChange(plan, id, executed);
          id = create(plan.spec());
          recordSecrets(id, plan.spec(), Planner.secretMembers());
          break;
        case DISCONNECT:
          disconnect(id);
          break;
        case AWAIT_DISCONNECTED:
          awaitState(
              id, Set.of(ConnectionState.DISCONNECTED), options.waitTimeout(), options.listener());
          break;
        case UPDATE:
          preflightBeforeChange(plan, id, executed);
          CustomKeyStoreUpdate update = step.updateRequest().orElseThrow();
          update(update);
          recordSecrets(id, plan.spec(), update.changes());
          break;
        case CONNECT:
          connect(id);
          break;
        case AWAIT_CONNECTED:
          connection = awaitConnected(id, options.waitTimeout(), options.listener());
          if (!connection.connected() && !todo.isEmpty() && replans++ < 2) {
            EnsurePlan again = plan(plan.spec(), options, id, plan.secrets());
            todo = new ArrayDeque<>(again.steps());
          }
          break;
        default:
          throw new IllegalStateException("unknown step " + step.action());
      }
      executed.add(step);
    }
    CustomKeyStoreDescription store = id == null ? null : describe(id);
    return new EnsureResult(plan, executed, store, Optional.ofNullable(connection));
  }

  /**
   * Runs the pre-flight, when asked for, just before the first change: after any disconnect, so
   * that a CloudHSM check can log in as the crypto user KMS has just logged out. A store this call
   * disconnected is connected again before the failure is thrown.
   */
  private void preflightBeforeChange(EnsurePlan plan, String id, List<PlanStep> executed) {
    if (!plan.options().preflight()) {
      return;
    }
    CheckReport report = preflight(plan.spec());
    if (report.passed()) {
      return;
    }
    if (executed.stream().anyMatch(step -> step.action() == PlanStep.Action.DISCONNECT)) {
      log.info("ensure \"{}\": pre-flight failed; connecting {} again", plan.name(), id);
      connect(id);
      awaitConnected(id, plan.options().waitTimeout(), plan.options().listener());
    }
    throw new PreflightFailedException(report);
  }

  private void recordSecrets(String id, CustomKeyStoreSpec spec, Set<UpdatableProperty> changed) {
    if (spec instanceof CloudHsmKeyStoreSpec cloudHsm
        && changed.contains(UpdatableProperty.KEY_STORE_PASSWORD)) {
      fingerprints.record(id, Planner.PASSWORD, cloudHsm.keyStorePassword());
    }
    if (spec instanceof ExternalKeyStoreSpec external
        && changed.contains(UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL)) {
      fingerprints.record(
          id, Planner.CREDENTIAL, Planner.credentialSecret(external.proxyCredential()));
    }
  }

  private static CheckReport proxyCheck(ExternalKeyStoreSpec spec) {
    return ProxyCheck.builder(spec).build().run();
  }

  private static XksProxyConnectivity connectivity(XksProxyConfiguration config) {
    if (config.connectivity() != XksProxyConnectivityType.VPC_ENDPOINT_SERVICE) {
      return XksProxyConnectivity.publicEndpoint();
    }
    String name = config.vpcEndpointServiceName().orElse("");
    return config
        .vpcEndpointServiceOwner()
        .<XksProxyConnectivity>map(owner -> XksProxyConnectivity.vpcEndpointService(name, owner))
        .orElseGet(() -> XksProxyConnectivity.vpcEndpointService(name));
  }

  private static IllegalArgumentException notOfType(
      CustomKeyStoreDescription store, CustomKeyStoreType wanted) {
    return new IllegalArgumentException(
        "custom key store "
            + store.customKeyStoreId()
            + " is of type "
            + store.customKeyStoreTypeAsString()
            + ", not "
            + wanted);
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
    private boolean awsDefault;
    private Duration callTimeout;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper =
        duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    private Duration firstPollDelay = Duration.ofSeconds(2);
    private Duration maxPollDelay = Duration.ofSeconds(30);
    private String loggerName = CustomKeyStoreClient.class.getName();
    private SecretFingerprints fingerprints = SecretFingerprints.inMemory();
    private Preflight<ExternalKeyStoreSpec> proxyPreflight = CustomKeyStoreClient::proxyCheck;
    private Preflight<CloudHsmKeyStoreSpec> clusterPreflight;

    private Builder() {}

    /**
     * The backend: {@code LocalKms}, or AWS KMS through the AWS SDK. One of this, {@link #aws()}
     * and {@link #aws(KmsClient)} is required.
     */
    public Builder backend(KmsBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      this.awsDefault = false;
      return this;
    }

    /**
     * AWS KMS through the caller's AWS SDK client, which the caller keeps and closes; the same as
     * {@code backend(AwsKmsBackend.create(kms))}.
     */
    public Builder aws(KmsClient kms) {
      return backend(AwsKmsBackend.create(kms));
    }

    /**
     * AWS KMS through an AWS SDK client built from the default Region and credential chain (the
     * {@code AWS_REGION} and {@code AWS_*} variables, profiles, instance roles), with the {@link
     * #callTimeout} when one is set; the client closes it.
     */
    public Builder aws() {
      this.backend = null;
      this.awsDefault = true;
      return this;
    }

    /**
     * The longest one call to AWS KMS may take, retries of the AWS SDK included, for the backend
     * {@link #aws()} builds; the AWS SDK's default (none) otherwise. A caller's own {@code
     * KmsClient} or {@code LocalKms} keeps its own settings.
     *
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder callTimeout(Duration callTimeout) {
      if (callTimeout.isZero() || callTimeout.isNegative()) {
        throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
      }
      this.callTimeout = callTimeout;
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

    /**
     * Where {@code ensure} and the rotations record the fingerprints of the secrets they set; an
     * in-memory record that lives with the client by default.
     */
    public Builder fingerprints(SecretFingerprints fingerprints) {
      this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
      return this;
    }

    /**
     * The pre-flight of external key stores; by default a {@link ProxyCheck} of the spec's proxy
     * that trusts the JDK's public certificate authorities, as KMS does, and signs its calls for
     * Region {@code us-east-1}. Give another to sign for the Region of the store, trust a private
     * CA, map host names to test addresses or check a key:
     *
     * <pre>{@code
     * builder.proxyPreflight(
     *     spec -> ProxyCheck.builder(spec).region("eu-west-1").trustPem(caPem).build().run());
     * }</pre>
     */
    public Builder proxyPreflight(Preflight<ExternalKeyStoreSpec> preflight) {
      this.proxyPreflight = Objects.requireNonNull(preflight, "preflight");
      return this;
    }

    /**
     * The pre-flight of CloudHSM key stores, such as the PKCS#11 adapter's {@code
     * CloudHsmPreflight}; none by default.
     */
    public Builder clusterPreflight(Preflight<CloudHsmKeyStoreSpec> preflight) {
      this.clusterPreflight = Objects.requireNonNull(preflight, "preflight");
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
      if (backend == null && awsDefault) {
        backend =
            callTimeout == null
                ? AwsKmsBackend.createDefault()
                : AwsKmsBackend.createDefault(callTimeout);
      }
      if (backend == null) {
        throw new IllegalStateException(
            "a backend is required: call backend(...), aws() or aws(kmsClient) first");
      }
      return new CustomKeyStoreClient(this);
    }
  }
}
