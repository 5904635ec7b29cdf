package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cks.XksProxyCredential;
import dev.cks.signer.CredentialLookup;
import dev.cks.signer.SigV4Credentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreInvalidStateException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNameInUseException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.XksKeyNotFoundException;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyIncorrectAuthenticationCredentialException;

/** The AWS SDK's own {@code KmsClient} against {@link LocalKmsEndpoint} over {@link LocalKms}. */
class LocalKmsEndpointTest {

  private static final String HOST = "xks.example.test";
  private static final String PATH = "/kms/xks/v1";

  private final XksProxyCredential proxyCredential = XksProxyCredential.generate();
  private LocalXksProxy proxy;
  private LocalKms kms;
  private LocalKmsEndpoint endpoint;
  private final List<KmsClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    proxy =
        LocalXksProxy.builder()
            .hostnames(HOST)
            .region("us-east-1")
            .store(
                ProxyKeyStore.builder(
                        PATH,
                        InMemoryKeySource.create()
                            .addKey("key-1", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT)))
                    .credential(proxyCredential)
                    .build())
            .start();
    kms =
        LocalKms.builder()
            .storeQuota(30)
            .trustPem(proxy.certificatePem().orElseThrow())
            .resolve(HOST, new InetSocketAddress("127.0.0.1", proxy.port()))
            .proxyTimeout(Duration.ofSeconds(5))
            .build();
    endpoint = LocalKmsEndpoint.builder(kms).start();
  }

  @AfterEach
  void stop() {
    clients.forEach(KmsClient::close);
    endpoint.close();
    kms.close();
    proxy.close();
  }

  private KmsClient client(String accessKeyId, String secret) {
    KmsClient client =
        KmsClient.builder()
            .endpointOverride(endpoint.url())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    clients.add(client);
    return client;
  }

  private KmsClient client() {
    return client("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  }

  private String createStore(KmsClient client, String name, String path) {
    return client
        .createCustomKeyStore(
            r ->
                r.customKeyStoreName(name)
                    .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                    .xksProxyUriEndpoint("https://" + HOST)
                    .xksProxyUriPath(path)
                    .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                    .xksProxyAuthenticationCredential(
                        c ->
                            c.accessKeyId(proxyCredential.accessKeyId())
                                .rawSecretAccessKey(proxyCredential.rawSecretAccessKey().reveal())))
        .customKeyStoreId();
  }

  @Test
  void wholeLifecycle_throughTheSdk() {
    KmsClient client = client();
    String id = createStore(client, "sdk-store", PATH);

    client.connectCustomKeyStore(r -> r.customKeyStoreId(id));
    CustomKeyStoresListEntry store =
        client.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores().get(0);
    assertThat(store.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    assertThat(store.xksProxyConfiguration().uriPath()).isEqualTo(PATH);
    assertThat(store.creationDate()).isNotNull();

    KeyMetadata key =
        client
            .createKey(
                r -> r.origin(OriginType.EXTERNAL_KEY_STORE).customKeyStoreId(id).xksKeyId("key-1"))
            .keyMetadata();
    assertThat(key.xksKeyConfiguration().id()).isEqualTo("key-1");
    byte[] blob =
        client
            .encrypt(
                r ->
                    r.keyId(key.keyId())
                        .plaintext(SdkBytes.fromUtf8String("hello"))
                        .encryptionContext(Map.of("app", "sdk")))
            .ciphertextBlob()
            .asByteArray();
    DecryptResponse decrypted =
        client.decrypt(
            r ->
                r.ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(Map.of("app", "sdk")));
    assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("hello");
    assertThat(decrypted.keyId()).isEqualTo(key.arn());

    client.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
    client.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
    assertThatThrownBy(() -> client.deleteCustomKeyStore(r -> r.customKeyStoreId(id)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("CustomKeyStoreHasCMKsException"));
  }

  @Test
  void modeledErrors_arriveAsTheSdksOwnExceptionTypes() {
    KmsClient client = client();
    String id = createStore(client, "taken", PATH);

    assertThatThrownBy(() -> createStore(client, "taken", "/other/kms/xks/v1"))
        .isInstanceOf(CustomKeyStoreNameInUseException.class)
        .satisfies(e -> assertThat(((KmsException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(
            () -> client.connectCustomKeyStore(r -> r.customKeyStoreId("cks-00000000000000000")))
        .isInstanceOf(CustomKeyStoreNotFoundException.class);
    assertThatThrownBy(() -> client.disconnectCustomKeyStore(r -> r.customKeyStoreId(id)))
        .isInstanceOf(CustomKeyStoreInvalidStateException.class);
    assertThatThrownBy(() -> client.describeCustomKeyStores(r -> r.marker("forged")))
        .isInstanceOf(InvalidMarkerException.class);
    client.connectCustomKeyStore(r -> r.customKeyStoreId(id));
    assertThatThrownBy(
            () ->
                client.createKey(
                    r ->
                        r.origin(OriginType.EXTERNAL_KEY_STORE)
                            .customKeyStoreId(id)
                            .xksKeyId("missing")))
        .isInstanceOf(XksKeyNotFoundException.class);
  }

  @Test
  void createStore_withAWrongProxySecret_failsWithTheSdksCredentialException() {
    KmsClient client = client();
    proxy.store(PATH).orElseThrow().removeCredential(proxyCredential.accessKeyId());
    proxy.store(PATH).orElseThrow().addCredential(XksProxyCredential.generate());

    assertThatThrownBy(() -> createStore(client, "wrong", PATH))
        .isInstanceOf(XksProxyIncorrectAuthenticationCredentialException.class);
  }

  @Test
  void describe_pagesThroughTheSdksPaginator() {
    KmsClient client = client();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String path = "/p" + i + "/kms/xks/v1";
      proxy.addStore(
          ProxyKeyStore.builder(path, InMemoryKeySource.create())
              .credential(proxyCredential)
              .build());
      ids.add(createStore(client, "store-" + i, path));
    }

    List<String> seen =
        client.describeCustomKeyStoresPaginator(r -> r.limit(5)).customKeyStores().stream()
            .map(CustomKeyStoresListEntry::customKeyStoreId)
            .toList();

    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void withCredentialsChecked_aWrongSecretIsRefused() {
    endpoint.close();
    endpoint =
        LocalKmsEndpoint.builder(kms)
            .credentials(
                "us-east-1",
                CredentialLookup.of(
                    SigV4Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
            .start();

    assertThat(client().describeCustomKeyStores().customKeyStores()).isEmpty();
    assertThatThrownBy(() -> client("AKIDEXAMPLE", "not-the-secret").describeCustomKeyStores())
        .isInstanceOfSatisfying(
            KmsException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
  }
}
