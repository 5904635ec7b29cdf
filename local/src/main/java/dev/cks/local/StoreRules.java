package dev.cks.local;

import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.ConnectionErrorCode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.ValidationException;
import dev.cks.Violation;
import dev.cks.VpcEndpointService;
import dev.cks.errors.CloudHsmClusterInUseException;
import dev.cks.errors.CloudHsmClusterInvalidConfigurationException;
import dev.cks.errors.CloudHsmClusterNotActiveException;
import dev.cks.errors.CloudHsmClusterNotFoundException;
import dev.cks.errors.CloudHsmClusterNotRelatedException;
import dev.cks.errors.CustomKeyStoreHasCMKsException;
import dev.cks.errors.CustomKeyStoreInvalidStateException;
import dev.cks.errors.CustomKeyStoreNameInUseException;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.errors.IncorrectTrustAnchorException;
import dev.cks.errors.KMSInternalException;
import dev.cks.errors.LimitExceededException;
import dev.cks.errors.XksProxyUriEndpointInUseException;
import dev.cks.errors.XksProxyUriInUseException;
import dev.cks.errors.XksProxyVpcEndpointServiceInUseException;
import dev.cks.errors.XksProxyVpcEndpointServiceInvalidConfigurationException;
import dev.cks.errors.XksProxyVpcEndpointServiceNotFoundException;
import dev.cks.local.ClusterProbe.ClusterFacts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules KMS applies to custom key stores: quotas, uniqueness, which connection states allow
 * which operation, and the checks of the cluster or proxy behind a store. Each broken rule becomes
 * the exception KMS throws for it.
 */
final class StoreRules {

  /** Internal property: the backup history of the store's cluster, to recognise relatives. */
  static final String BACKUP_HISTORY = "cks.BackupHistory";

  private final ProxyProbe proxyProbe;
  private final ClusterProbe clusterProbe;
  private final Network network;
  private final String accountId;

  StoreRules(ProxyProbe proxyProbe, ClusterProbe clusterProbe, Network network, String accountId) {
    this.proxyProbe = proxyProbe;
    this.clusterProbe = clusterProbe;
    this.network = network;
    this.accountId = accountId;
  }

  // ---- create

  /** The quota and uniqueness rules of a new store against the existing ones. */
  void checkCreate(StoredStore store, List<StoredStore> existing, int quota) {
    if (existing.size() >= quota) {
      throw new LimitExceededException(
          "The account already has "
              + existing.size()
              + " custom key stores, the most it may have in this Region ("
              + quota
              + ").");
    }
    checkName(store.name(), store.id(), existing);
    if (store.isCloudHsm()) {
      checkClusterNotInUse(store, existing);
    } else {
      checkProxyUnique(store, existing);
    }
  }

  /** The checks of the cluster or proxy behind a new store. */
  void checkBackingService(StoredStore store) {
    if (store.isCloudHsm()) {
      ClusterFacts cluster = cluster(store.property(StoredStore.CLUSTER_ID).orElseThrow());
      requireActive(cluster);
      if (!cluster.trustAnchorCheck().issuedBy(store.property(StoredStore.TRUST_ANCHOR).get())) {
        throw new IncorrectTrustAnchorException(
            "The trust anchor certificate did not issue the certificate of cluster "
                + cluster.id()
                + ".");
      }
      requireTwoZones(cluster);
    } else if (store.isVpc()) {
      vpcService(store);
    } else {
      checkProxy(publicTarget(store));
    }
  }

  /** A store with the cluster's backup history recorded, for a CloudHSM store. */
  StoredStore withBackupHistory(StoredStore store) {
    if (!store.isCloudHsm()) {
      return store;
    }
    ClusterFacts cluster = cluster(store.property(StoredStore.CLUSTER_ID).orElseThrow());
    Map<String, String> properties = new HashMap<>(store.properties());
    properties.put(BACKUP_HISTORY, cluster.backupHistory());
    return store.with(store.name(), properties, store.secrets());
  }

  // ---- connect

  /** What connect refuses at once, leaving the store disconnected. */
  void checkConnectPreconditions(StoredStore store) {
    if (store.isCloudHsm()) {
      Optional<ClusterFacts> cluster =
          clusterProbe.cluster(store.property(StoredStore.CLUSTER_ID).orElseThrow());
      if (cluster.isPresent()) {
        requireActive(cluster.get());
      }
    }
  }

