package dev.cks.cli;

import dev.cks.CustomKeyStoreDescription;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalKmsEndpoint;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import dev.cks.spi.DescribeRequest;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the commands that call KMS are tested against: a {@link LocalXksProxy} over TLS serving one
 * path with one credential, and a KMS-compatible endpoint over a {@link LocalKms} that trusts the
 * proxy and reaches its host name on loopback. It starts when a test instance is made, gives the
 * AWS SDK's default chain credentials (any will do), and stops after each test:
 *
 * <pre>{@code
 * @RegisterExtension final KmsFixture fixture = new KmsFixture(Duration.ZERO);
 * }</pre>
 */
final class KmsFixture implements AfterEachCallback {

  static final String HOST = "commands.xks.example.test";
  static final String PATH = "/commands/kms/xks/v1";

  final XksProxyCredential credential = XksProxyCredential.generate();
  final ProxyKeyStore proxyStore;
  final LocalXksProxy proxy;
  final LocalKms kms;
  final LocalKmsEndpoint endpoint;

  KmsFixture(Duration connectDelay) {
    System.setProperty("aws.accessKeyId", "AKIDCOMMANDTESTS");
    System.setProperty("aws.secretAccessKey", "command-tests-secret");
    proxyStore =
        ProxyKeyStore.builder(
                PATH,
                InMemoryKeySource.create()
                    .addKey("k1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
            .credential(credential)
            .build();
    proxy = LocalXksProxy.builder().hostnames(HOST).store(proxyStore).start();
    kms =
        LocalKms.builder()
            .region(proxy.region())
            .trustPem(proxy.certificatePem().orElseThrow())
            .resolve(HOST, proxy.address())
            .proxyTimeout(Duration.ofSeconds(5))
            .connectDelay(connectDelay)
            .build();
    endpoint = LocalKmsEndpoint.builder(kms).start();
  }

  /** Creates an external key store on the proxy's path with the given credential. */
  String createStore(String name, XksProxyCredential kmsCredential) {
    return createStore(name, PATH, kmsCredential);
  }

  /** Creates an external key store on a path of the proxy with the given credential. */
  String createStore(String name, String uriPath, XksProxyCredential kmsCredential) {
    return kms.createCustomKeyStore(
        ExternalKeyStoreSpec.builder()
            .name(name)
            .proxyUriEndpoint("https://" + HOST)
            .connectivity(XksProxyConnectivity.publicEndpoint())
            .proxyUriPath(uriPath)
            .proxyCredential(kmsCredential)
            .build());
  }

  CustomKeyStoreDescription describe(String id) {
    return kms.describeCustomKeyStores(DescribeRequest.byId(id)).stores().get(0);
  }

  /** The options that point a command at the endpoint. */
  String[] endpointOptions() {
    return new String[] {"--endpoint-url", endpoint.url().toString(), "--region", proxy.region()};
  }

  @Override
  public void afterEach(ExtensionContext context) {
    endpoint.close();
    kms.close();
    proxy.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
