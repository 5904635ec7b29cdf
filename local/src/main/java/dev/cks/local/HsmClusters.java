package dev.cks.local;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.CryptoUserSession;
import dev.cks.cloudhsm.HsmCluster;
import dev.cks.cloudhsm.HsmException;
import dev.cks.cloudhsm.TrustAnchorVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CloudHSM clusters {@code LocalKms} knows, each from its descriptor, reached through the
 * PKCS#11 adapter. A connected store holds a login as {@code kmsuser} until it disconnects.
 *
 * <p>Clusters made from each other's backups share their cluster certificate, so the certificate's
 * fingerprint stands for the backup history. A descriptor that lists no HSMs is taken to meet KMS's
 * requirement of two active HSMs in different Availability Zones; one without a cluster certificate
 * matches no trust anchor.
 */
final class HsmClusters implements ClusterProbe {

  static final String KMS_USER = "kmsuser";

  private final Map<String, ClusterDescriptor> descriptors;
  private final Map<String, HsmCluster> open = new HashMap<>();
  private final Map<String, CryptoUserSession> sessions = new HashMap<>();

  HsmClusters(List<ClusterDescriptor> descriptors) {
    this.descriptors =
        descriptors.stream()
            .collect(Collectors.toMap(ClusterDescriptor::clusterId, d -> d, (a, b) -> b));
  }

  @Override
  public Optional<ClusterFacts> cluster(String clusterId) {
    ClusterDescriptor descriptor = descriptors.get(clusterId);
    if (descriptor == null) {
      return Optional.empty();
    }
    int activeHsms =
        descriptor
            .hsms()
            .map(hsms -> (int) hsms.stream().filter(h -> h.active()).count())
            .orElse(2);
    int activeZones =
        descriptor
            .hsms()
            .map(
                hsms ->
                    (int)
                        hsms.stream()
                            .filter(h -> h.active())
                            .map(ClusterDescriptor.Hsm::availabilityZone)
                            .distinct()
                            .count())
            .orElse(2);
    Optional<String> certificate = descriptor.clusterCertificate();
    return Optional.of(
        new ClusterFacts(
            clusterId,
            "ACTIVE".equals(descriptor.state()),
            certificate.map(HsmClusters::fingerprint).orElse(clusterId),
            activeHsms,
            activeZones,
            anchor ->
                certificate.isPresent()
                    && TrustAnchorVerification.verify(anchor, certificate.get()).matches()));
  }

  @Override
  public synchronized Optional<ConnectionErrorCode> connect(
      String storeId, String clusterId, Secret password) {
    disconnect(storeId);
    ClusterDescriptor descriptor = descriptors.get(clusterId);
    if (descriptor == null) {
      return Optional.of(ConnectionErrorCode.CLUSTER_NOT_FOUND);
    }
    try {
      HsmCluster cluster = open.get(clusterId);
      if (cluster == null) {
        cluster = HsmCluster.open(descriptor);
        open.put(clusterId, cluster);
      }
      sessions.put(storeId, cluster.login(KMS_USER, password));
      return Optional.empty();
    } catch (HsmException e) {
      return Optional.of(e.connectionErrorCode().orElse(ConnectionErrorCode.INTERNAL_ERROR));
    }
  }

  @Override
  public synchronized void disconnect(String storeId) {
    CryptoUserSession session = sessions.remove(storeId);
    if (session != null) {
      session.close();
    }
  }

  @Override
  public synchronized Optional<CryptoUserSession> session(String storeId) {
    return Optional.ofNullable(sessions.get(storeId)).filter(CryptoUserSession::isOpen);
  }

  @Override
  public synchronized void close() {
    sessions.values().forEach(CryptoUserSession::close);
    sessions.clear();
    open.values().forEach(HsmCluster::close);
    open.clear();
  }

  private static String fingerprint(String pem) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(pem.strip().getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