  /** The check a connect runs: empty when the store can connect, else the reason it cannot. */
  Optional<ConnectionErrorCode> connectionCheck(StoredStore store) {
    if (store.isCloudHsm()) {
      String clusterId = store.property(StoredStore.CLUSTER_ID).orElseThrow();
      Optional<ClusterFacts> cluster = clusterProbe.cluster(clusterId);
      if (cluster.isEmpty()) {
        return Optional.of(ConnectionErrorCode.CLUSTER_NOT_FOUND);
      }
      if (cluster.get().activeHsms() < 1) {
        return Optional.of(ConnectionErrorCode.INSUFFICIENT_CLOUDHSM_HSMS);
      }
      return clusterProbe.connect(store.id(), clusterId, store.secrets().get(StoredStore.PASSWORD));
    }
    ProxyTarget target;
    if (store.isVpc()) {
      Optional<Network.VpcService> service = findVpcService(store);
      if (service.isEmpty()) {
        return Optional.of(ConnectionErrorCode.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND);
      }
      if (service.get().problem().isPresent()) {
        return Optional.of(ConnectionErrorCode.XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION);
      }
      target = vpcTarget(store, service.get());
    } else {
      target = publicTarget(store);
    }
    return proxyProbe.health(target).map(ProxyFailure::connectionErrorCode);
  }

  // ---- update

  /** The store as the update would leave it; nothing is checked against other stores yet. */
  StoredStore apply(StoredStore before, CustomKeyStoreUpdate update) {
    if (update.storeType() != before.type()) {
      throw new ValidationException(
          List.of(
              Violation.described(
                  "CustomKeyStoreId",
                  "must name a " + update.storeType() + " key store for these changes",
                  before.id() + " is " + before.type())));
    }
    Map<String, String> properties = new HashMap<>(before.properties());
    Map<String, Secret> secrets = new HashMap<>(before.secrets());
    if (update instanceof CloudHsmKeyStoreUpdate cloudHsm) {
      cloudHsm.keyStorePassword().ifPresent(p -> secrets.put(StoredStore.PASSWORD, p));
      cloudHsm.cloudHsmClusterId().ifPresent(id -> properties.put(StoredStore.CLUSTER_ID, id));
    } else {
      applyExternal(before, (ExternalKeyStoreUpdate) update, properties, secrets);
    }
    return before.with(update.newName().orElse(before.name()), properties, secrets);
  }

  private void applyExternal(
      StoredStore before,
      ExternalKeyStoreUpdate update,
      Map<String, String> properties,
      Map<String, Secret> secrets) {
    update.proxyUriEndpoint().ifPresent(e -> properties.put(StoredStore.ENDPOINT, e));
    update.proxyUriPath().ifPresent(p -> properties.put(StoredStore.PATH, p));
    update
        .proxyCredential()
        .ifPresent(
            credential -> {
              properties.put(StoredStore.ACCESS_KEY_ID, credential.accessKeyId());
              secrets.put(StoredStore.RAW_SECRET, credential.rawSecretAccessKey());
            });
    if (update.connectivity().isPresent()) {
      properties.put(StoredStore.CONNECTIVITY, update.connectivity().get().type().value());
      properties.remove(StoredStore.VPC_SERVICE);
      properties.remove(StoredStore.VPC_OWNER);
      if (update.connectivity().get() instanceof VpcEndpointService vpc) {
        properties.put(StoredStore.VPC_SERVICE, vpc.serviceName());
        properties.put(StoredStore.VPC_OWNER, vpc.serviceOwner().orElse(accountId));
      }
      return;
    }
    boolean vpc = before.isVpc();
    if (!vpc
        && (update.vpcEndpointServiceName().isPresent()
            || update.vpcEndpointServiceOwner().isPresent())) {
      String member =
          update.vpcEndpointServiceName().isPresent()
              ? "XksProxyVpcEndpointServiceName"
              : "XksProxyVpcEndpointServiceOwner";
      throw new ValidationException(
          List.of(
              Violation.described(
                  member,
                  "applies only to a key store with VPC_ENDPOINT_SERVICE connectivity",
                  before.id() + " has PUBLIC_ENDPOINT connectivity")));
    }
    update.vpcEndpointServiceName().ifPresent(n -> properties.put(StoredStore.VPC_SERVICE, n));
    update.vpcEndpointServiceOwner().ifPresent(o -> properties.put(StoredStore.VPC_OWNER, o));
  }

