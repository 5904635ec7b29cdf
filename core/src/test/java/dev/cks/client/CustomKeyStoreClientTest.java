package dev.cks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.diagnosis.Category;
import dev.cks.errors.CustomKeyStoreNameInUseException;
import dev.cks.errors.CustomKeyStoreNotFoundException;
import dev.cks.errors.KMSInternalException;
import dev.cks.errors.ThrottlingException;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import dev.cks.spi.KmsBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CustomKeyStoreClientTest {

  private final FakeClock clock = new FakeClock();
  private final List<Duration> sleeps = new ArrayList<>();
  private final FakeBackend backend = new FakeBackend();

  private CustomKeyStoreClient client() {
    return CustomKeyStoreClient.builder()
        .backend(backend)
        .clock(clock)
        .sleeper(
            duration -> {
              sleeps.add(duration);
              clock.now = clock.now.plus(duration);
            })
        .build();
  }

  private static ExternalKeyStoreSpec spec() {
    return ExternalKeyStoreSpec.builder()
        .name("Example")
        .proxyUriEndpoint("https://proxy.example.com")
        .connectivity(XksProxyConnectivity.publicEndpoint())
        .proxyUriPath("/kms/xks/v1")
        .proxyCredential(
            XksProxyCredential.of(
                "BCDEFGHIJKLMNOPQRSTU", Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=")))
        .build();
  }

  private static CustomKeyStoreDescription store(String id, String state, String errorCode) {
    return CustomKeyStoreDescription.builder()
        .customKeyStoreId(id)
        .customKeyStoreName("name-" + id)
        .customKeyStoreTypeAsString("EXTERNAL_KEY_STORE")
        .connectionStateAsString(state)
        .creationDate(Instant.EPOCH)
        .connectionErrorCodeAsString(Optional.ofNullable(errorCode))
        .build();
  }

  @Test
  void create_afterThrottling_retriesWithCappedJitteredDelays() {
    backend.creates.add(
        () -> {
          throw new ThrottlingException("slow down");
        });
    backend.creates.add(
        () -> {
          throw new KMSInternalException("oops");
        });
    backend.creates.add(() -> "cks-1");

    assertThat(client().create(spec())).isEqualTo("cks-1");

    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
  }

  @Test
  void create_withAnErrorThatIsNotTransient_failsAtOnce() {
    backend.creates.add(
        () -> {
          throw new CustomKeyStoreNameInUseException("taken");
        });

    assertThatThrownBy(() -> client().create(spec()))
        .isInstanceOf(CustomKeyStoreNameInUseException.class);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void create_whenThrottledEveryTime_givesUpAfterTheLastAttempt() {
    for (int i = 0; i < 5; i++) {
      backend.creates.add(
          () -> {
            throw new ThrottlingException("slow down");
          });
    }

    assertThatThrownBy(() -> client().create(spec())).isInstanceOf(ThrottlingException.class);
    assertThat(sleeps).hasSize(4);
    assertThat(backend.creates).isEmpty();
  }

  @Test
  void awaitConnected_pollsWithGrowingDelaysUntilConnected() {
    backend.states.add(store("cks-1", "CONNECTING", null));
    backend.states.add(store("cks-1", "CONNECTING", null));
    backend.states.add(store("cks-1", "CONNECTED", null));
    List<String> polls = new ArrayList<>();

    ConnectionResult result =
        client()
            .awaitConnected(
                "cks-1",
                Duration.ofMinutes(5),
                (store, poll, elapsed) -> polls.add(poll + ":" + store.connectionStateAsString()));

    assertThat(result.connected()).isTrue();
    assertThat(result.diagnosis()).isEmpty();
    assertThat(polls).containsExactly("1:CONNECTING", "2:CONNECTING", "3:CONNECTED");
    assertThat(sleeps.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(result.waited()).isEqualTo(sleeps.get(0).plus(sleeps.get(1)));
  }

  @Test
  void awaitConnected_whenFailed_returnsTheDiagnosis() {
    backend.states.add(store("cks-1", "FAILED", "XKS_PROXY_TIMED_OUT"));

    ConnectionResult result = client().awaitConnected("cks-1", Duration.ofMinutes(5));

    assertThat(result.connected()).isFalse();
    assertThat(result.diagnosis().orElseThrow().problem()).isEqualTo("XKS_PROXY_TIMED_OUT");
    assertThat(result.diagnosis().orElseThrow().category()).isEqualTo(Category.NETWORK);
    assertThat(result.diagnosis().orElseThrow().disconnectFirst()).isTrue();
  }

  @Test
  void awaitConnected_neverConnecting_timesOutWithTheLastState() {
    for (int i = 0; i < 100; i++) {
      backend.states.add(store("cks-1", "CONNECTING", null));
    }

    assertThatThrownBy(() -> client().awaitConnected("cks-1", Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(
            WaitTimeoutException.class,
            e -> assertThat(e.lastSeen().connectionState()).isEqualTo(ConnectionState.CONNECTING))
        .hasMessage(
            "custom key store cks-1 did not reach [CONNECTED, FAILED] within PT10S; it is"
                + " CONNECTING");
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void stores_fetchesPagesOnlyAsTheyAreRead() {
    for (int i = 0; i < 25; i++) {
      backend.all.add(store("cks-" + i, "DISCONNECTED", null));
    }
    CustomKeyStoreClient client = client();

    assertThat(client.stores().limit(5).toList()).hasSize(5);
    assertThat(backend.pagesServed).isEqualTo(1);
    assertThat(client.stores().map(CustomKeyStoreDescription::customKeyStoreId).toList())
        .hasSize(25)
        .startsWith("cks-0", "cks-1")
        .endsWith("cks-24");
    assertThat(backend.pagesServed).isEqualTo(4);
  }

  @Test
  void describeByName_ofNoStore_isEmpty() {
    assertThat(client().describeByName("nobody")).isEmpty();
  }

  @Test
  void builder_withoutBackend_failsSayingSo() {
    assertThatThrownBy(() -> CustomKeyStoreClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a backend is required: call backend(...), aws() or aws(kmsClient) first");
  }

  @Test
  void retryPolicy_rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delays must satisfy 0 <= baseDelay <= maxDelay, were PT2S and PT1S");
  }

  /** A backend that answers from scripts. */
  private static final class FakeBackend implements KmsBackend {
    final Deque<Supplier<String>> creates = new ArrayDeque<>();
    final Deque<CustomKeyStoreDescription> states = new ArrayDeque<>();
    final List<CustomKeyStoreDescription> all = new ArrayList<>();
    int pagesServed;

    @Override
    public String createCustomKeyStore(CustomKeyStoreSpec spec) {
      return creates.removeFirst().get();
    }

    @Override
    public void connectCustomKeyStore(String customKeyStoreId) {}

    @Override
    public void disconnectCustomKeyStore(String customKeyStoreId) {}

    @Override
    public DescribePage describeCustomKeyStores(DescribeRequest request) {
      if (request.customKeyStoreName().isPresent()) {
        throw new CustomKeyStoreNotFoundException("none");
      }
      if (request.customKeyStoreId().isPresent()) {
        return new DescribePage(List.of(states.removeFirst()), Optional.empty());
      }
      pagesServed++;
      int from = request.marker().map(Integer::parseInt).orElse(0);
      int to = Math.min(from + 10, all.size());
      return new DescribePage(
          all.subList(from, to),
          to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public void updateCustomKeyStore(CustomKeyStoreUpdate update) {}

    @Override
    public void deleteCustomKeyStore(String customKeyStoreId) {}
  }

  /** A clock the fake sleeper moves. */
  private static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
