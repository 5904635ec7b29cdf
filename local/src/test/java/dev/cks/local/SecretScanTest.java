package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.SoftHsm;
import dev.cks.cloudhsm.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs both kinds of key store through their whole life, then scans the database, every other file
 * of the data directory and all log output of the test run for every secret the run used: none may
 * appear, in plaintext, base64 or hex.
 */
class SecretScanTest {

  @TempDir Path dir;

  @Test
  void noSecretReachesTheDatabaseOrTheLogs() throws IOException {
    List<byte[]> secrets = new ArrayList<>();
    XksProxyCredential first = XksProxyCredential.generate();
    XksProxyCredential second = XksProxyCredential.generate();
    secrets.add(first.rawSecretAccessKey().revealBytes());
    secrets.add(second.rawSecretAccessKey().revealBytes());
    String password = SoftHsm.PASSWORD;
    String nextPassword = "Rotated2Pswd7";
    secrets.add(password.getBytes(StandardCharsets.UTF_8));
    secrets.add(nextPassword.getBytes(StandardCharsets.UTF_8));

    InMemoryKeySource keys =
        InMemoryKeySource.create()
            .addKey("scan-key", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
    String token = SoftHsm.newToken();
    try (LocalXksProxy proxy =
            LocalXksProxy.builder()
                .hostnames("scan.example.test")
                .store(
                    ProxyKeyStore.builder("/scan/kms/xks/v1", keys)
                        .credential(first)
                        .credential(second)
                        .build())
                .start();
        LocalKms kms =
            LocalKms.builder()
                .dataDirectory(dir)
                .region(proxy.region())
                .trustPem(proxy.certificatePem().orElseThrow())
                .resolve("scan.example.test", new InetSocketAddress("127.0.0.1", proxy.port()))
                .proxyTimeout(java.time.Duration.ofSeconds(5))
                .hsmCluster(cluster(token))
                .build()) {
      // An external key store: create, connect, a key, data, a rotation, a data key.
      String xks =
          kms.createCustomKeyStore(
              ExternalKeyStoreSpec.builder()
                  .name("scan-xks")
                  .proxyUriEndpoint("https://scan.example.test")
                  .connectivity(XksProxyConnectivity.publicEndpoint())
                  .proxyUriPath("/scan/kms/xks/v1")
                  .proxyCredential(
                      XksProxyCredential.of(first.accessKeyId(), first.rawSecretAccessKey()))
                  .build());
      kms.connectCustomKeyStore(xks);
      KmsKey xksKey = kms.createKey(CreateKeyRequest.inExternalStore(xks, "scan-key"));
      byte[] plaintext = "scan-plaintext-5b8f1e".getBytes(StandardCharsets.UTF_8);
      secrets.add(plaintext);
      byte[] blob = kms.encrypt(xksKey.keyId(), plaintext, Map.of());
      kms.decrypt(blob, Map.of(), Optional.empty());
      DataKey dataKey = kms.generateDataKey(xksKey.keyId(), 32, Map.of());
      secrets.add(dataKey.plaintext().revealBytes());
      kms.updateCustomKeyStore(
          ExternalKeyStoreUpdate.builder()
              .customKeyStoreId(xks)
              .proxyCredential(
                  XksProxyCredential.of(second.accessKeyId(), second.rawSecretAccessKey()))
              .build());

      // A CloudHSM key store: create, connect, a key, data, a password change.
      String hsm =
          kms.createCustomKeyStore(
              CloudHsmKeyStoreSpec.builder()
                  .name("scan-hsm")
                  .cloudHsmClusterId("cluster-scanabcdefgh")
                  .trustAnchorCertificate(TestCertificates.INSTANCE.customerCa)
                  .keyStorePassword(Secret.of(password))
                  .build());
      kms.connectCustomKeyStore(hsm);
      KmsKey hsmKey = kms.createKey(CreateKeyRequest.inCloudHsmStore(hsm));
      kms.decrypt(kms.encrypt(hsmKey.keyId(), plaintext, Map.of()), Map.of(), Optional.empty());
      kms.disconnectCustomKeyStore(hsm);
      kms.updateCustomKeyStore(
          CloudHsmKeyStoreUpdate.builder()
              .customKeyStoreId(hsm)
              .keyStorePassword(Secret.of(nextPassword))
              .build());
    }

    List<Path> scanned = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(file -> !file.endsWith(Database.MASTER_KEY_FILE_NAME)).forEach(scanned::add);
    }
    Path log = Path.of("target", "test-log.txt");
    assertThat(log).exists();
    scanned.add(log);
    assertThat(scanned).hasSizeGreaterThanOrEqualTo(2);
    for (Path file : scanned) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (byte[] secret : secrets) {
        assertThat(content)
            .as("%s must not hold a secret", file)
            .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1))
            .doesNotContain(Base64.getEncoder().encodeToString(secret))
            .doesNotContain(HexFormat.of().formatHex(secret));
      }
    }
  }

  private static ClusterDescriptor cluster(String token) {
    return ClusterDescriptor.parse(
        "{\"clusterId\":\"cluster-scanabcdefgh\",\"pkcs11\":{\"module\":\""
            + SoftHsm.library()
            + "\",\"tokenLabel\":\""
            + token
            + "\"},\"clusterCertificate\":\""
            + TestCertificates.INSTANCE.clusterCertificate.replace("\n", "\\n")
            + "\"}");
  }
}