  /** The state, name and uniqueness rules of an update. */
  void checkUpdate(
      StoredStore before,
      CustomKeyStoreUpdate update,
      StoredStore after,
      List<StoredStore> existing) {
    if (!update.allowedStates().contains(before.state())) {
      throw invalidState(
          before,
          "UpdateCustomKeyStore with " + update.changes(),
          String.join(" or ", update.allowedStates().stream().map(Enum::name).sorted().toList()));
    }
    if (!after.name().equals(before.name())) {
      checkName(after.name(), after.id(), existing);
    }
    if (after.isCloudHsm()) {
      if (!after
          .properties()
          .get(StoredStore.CLUSTER_ID)
          .equals(before.properties().get(StoredStore.CLUSTER_ID))) {
        checkClusterNotInUse(after, existing);
      }
    } else {
      checkProxyUnique(after, existing);
    }
  }

  /** The checks of the cluster or proxy an update points the store at. */
  void checkUpdatedBackingService(
      StoredStore before, CustomKeyStoreUpdate update, StoredStore after) {
    if (after.isCloudHsm()) {
      String newCluster = after.property(StoredStore.CLUSTER_ID).orElseThrow();
      if (newCluster.equals(before.property(StoredStore.CLUSTER_ID).orElseThrow())) {
        return;
      }
      ClusterFacts cluster = cluster(newCluster);
      requireActive(cluster);
      String history =
          before
              .property(BACKUP_HISTORY)
              .orElseGet(
                  () -> cluster(before.property(StoredStore.CLUSTER_ID).get()).backupHistory());
      if (!cluster.backupHistory().equals(history)) {
        throw new CloudHsmClusterNotRelatedException(
            "Cluster "
                + newCluster
                + " does not share backup history with the key store's cluster "
                + before.property(StoredStore.CLUSTER_ID).get()
                + ".");
      }
      requireTwoZones(cluster);
      return;
    }
    if (update.changes().stream()
        .allMatch(change -> change.member().equals("NewCustomKeyStoreName"))) {
      return;
    }
    if (after.isVpc()) {
      Network.VpcService service = vpcService(after);
      if (before.state() == ConnectionState.CONNECTED) {
        checkProxy(vpcTarget(after, service));
      }
    } else {
      checkProxy(publicTarget(after));
    }
  }

  // ---- shared checks

  private void checkName(String name, String selfId, List<StoredStore> existing) {
    for (StoredStore other : existing) {
      if (!other.id().equals(selfId) && other.name().equals(name)) {
        throw new CustomKeyStoreNameInUseException(
            "The custom key store name \"" + name + "\" is already used by " + other.id() + ".");
      }
    }
  }

  private void checkClusterNotInUse(StoredStore store, List<StoredStore> existing) {
    String clusterId = store.property(StoredStore.CLUSTER_ID).orElseThrow();
    Optional<String> history = clusterProbe.cluster(clusterId).map(ClusterFacts::backupHistory);
    for (StoredStore other : existing) {
      if (other.id().equals(store.id()) || !other.isCloudHsm()) {
        continue;
      }
      boolean sameCluster = other.property(StoredStore.CLUSTER_ID).orElseThrow().equals(clusterId);
      boolean related = history.isPresent() && history.equals(other.property(BACKUP_HISTORY));
      if (sameCluster || related) {
        throw new CloudHsmClusterInUseException(
            "Cluster "
                + clusterId
                + (sameCluster ? "" : ", or a cluster that shares its backup history,")
                + " already backs custom key store "
                + other.id()
                + ".");
      }
    }
  }

  private void checkProxyUnique(StoredStore store, List<StoredStore> existing) {
    String endpoint = store.property(StoredStore.ENDPOINT).orElseThrow();
    String path = store.property(StoredStore.PATH).orElseThrow();
    for (StoredStore other : existing) {
      if (other.id().equals(store.id()) || other.isCloudHsm()) {
        continue;
      }
      boolean sameEndpoint =
          other.property(StoredStore.ENDPOINT).orElseThrow().equalsIgnoreCase(endpoint);
      if (sameEndpoint && other.property(StoredStore.PATH).orElseThrow().equals(path)) {
        throw new XksProxyUriInUseException(
            "The proxy URI " + endpoint + path + " is already used by " + other.id() + ".");
      }
      if (sameEndpoint && (store.isVpc() || other.isVpc())) {
        throw new XksProxyUriEndpointInUseException(
            "The proxy endpoint "
                + endpoint
                + " is already used by "
                + other.id()
                + ", and an endpoint used with VPC_ENDPOINT_SERVICE connectivity cannot be"
                + " shared.");
      }
      if (store.isVpc()
          && other.isVpc()
          && other
              .property(StoredStore.VPC_SERVICE)
              .equals(store.property(StoredStore.VPC_SERVICE))) {
        throw new XksProxyVpcEndpointServiceInUseException(
            "The VPC endpoint service "
                + store.property(StoredStore.VPC_SERVICE).get()
                + " is already used by "
                + other.id()
                + ".");
      }
    }
  }

