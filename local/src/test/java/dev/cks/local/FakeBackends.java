package dev.cks.local;

import dev.cks.ConnectionErrorCode;
import dev.cks.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process stand-ins for the proxies and clusters behind key stores, so that the rules of {@link
 * LocalKms} can be exercised state by state. The real proxy and token are exercised by the tests of
 * the probes that talk to them.
 */
final class FakeBackends {

  /** Proxies that answer healthy unless told to fail in a given way. */
  static final class Proxies implements ProxyProbe {
    final Map<String, ProxyFailure> failures = new ConcurrentHashMap<>();
    final List<ProxyTarget> calls = new ArrayList<>();
    volatile Runnable duringNextCall;

    @Override
    public synchronized Optional<ProxyFailure> health(ProxyTarget target) {
      calls.add(target);
      Runnable action = duringNextCall;
      duringNextCall = null;
      if (action != null) {
        action.run();
      }
      return Optional.ofNullable(failures.get(target.host()));
    }
  }

  /** Clusters known by id, each with a trust anchor, and login outcomes by cluster. */
  static final class Clusters implements ClusterProbe {
    final Map<String, ClusterFacts> clusters = new ConcurrentHashMap<>();
    final Map<String, ConnectionErrorCode> loginFailures = new ConcurrentHashMap<>();
    final Map<String, Secret> passwords = new ConcurrentHashMap<>();

    void add(String id, String backupHistory, int hsms, int zones, String trustAnchor) {
      clusters.put(id, new ClusterFacts(id, true, backupHistory, hsms, zones, trustAnchor::equals));
    }

    void deactivate(String id) {
      ClusterFacts c = clusters.get(id);
      clusters.put(
          id,
          new ClusterFacts(
              id, false, c.backupHistory(), c.activeHsms(), c.activeZones(), c.trustAnchorCheck()));
    }

    @Override
    public Optional<ClusterFacts> cluster(String clusterId) {
      return Optional.ofNullable(clusters.get(clusterId));
    }

    final List<String> disconnected = new ArrayList<>();

    @Override
    public synchronized void disconnect(String storeId) {
      disconnected.add(storeId);
    }

    @Override
    public Optional<ConnectionErrorCode> connect(
        String storeId, String clusterId, Secret password) {
      if (loginFailures.containsKey(clusterId)) {
        return Optional.of(loginFailures.get(clusterId));
      }
      Secret expected = passwords.get(clusterId);
      return expected == null || expected.equals(password)
          ? Optional.empty()
          : Optional.of(ConnectionErrorCode.INVALID_CREDENTIALS);
    }
  }

  private FakeBackends() {}
}
