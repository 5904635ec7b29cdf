package dev.cks.local;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.local.Database.Row;
import dev.cks.local.Database.Table;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import dev.cks.spi.KmsBackend;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded stand-in for AWS KMS's custom key store operations that behaves like KMS on the same
 * input: the same validation, uniqueness rules, quota, connection state machine and error names.
 * State lives in a SQLite file in a data directory, or in memory.
 *
 * <pre>{@code
 * try (LocalKms kms = LocalKms.builder().inMemory().build()) {
 *   String id = kms.createCustomKeyStore(spec);
 *   kms.connectCustomKeyStore(id);
 * }
 * }</pre>
 *
 * <p>Where KMS's documentation disagrees with itself, this class follows the operation's own
 * documentation and the developer guide's tables over an exception's description: a store's name,
 * XKS proxy credential and XKS URI path may change while it is {@code CONNECTED}; every other
 * change needs {@code DISCONNECTED}.
 *
 * <p>Connecting and disconnecting take {@link Builder#connectDelay(Duration) a configurable time}.
 * With the default of zero the check runs before {@code connectCustomKeyStore} returns, so the
 * store is already {@code CONNECTED} or {@code FAILED}; with a delay it stays {@code CONNECTING}
 * until a background check ends. A store left {@code CONNECTING} or {@code DISCONNECTING} by a
 * stopped process finishes its transition when the data directory is opened again.
 *
 * <p>One {@code LocalKms} at a time owns a data directory; a second one, in this process or
 * another, is refused.
 *
 * <p>Limitation: keys are only {@code Enabled}, {@code PendingDeletion} or {@code Unavailable};
 * EnableKey, DisableKey, CancelKeyDeletion, aliases, grants and key policies are not offered.
 *
 * <p>Limitation: connecting a CloudHSM key store logs in as {@code kmsuser} but does not rotate its
 * password, as KMS does, since a PKCS#11 token cannot be told the new one afterwards.
 *
 * <p>Limitation: {@code LocalXksProxy} never refuses a health check with HTTP 403, so the code
 * {@code XKS_PROXY_ACCESS_DENIED} arises only with a proxy that does.
 */
public final class LocalKms implements KmsBackend {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKms.class);
  private static final int DEFAULT_PAGE_SIZE = 100;

  private final Database database;
  private final Clock clock;
  private final String accountId;
  private final int storeQuota;
  private final Duration connectDelay;
  private final StoreRules rules;
  private final Markers markers;
  private final ClusterProbe clusterProbe;
  private final Map<String, StoredStore> summaries;
  private final XksClientProbe.XksClients xksClients;
  private final LocalKeys keys;
  private final ScheduledExecutorService background;
  private final SecureRandom random = new SecureRandom();

  private LocalKms(
      Builder builder,
      Database database,
      XksClientProbe.XksClients xksClients,
      ProxyProbe proxyProbe,
      ClusterProbe clusterProbe) {
    this.database = database;
    this.clock = builder.clock;
    this.accountId = builder.accountId;
    this.storeQuota = builder.storeQuota;
    this.connectDelay = builder.connectDelay;
    this.rules = new StoreRules(proxyProbe, clusterProbe, builder.network(), builder.accountId);
    this.markers = new Markers(database.masterKey());
    this.summaries = loadSummaries();
    this.clusterProbe = clusterProbe;
    this.xksClients = xksClients;
    this.keys =
        new LocalKeys(database, clock, builder.region, accountId, rules, clusterProbe, xksClients);
    this.background =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cks-local-kms");
              thread.setDaemon(true);
              return thread;
            });
    resumeTransitions();
  }

  /** Starts building a {@code LocalKms}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String createCustomKeyStore(CustomKeyStoreSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Optional<StoredStore> retried = database.read(tx -> identicalCloudHsmRetry(tx, spec));
    if (retried.isPresent()) {
      return retried.get().id();
    }
    StoredStore requested =
        spec instanceof CloudHsmKeyStoreSpec cloudHsm
            ? StoredStore.of(newId(), clock.instant(), cloudHsm)
            : StoredStore.of(newId(), clock.instant(), (ExternalKeyStoreSpec) spec, accountId);

    // The network checks run outside any transaction; the rules are checked again inside the
    // one that inserts, so two racing creates cannot both pass.
    rules.checkCreate(requested, storesWithoutSecrets(), storeQuota);
    rules.checkBackingService(requested);
    StoredStore store = rules.withBackupHistory(requested);
    String id =
        database.write(
            tx -> {
              Optional<StoredStore> raced = identicalCloudHsmRetry(tx, spec);
              if (raced.isPresent()) {
                return raced.get().id();
              }
              rules.checkCreate(store, storesWithoutSecrets(), storeQuota);
              Row row =
                  tx.insertStore(store.id(), store.name(), store.attributes(), store.secrets());
              tx.afterCommit(
                  () -> summaries.put(store.id(), withoutSecrets(StoredStore.from(row))));
              return store.id();
            });
    LOG.info("created custom key store {} ({})", id, store.type());
    return id;
  }

  @Override
  public void connectCustomKeyStore(String customKeyStoreId) {
    StoredStore store = find(customKeyStoreId);
    switch (store.state()) {
      case CONNECTED, CONNECTING -> {
        return;
      }
      case DISCONNECTED -> {}
      default -> throw StoreRules.invalidState(store, "ConnectCustomKeyStore", "DISCONNECTED");
    }
    rules.checkConnectPreconditions(store);
    boolean started =
        database.write(
            tx -> {
              StoredStore current = find(tx, customKeyStoreId);
              if (current.state() != ConnectionState.DISCONNECTED) {
                return false;
              }
              save(tx, current.withState(ConnectionState.CONNECTING, Optional.empty()));
              return true;
            });
    if (started) {
      LOG.info("connecting custom key store {}", customKeyStoreId);
      afterDelay(() -> finishConnect(customKeyStoreId));
    }
  }

  @Override
  public void disconnectCustomKeyStore(String customKeyStoreId) {
    database.write(
        tx -> {
          StoredStore current = find(tx, customKeyStoreId);
          switch (current.state()) {
            case CONNECTED, CONNECTING, FAILED -> {}
            default ->
                throw StoreRules.invalidState(
                    current, "DisconnectCustomKeyStore", "CONNECTED, CONNECTING or FAILED");
          }
          save(tx, current.withState(ConnectionState.DISCONNECTING, Optional.empty()));
          return null;
        });
    LOG.info("disconnecting custom key store {}", customKeyStoreId);
    afterDelay(() -> finishDisconnect(customKeyStoreId));
  }

  @Override
  public DescribePage describeCustomKeyStores(DescribeRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.customKeyStoreId().isPresent()) {
      return single(request, find(request.customKeyStoreId().get()));
    }
    if (request.customKeyStoreName().isPresent()) {
      String name = request.customKeyStoreName().get();
      Optional<Row> row = database.read(tx -> tx.findStoreByName(name));
      return single(
          request,
          row.map(StoredStore::from)
              .orElseThrow(() -> StoreRules.notFound("CustomKeyStoreName", name)));
    }
    long after = request.marker().map(markers::seq).orElse(0L);
    int limit = request.limit().orElse(DEFAULT_PAGE_SIZE);
    List<Row> rows = database.read(tx -> tx.pageWithoutSecrets(Table.STORES, after, limit + 1));
    List<CustomKeyStoreDescription> page = new ArrayList<>(Math.min(rows.size(), limit));
    for (int i = 0; i < Math.min(rows.size(), limit); i++) {
      page.add(StoredStore.from(rows.get(i)).describe());
    }
    Optional<String> next =
        rows.size() > limit
            ? Optional.of(markers.after(rows.get(limit - 1).seq()))
            : Optional.empty();
    return new DescribePage(page, next);
  }

  private DescribePage single(DescribeRequest request, StoredStore store) {
    if (request.marker().isPresent()) {
      markers.seq(request.marker().get());
    }
    return new DescribePage(List.of(store.describe()), Optional.empty());
  }

  @Override
  public void updateCustomKeyStore(CustomKeyStoreUpdate update) {
    Objects.requireNonNull(update, "update");
    StoredStore before = find(update.customKeyStoreId());
    StoredStore after = rules.apply(before, update);
    rules.checkUpdate(before, update, after, storesWithoutSecrets());
    rules.checkUpdatedBackingService(before, update, after);
    database.write(
        tx -> {
          StoredStore current = find(tx, update.customKeyStoreId());
          if (!current.equals(before)) {
            // Something changed while the proxy or cluster was checked; start over on fresh state.
            throw StoreRules.changedMeanwhile(current);
          }
          rules.checkUpdate(current, update, after, storesWithoutSecrets());
          save(tx, after);
          return null;
        });
    LOG.info("updated custom key store {}: {}", update.customKeyStoreId(), update.changes());
  }

  @Override
  public void deleteCustomKeyStore(String customKeyStoreId) {
    keys.purgeExpired();
    database.write(
        tx -> {
          StoredStore current = find(tx, customKeyStoreId);
          if (current.state() != ConnectionState.DISCONNECTED) {
            throw StoreRules.invalidState(current, "DeleteCustomKeyStore", "DISCONNECTED");
          }
          if (!tx.keysOf(customKeyStoreId).isEmpty()) {
            throw StoreRules.hasKeys(current);
          }
          tx.delete(Table.STORES, customKeyStoreId);
          tx.afterCommit(() -> summaries.remove(customKeyStoreId));
          return null;
        });
    LOG.info("deleted custom key store {}", customKeyStoreId);
  }

  /**
   * Creates a KMS key in a connected custom key store ({@code CreateKey} with {@code Origin} {@code
   * AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}). For an external key store the external key is
   * first checked through the proxy: it must be an enabled AES-256 key that can encrypt and
   * decrypt, and not back another key of the store.
   */
  public KmsKey createKey(CreateKeyRequest request) {
    Objects.requireNonNull(request, "request");
    KmsKey key = keys.create(request, find(request.customKeyStoreId()));
    LOG.info("created KMS key {} in custom key store {}", key.keyId(), key.customKeyStoreId());
    return key;
  }

  /** Describes a KMS key by id or ARN ({@code DescribeKey}). */
  public KmsKey describeKey(String keyIdOrArn) {
    return keys.describe(keyIdOrArn, this::find);
  }

  /**
   * Encrypts up to 4096 bytes under a KMS key ({@code Encrypt}) and returns the ciphertext blob.
   * The encryption context, which may be empty, must be given again to decrypt.
   */
  public byte[] encrypt(String keyIdOrArn, byte[] plaintext, Map<String, String> context) {
    return keys.encrypt(keyIdOrArn, plaintext, context, this::find);
  }

  /**
   * Decrypts a ciphertext blob ({@code Decrypt}); the blob names its key. When {@code keyIdOrArn}
   * is given, the blob must belong to that key.
   */
  public Decrypted decrypt(
      byte[] ciphertextBlob, Map<String, String> context, Optional<String> keyIdOrArn) {
    return keys.decrypt(ciphertextBlob, context, keyIdOrArn, this::find);
  }

  /** Makes a random data key of 1 to 1024 bytes and encrypts it ({@code GenerateDataKey}). */
  public DataKey generateDataKey(
      String keyIdOrArn, int numberOfBytes, Map<String, String> context) {
    return keys.generateDataKey(keyIdOrArn, numberOfBytes, context, this::find);
  }

  /**
   * Schedules a key's deletion after 7 to 30 days ({@code ScheduleKeyDeletion}). The key is gone
   * once the {@link Builder#clock(Clock) clock} passes its deletion date; until then it counts as a
   * key of its store.
   */
  public KmsKey scheduleKeyDeletion(String keyIdOrArn, int pendingWindowInDays) {
    KmsKey key = keys.scheduleDeletion(keyIdOrArn, pendingWindowInDays, this::find);
    LOG.info("scheduled deletion of KMS key {} for {}", key.keyId(), key.deletionDate().get());
    return key;
  }

  /** Stops background checks and closes the database. */
  @Override
  public void close() {
    background.shutdownNow();
    clusterProbe.close();
    xksClients.close();
    try {
      background.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }

  private void finishConnect(String id) {
    Optional<StoredStore> store =
        database.read(tx -> tx.find(Table.STORES, id)).map(StoredStore::from);
    if (store.isEmpty() || store.get().state() != ConnectionState.CONNECTING) {
      return;
    }
    Optional<ConnectionErrorCode> failure = rules.connectionCheck(store.get());
    boolean applied =
        database.write(
            tx -> {
              StoredStore current = find(tx, id);
              if (current.state() != ConnectionState.CONNECTING) {
                return false;
              }
              save(
                  tx,
                  failure.isPresent()
                      ? current.withState(ConnectionState.FAILED, failure)
                      : current.withState(ConnectionState.CONNECTED, Optional.empty()));
              return true;
            });
    if (!applied) {
      // A disconnect overtook the connect; the login it made is not wanted any more.
      clusterProbe.disconnect(id);
      return;
    }
    if (failure.isPresent()) {
      LOG.info("custom key store {} failed to connect: {}", id, failure.get());
    } else {
      LOG.info("custom key store {} connected", id);
    }
  }

  private void finishDisconnect(String id) {
    clusterProbe.disconnect(id);
    database.write(
        tx -> {
          Optional<Row> row = tx.find(Table.STORES, id);
          if (row.isPresent()) {
            StoredStore current = StoredStore.from(row.get());
            if (current.state() == ConnectionState.DISCONNECTING) {
              save(tx, current.withState(ConnectionState.DISCONNECTED, Optional.empty()));
            }
          }
          return null;
        });
    LOG.info("custom key store {} disconnected", id);
  }

  private void resumeTransitions() {
    for (StoredStore store : allStores()) {
      if (store.state() == ConnectionState.CONNECTED && store.isCloudHsm()) {
        rules
            .connectionCheck(store)
            .ifPresent(
                code ->
                    LOG.warn(
                        "connected custom key store {} could not log in to its cluster again ({});"
                            + " its keys are unavailable until it is disconnected and connected",
                        store.id(),
                        code));
      } else if (store.state() == ConnectionState.CONNECTING) {
        afterDelay(() -> finishConnect(store.id()));
      } else if (store.state() == ConnectionState.DISCONNECTING) {
        afterDelay(() -> finishDisconnect(store.id()));
      }
    }
  }

  private void afterDelay(Runnable transition) {
    if (connectDelay.isZero()) {
      transition.run();
      return;
    }
    background.schedule(
        () -> {
          try {
            transition.run();
          } catch (RuntimeException e) {
            LOG.warn("a background connection change failed and is left for the next start", e);
          }
        },
        connectDelay.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private static Optional<StoredStore> identicalCloudHsmRetry(
      Database.Transaction tx, CustomKeyStoreSpec spec) throws SQLException {
    if (!(spec instanceof CloudHsmKeyStoreSpec cloudHsm)) {
      return Optional.empty();
    }
    return tx.findStoreByName(cloudHsm.name())
        .map(StoredStore::from)
        .filter(store -> store.isCloudHsm() && store.state() == ConnectionState.DISCONNECTED)
        .filter(
            store ->
                cloudHsm.cloudHsmClusterId().equals(store.properties().get(StoredStore.CLUSTER_ID)))
        .filter(
            store ->
                cloudHsm
                    .trustAnchorCertificate()
                    .equals(store.properties().get(StoredStore.TRUST_ANCHOR)))
        .filter(
            store -> cloudHsm.keyStorePassword().equals(store.secrets().get(StoredStore.PASSWORD)));
  }

  private StoredStore find(String id) {
    return database.read(tx -> find(tx, id));
  }

  private static StoredStore find(Database.Transaction tx, String id) throws SQLException {
    return tx.find(Table.STORES, id)
        .map(StoredStore::from)
        .orElseThrow(() -> StoreRules.notFound("CustomKeyStoreId", id));
  }

  private void save(Database.Transaction tx, StoredStore store) throws SQLException {
    tx.updateStore(store.id(), store.name(), store.attributes(), store.secrets());
    tx.afterCommit(() -> summaries.put(store.id(), withoutSecrets(store)));
  }

  /**
   * Every store without its secrets, from the in-memory copy that each committed change updates
   * before the next transaction starts: the rules that compare a store with all others read it.
   */
  private List<StoredStore> storesWithoutSecrets() {
    return new ArrayList<>(summaries.values());
  }

  private static StoredStore withoutSecrets(StoredStore store) {
    return store.with(store.name(), store.properties(), Map.of());
  }

  private Map<String, StoredStore> loadSummaries() {
    Map<String, StoredStore> loaded = new ConcurrentHashMap<>();
    database.read(
        tx -> {
          for (Row row : tx.pageWithoutSecrets(Table.STORES, 0, Integer.MAX_VALUE)) {
            loaded.put(row.id(), StoredStore.from(row));
          }
          return null;
        });
    return loaded;
  }

  private List<StoredStore> allStores() {
    return database.read(LocalKms::allStores);
  }

  private static List<StoredStore> allStores(Database.Transaction tx) throws SQLException {
    List<StoredStore> stores = new ArrayList<>();
    for (Row row : tx.page(Table.STORES, 0, Integer.MAX_VALUE)) {
      stores.add(StoredStore.from(row));
    }
    return stores;
  }

  private String newId() {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    return "cks-" + HexFormat.of().formatHex(bytes).substring(0, 17);
  }

  /** Builds a {@link LocalKms}. Without a data directory, state lives in memory. */
  public static final class Builder {

    private Path dataDirectory;
    private Clock clock = Clock.systemUTC();
    private String accountId = "111122223333";
    private int storeQuota = 10;
    private Duration connectDelay = Duration.ZERO;
    private ProxyProbe proxyProbe;
    private ClusterProbe clusterProbe;
    private String region = "us-east-1";
    private Duration proxyTimeout = Duration.ofMillis(250);
    private final StringBuilder trustPem = new StringBuilder();
    private final List<ClusterDescriptor> clusters = new ArrayList<>();
    private final Network.Builder network = Network.builder();

    private Builder() {}

    /** Keeps state durably in a SQLite file in this directory, created when missing. */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Keeps state in memory only; the default. */
    public Builder inMemory() {
      this.dataDirectory = null;
      return this;
    }

    /** The clock for creation dates; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The account this KMS acts for; {@code 111122223333} by default. */
    public Builder accountId(String accountId) {
      List<Violation> found = dev.cks.Constraints.accountId("accountId", accountId);
      ValidationException.throwIfAny(found);
      this.accountId = accountId;
      return this;
    }

    /** How many custom key stores the account may have; 10, as in KMS, by default. */
    public Builder storeQuota(int quota) {
      if (quota < 1) {
        throw new IllegalArgumentException("storeQuota must be at least 1, was " + quota);
      }
      this.storeQuota = quota;
      return this;
    }

    /** How long connecting and disconnecting take; zero, the default, means at once. */
    public Builder connectDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("connectDelay must not be negative, was " + delay);
      }
      this.connectDelay = delay;
      return this;
    }

    Builder proxyProbe(ProxyProbe probe) {
      this.proxyProbe = probe;
      return this;
    }

    Builder clusterProbe(ClusterProbe probe) {
      this.clusterProbe = probe;
      return this;
    }

    /**
     * Declares a VPC endpoint service that external key stores may name, and the proxy address
     * behind it.
     */
    public Builder vpcEndpointService(
        String serviceName, String ownerAccountId, java.net.InetSocketAddress proxyAddress) {
      network.vpcEndpointService(serviceName, ownerAccountId, proxyAddress, Optional.empty());
      return this;
    }

    /**
     * Declares a VPC endpoint service that breaks one of KMS's requirements (acceptance required, a
     * load balancer in one zone, an unverified private DNS name), described by {@code problem}:
     * creating a store with it, or connecting one, fails as KMS fails.
     */
    public Builder misconfiguredVpcEndpointService(
        String serviceName, String ownerAccountId, String problem) {
      network.vpcEndpointService(
          serviceName,
          ownerAccountId,
          java.net.InetSocketAddress.createUnresolved("invalid", 443),
          Optional.of(Objects.requireNonNull(problem, "problem")));
      return this;
    }

    /** The Region this KMS acts in, used in the signatures of proxy calls; {@code us-east-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** How long a call to an XKS proxy may take; 250 milliseconds, as in KMS, by default. */
    public Builder proxyTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("proxyTimeout must be positive, was " + timeout);
      }
      this.proxyTimeout = timeout;
      return this;
    }

    /**
     * Trusts these PEM certificates for XKS proxies' TLS, instead of the system's certificate
     * authorities. KMS itself trusts only public certificate authorities; a local proxy's
     * certificate is trusted this way. May be called several times.
     */
    public Builder trustPem(String pemCertificates) {
      trustPem.append(Objects.requireNonNull(pemCertificates, "pemCertificates")).append('\n');
      return this;
    }

    /**
     * Makes a CloudHSM cluster known, from the descriptor the PKCS#11 adapter reads: its id, its
     * PKCS#11 module and token, its HSMs, certificate and users.
     */
    public Builder hsmCluster(ClusterDescriptor descriptor) {
      clusters.add(Objects.requireNonNull(descriptor, "descriptor"));
      return this;
    }

    /** Resolves a proxy host name to an address, as {@code curl --resolve} does. */
    public Builder resolve(String host, java.net.InetSocketAddress address) {
      network.resolve(host, address);
      return this;
    }

    Network network() {
      return network.build();
    }

    /**
     * Opens the database and starts the {@code LocalKms}.
     *
     * @throws IllegalStateException if the data directory holds a database that cannot be used
     */
    public LocalKms build() {
      XksClientProbe.XksClients clients =
          new XksClientProbe.XksClients(
              region, trustPem.length() == 0 ? null : trustPem.toString(), proxyTimeout);
      ProxyProbe proxies = proxyProbe != null ? proxyProbe : new XksClientProbe(clients);
      ClusterProbe hsms = clusterProbe != null ? clusterProbe : new HsmClusters(clusters);
      Database database =
          dataDirectory == null ? Database.inMemory() : Database.open(dataDirectory);
      return new LocalKms(this, database, clients, proxies, hsms);
    }
  }
}