  private ClusterFacts cluster(String clusterId) {
    return clusterProbe
        .cluster(clusterId)
        .orElseThrow(
            () ->
                new CloudHsmClusterNotFoundException(
                    "No CloudHSM cluster with id " + clusterId + " was found."));
  }

  private static void requireActive(ClusterFacts cluster) {
    if (!cluster.active()) {
      throw new CloudHsmClusterNotActiveException(
          "Cluster " + cluster.id() + " is not active: it must be initialized and activated.");
    }
  }

  /** KMS's rule for create, update and CreateKey: two active HSMs in different zones. */
  static void requireTwoZones(ClusterFacts cluster) {
    if (cluster.activeHsms() < 2 || cluster.activeZones() < 2) {
      throw new CloudHsmClusterInvalidConfigurationException(
          "Cluster "
              + cluster.id()
              + " must have at least two active HSMs in different Availability Zones; it has "
              + cluster.activeHsms()
              + " in "
              + cluster.activeZones()
              + ".");
    }
  }

  private Optional<Network.VpcService> findVpcService(StoredStore store) {
    String name = store.property(StoredStore.VPC_SERVICE).orElseThrow();
    String owner = store.property(StoredStore.VPC_OWNER).orElse(accountId);
    return network.vpcService(name).filter(service -> service.owner().equals(owner));
  }

  private Network.VpcService vpcService(StoredStore store) {
    Network.VpcService service =
        findVpcService(store)
            .orElseThrow(
                () ->
                    new XksProxyVpcEndpointServiceNotFoundException(
                        "No VPC endpoint service "
                            + store.property(StoredStore.VPC_SERVICE).get()
                            + " owned by "
                            + store.property(StoredStore.VPC_OWNER).orElse(accountId)
                            + " was found."));
    if (service.problem().isPresent()) {
      throw new XksProxyVpcEndpointServiceInvalidConfigurationException(
          "The VPC endpoint service "
              + service.name()
              + " does not meet KMS's requirements: "
              + service.problem().get()
              + ".");
    }
    return service;
  }

  /** Where an external store's proxy is reached now; empty when its VPC service is gone. */
  Optional<ProxyTarget> proxyTarget(StoredStore store) {
    if (!store.isVpc()) {
      return Optional.of(publicTarget(store));
    }
    return findVpcService(store).map(service -> vpcTarget(store, service));
  }

  private ProxyTarget publicTarget(StoredStore store) {
    String host = Network.host(store.property(StoredStore.ENDPOINT).orElseThrow());
    return new ProxyTarget(
        host, network.addressOf(host), store.property(StoredStore.PATH).get(), store.credential());
  }

  private static ProxyTarget vpcTarget(StoredStore store, Network.VpcService service) {
    String host = Network.host(store.property(StoredStore.ENDPOINT).orElseThrow());
    return new ProxyTarget(
        host, service.proxyAddress(), store.property(StoredStore.PATH).get(), store.credential());
  }

  private void checkProxy(ProxyTarget target) {
    Optional<ProxyFailure> failure = proxyProbe.health(target);
    if (failure.isPresent()) {
      throw failure.get().toException(target.uri());
    }
  }

  // ---- exceptions

  static CustomKeyStoreInvalidStateException invalidState(
      StoredStore store, String operation, String allowedStates) {
    return new CustomKeyStoreInvalidStateException(
        operation
            + " is not allowed while custom key store "
            + store.id()
            + " is "
            + store.state()
            + "; it needs "
            + allowedStates
            + "."
            + (store.state() == ConnectionState.FAILED ? " Disconnect the key store first." : ""));
  }

  static CustomKeyStoreNotFoundException notFound(String member, String value) {
    return new CustomKeyStoreNotFoundException(
        "No custom key store has " + member + " \"" + value + "\".");
  }

  static CustomKeyStoreHasCMKsException hasKeys(StoredStore store) {
    return new CustomKeyStoreHasCMKsException(
        "Custom key store "
            + store.id()
            + " still holds KMS keys, counting keys pending deletion; delete them first.");
  }

  static KMSInternalException changedMeanwhile(StoredStore store) {
    return new KMSInternalException(
        "Custom key store " + store.id() + " changed while the update was checked; try again.");
  }
}
