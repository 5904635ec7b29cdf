package dev.cks.local;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.util.Optional;

/** What KMS learns about a CloudHSM cluster from the CloudHSM service and from logging in. */
interface ClusterProbe {

  /** The facts of a cluster, or empty when no cluster has that id. */
  Optional<ClusterFacts> cluster(String clusterId);

  /**
   * Logs in to the cluster as {@code kmsuser} with the password and keeps the login for the store,
   * as KMS stays logged in while a store is connected.
   *
   * @return why the login failed, or empty when it succeeded
   */
  Optional<ConnectionErrorCode> connect(String storeId, String clusterId, Secret password);

  /** Ends the store's login, if it has one. */
  void disconnect(String storeId);

  /** The login of a connected store in this process, if it has one. */
  default Optional<dev.cks.cloudhsm.CryptoUserSession> session(String storeId) {
    return Optional.empty();
  }

  /** Ends every login and releases the clusters. */
  default void close() {}

  /**
   * The control-plane facts of a cluster.
   *
   * @param id the cluster id
   * @param active whether the cluster is initialized and activated
   * @param backupHistory an id shared by clusters made from each other's backups
   * @param activeHsms how many HSMs are active
   * @param activeZones in how many distinct Availability Zones the active HSMs are
   * @param trustAnchorCheck tells whether a trust anchor issued the cluster's certificate
   */
  record ClusterFacts(
      String id,
      boolean active,
      String backupHistory,
      int activeHsms,
      int activeZones,
      TrustAnchorCheck trustAnchorCheck) {}

  /** Tells whether a PEM trust anchor certificate issued a cluster's certificate. */
  @FunctionalInterface
  interface TrustAnchorCheck {
    boolean issuedBy(String trustAnchorPem);
  }
}
