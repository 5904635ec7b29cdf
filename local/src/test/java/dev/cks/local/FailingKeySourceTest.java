package dev.cks.local;

import static dev.cks.local.LocalXksProxyTest.encrypt;
import static dev.cks.local.LocalXksProxyTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.xks.XksHealthStatus;
import dev.cks.xks.XksProxyClient;
import dev.cks.xks.XksProxyDependencyTimeoutException;
import dev.cks.xks.XksProxyInternalException;
import dev.cks.xks.XksRequestMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailingKeySourceTest {

  /** A key source whose key manager fails in a chosen way, and counts its health checks. */
  private static final class FailingSource implements KeySource {
    private final KeySourceException.Reason reason;
    final AtomicInteger healthChecks = new AtomicInteger();

    FailingSource(KeySourceException.Reason reason) {
      this.reason = reason;
    }

    @Override
    public Optional<ProxyKey> key(String externalKeyId) {
      throw new KeySourceException(reason, "the key manager failed");
    }

    @Override
    public KeySourceHealth checkHealth() {
      healthChecks.incrementAndGet();
      return new KeySourceHealth(
          "FailCo",
          List.of(
              new KeySourceHealth.Member("hsm-1", "FailCo 1", KeySourceHealth.Status.UNAVAILABLE),
              new KeySourceHealth.Member("hsm-2", "FailCo 1", KeySourceHealth.Status.DEGRADED)));
    }
  }

  @Test
  void encrypt_whenKeyManagerTimesOut_failsWithDependencyTimeout() {
    try (Setup setup = new Setup(new FailingSource(KeySourceException.Reason.TIMEOUT))) {
      assertThatThrownBy(() -> setup.client.encrypt(encrypt("k", random(8), null, false)))
          .isInstanceOf(XksProxyDependencyTimeoutException.class)
          .hasMessage(
              "Encrypt failed with DependencyTimeoutException (HTTP 503): the key manager did not"
                  + " answer in time");
    }
  }

  @Test
  void keyMetadata_whenKeyManagerFails_failsWithInternal() {
    try (Setup setup = new Setup(new FailingSource(KeySourceException.Reason.FAILURE))) {
      assertThatThrownBy(
              () -> setup.client.keyMetadata("k", LocalXksProxyTest.metadata("CreateKey")))
          .isInstanceOf(XksProxyInternalException.class)
          .hasMessage(
              "GetKeyMetadata failed with InternalException (HTTP 500): the key manager failed");
    }
  }

  @Test
  void health_reportsKeySourceMembersAndReusesTheCheck() {
    FailingSource source = new FailingSource(KeySourceException.Reason.FAILURE);
    try (Setup setup = new Setup(source)) {
      XksHealthStatus first =
          setup.client.health(XksRequestMetadata.forHealthCheck("ConnectCustomKeyStore"));
      XksHealthStatus second =
          setup.client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));

      assertThat(first.ekmVendor()).isEqualTo("FailCo");
      assertThat(first.ekmFleetDetails())
          .extracting(XksHealthStatus.EkmFleetMember::healthStatus)
          .containsExactly("UNAVAILABLE", "DEGRADED");
      assertThat(first.anyActive()).isFalse();
      assertThat(second.ekmFleetDetails()).hasSize(2);
      assertThat(source.healthChecks).hasValue(1);
    }
  }

  @Test
  void health_withZeroMaxAge_checksEveryTime() {
    FailingSource source = new FailingSource(KeySourceException.Reason.FAILURE);
    try (Setup setup = new Setup(source, Duration.ZERO)) {
      setup.client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));
      setup.client.health(XksRequestMetadata.forHealthCheck("KmsHealthCheck"));

      assertThat(source.healthChecks).hasValue(2);
    }
  }

  /** A proxy with one store over the given source, and a client of it. */
  private static final class Setup implements AutoCloseable {
    final LocalXksProxy proxy;
    final XksProxyClient client;

    Setup(KeySource source) {
      this(source, Duration.ofMinutes(1));
    }

    Setup(KeySource source, Duration healthMaxAge) {
      XksProxyCredential credential = XksProxyCredential.generate();
      proxy =
          LocalXksProxy.builder()
              .hostnames(ProxyFixture.HOST)
              .region(ProxyFixture.REGION)
              .store(
                  ProxyKeyStore.builder(ProxyFixture.PATH_A, source)
                      .credential(credential)
                      .healthMaxAge(healthMaxAge)
                      .build())
              .start();
      client = ProxyFixture.client(proxy, ProxyFixture.PATH_A, credential);
    }

    @Override
    public void close() {
      client.close();
      proxy.close();
    }
  }
}
