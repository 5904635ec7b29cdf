package dev.cks.benchmarks;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.TestCertificates;
import dev.cks.local.CreateKeyRequest;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import dev.cks.spi.DescribePage;
import dev.cks.spi.DescribeRequest;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code LocalKms} at work: Encrypt and Decrypt of 1 KiB through an external key store (LocalKms to
 * a {@code LocalXksProxy} over loopback HTTPS, both in this JVM) and through a CloudHSM key store
 * (a SoftHSM2 token), and DescribeCustomKeyStores over every store, page by page, as the number of
 * stores grows.
 *
 * <p>The CloudHSM benchmarks make a SoftHSM2 token, so {@code SOFTHSM2_CONF} must name a
 * configuration whose token directory they may use (see {@link Pkcs11Benchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LocalKmsBenchmark {

  private static final String HOST = "bench.xks.example";
  private static final String PASSWORD = "kmsPswd1";

  /** A connected store of each kind, with one key each, and 1 KiB of plaintext. */
  @State(Scope.Benchmark)
  public static class Keys {
    LocalXksProxy proxy;
    LocalKms kms;
    String xksKey;
    String hsmKey;
    byte[] plaintext = new byte[1024];
    byte[] xksBlob;
    byte[] hsmBlob;

    /** Starts the proxy and LocalKms, and makes the stores and keys. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
      new SecureRandom().nextBytes(plaintext);
      XksProxyCredential credential = XksProxyCredential.generate();
      proxy =
          LocalXksProxy.builder()
              .hostnames(HOST)
              .region("us-east-1")
              .store(
                  ProxyKeyStore.builder(
                          "/bench/kms/xks/v1",
                          InMemoryKeySource.create()
                              .addKey("bench", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
                      .credential(credential)
                      .build())
              .start();
      String token = SoftHsmTokens.create(PASSWORD)[0];
      kms =
          LocalKms.builder()
              .trustPem(proxy.certificatePem().orElseThrow())
              .resolve(HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
              // A freshly started JVM may need more than KMS's 250 ms for its first handshake.
              .proxyTimeout(Duration.ofSeconds(5))
              .hsmCluster(
                  ClusterDescriptor.parse(
                      "{\"clusterId\":\"cluster-benchabcdefg\",\"pkcs11\":{\"module\":\""
                          + System.getProperty(
                              "cks.pkcs11.module", "/usr/lib/softhsm/libsofthsm2.so")
                          + "\",\"tokenLabel\":\""
                          + token
                          + "\"},\"clusterCertificate\":\""
                          + TestCertificates.INSTANCE.clusterCertificate.replace("\n", "\\n")
                          + "\"}"))
              .build();

      String xks =
          kms.createCustomKeyStore(
              ExternalKeyStoreSpec.builder()
                  .name("bench-xks")
                  .proxyUriEndpoint("https://" + HOST)
                  .connectivity(XksProxyConnectivity.publicEndpoint())
                  .proxyUriPath("/bench/kms/xks/v1")
                  .proxyCredential(
                      XksProxyCredential.of(
                          credential.accessKeyId(), credential.rawSecretAccessKey()))
                  .build());
      kms.connectCustomKeyStore(xks);
      xksKey = kms.createKey(CreateKeyRequest.inExternalStore(xks, "bench")).keyId();

      String hsm =
          kms.createCustomKeyStore(
              CloudHsmKeyStoreSpec.builder()
                  .name("bench-hsm")
                  .cloudHsmClusterId("cluster-benchabcdefg")
                  .trustAnchorCertificate(TestCertificates.INSTANCE.customerCa)
                  .keyStorePassword(Secret.of(PASSWORD))
                  .build());
      kms.connectCustomKeyStore(hsm);
      hsmKey = kms.createKey(CreateKeyRequest.inCloudHsmStore(hsm)).keyId();

      xksBlob = kms.encrypt(xksKey, plaintext, Map.of("bench", "1"));
      hsmBlob = kms.encrypt(hsmKey, plaintext, Map.of("bench", "1"));
    }

    /** Stops LocalKms and the proxy. */
    @TearDown(Level.Trial)
    public void tearDown() {
      kms.close();
      proxy.close();
    }
  }

  /** {@code storeCount} external key stores behind VPC endpoint services. */
  @State(Scope.Benchmark)
  public static class Stores {
    @Param({"100", "1000", "10000"})
    public int storeCount;

    LocalKms kms;

    /** Declares the services and creates the stores. */
    @Setup(Level.Trial)
    public void setUp() {
      LocalKms.Builder builder = LocalKms.builder().storeQuota(storeCount);
      for (int i = 0; i < storeCount; i++) {
        builder.vpcEndpointService(
            service(i), "111122223333", new InetSocketAddress("127.0.0.1", 9));
      }
      kms = builder.build();
      XksProxyCredential credential =
          XksProxyCredential.of(
              "BCDEFGHIJKLMNOPQRSTU", Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo="));
      for (int i = 0; i < storeCount; i++) {
        kms.createCustomKeyStore(
            ExternalKeyStoreSpec.builder()
                .name("store-" + i)
                .proxyUriEndpoint("https://store-" + i + ".bench.example")
                .connectivity(XksProxyConnectivity.vpcEndpointService(service(i)))
                .proxyUriPath("/kms/xks/v1")
                .proxyCredential(credential)
                .build());
      }
    }

    private static String service(int i) {
      return "com.amazonaws.vpce.us-east-1.vpce-svc-" + String.format("%017x", i);
    }

    /** Closes LocalKms. */
    @TearDown(Level.Trial)
    public void tearDown() {
      kms.close();
    }
  }

  /** Encrypt through the external key store: KMS-side AES-GCM, then the proxy over HTTPS. */
  @Benchmark
  public byte[] encryptExternal(Keys keys) {
    return keys.kms.encrypt(keys.xksKey, keys.plaintext, Map.of("bench", "1"));
  }

  /** Decrypt through the external key store. */
  @Benchmark
  public Object decryptExternal(Keys keys) {
    return keys.kms.decrypt(keys.xksBlob, Map.of("bench", "1"), Optional.empty());
  }

  /** Encrypt in the CloudHSM key store's token. */
  @Benchmark
  public byte[] encryptCloudHsm(Keys keys) {
    return keys.kms.encrypt(keys.hsmKey, keys.plaintext, Map.of("bench", "1"));
  }

  /** Decrypt in the CloudHSM key store's token. */
  @Benchmark
  public Object decryptCloudHsm(Keys keys) {
    return keys.kms.decrypt(keys.hsmBlob, Map.of("bench", "1"), Optional.empty());
  }

  /**
   * Describes every store, 1000 per page; divide the score by {@code storeCount} for the cost per
   * store.
   */
  @Benchmark
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 3)
  public int describeAllStores(Stores stores) {
    int seen = 0;
    DescribeRequest request = DescribeRequest.all().withLimit(1000);
    while (true) {
      DescribePage page = stores.kms.describeCustomKeyStores(request);
      seen += page.stores().size();
      if (!page.truncated()) {
        return seen;
      }
      request = request.withMarker(page.nextMarker().orElseThrow());
    }
  }
}
