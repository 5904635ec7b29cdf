package dev.cks.cli;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.cloudhsm.SoftHsm2;
import dev.cks.local.CreateKeyRequest;
import dev.cks.local.Decrypted;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.KmsKey;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.ProxyKeyStore;
import dev.cks.local.SoftHsmCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cks demo}: a tour of cks on the embedded default, with no set-up and no AWS account. An
 * external key store over a local XKS proxy, then, where SoftHSM2 is installed, a CloudHSM key
 * store over a SoftHSM2 token.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "A tour of cks on the embedded default: an XKS proxy with keys, an external key store"
          + " created, connected and used, its credential rotated, a failure diagnosed; then a"
          + " CloudHSM key store on a SoftHSM2 token when SoftHSM2 is installed.",
      "Everything runs in this process and a temporary directory, and is removed at the end."
    })
final class DemoCommand implements Callable<Integer> {

  private static final String HOST = "xks.demo.example";
  private static final String PATH = "/demo/kms/xks/v1";
  private static final String HSM_PASSWORD = "demoPswd1";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cloudhsm-part", hidden = true, description = "Runs only the CloudHSM part.")
  boolean cloudHsmPart;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    if (cloudHsmPart) {
      cloudHsm();
      return 0;
    }
    external();
    cloudHsmIfInstalled();
    out.println();
    out.println("Done. Everything made here is gone again.");
    out.println(
        "Next: 'cks serve' gives the AWS CLI and SDKs a KMS on your machine, 'cks xks-proxy' a"
            + " proxy, 'cks check-proxy' checks yours; 'cks --help' lists the rest.");
    out.flush();
    return 0;
  }

  private void external() throws IOException {
    heading("An external key store (XKS), on an embedded KMS and a local XKS proxy");
    XksProxyCredential credential = XksProxyCredential.generate();
    InMemoryKeySource keys =
        InMemoryKeySource.create()
            .addKey("demo-key", EnumSet.of(KeyUsage.ENCRYPT, KeyUsage.DECRYPT));
    Path work = Files.createTempDirectory("cks-demo");
    try (LocalXksProxy proxy =
            LocalXksProxy.builder()
                .hostnames(HOST)
                .store(ProxyKeyStore.builder(PATH, keys).credential(credential).build())
                .start();
        LocalKms kms =
            LocalKms.builder()
                .dataDirectory(work.resolve("kms"))
                .region(proxy.region())
                .trustPem(proxy.certificatePem().orElseThrow())
                .resolve(HOST, proxy.address())
                .proxyTimeout(Duration.ofSeconds(5))
                .connectDelay(Duration.ofMillis(700))
                .build();
        CustomKeyStoreClient client =
            CustomKeyStoreClient.builder()
                .backend(kms)
                .pollDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .build()) {
      step("XKS proxy listening on " + proxy.url() + " with key demo-key");

      ExternalKeyStoreSpec spec =
          ExternalKeyStoreSpec.builder()
              .name("DemoExternalKeyStore")
              .proxyUriEndpoint("https://" + HOST)
              .connectivity(XksProxyConnectivity.publicEndpoint())
              .proxyUriPath(PATH)
              .proxyCredential(credential)
              .build();
      String id = client.create(spec);
      step("created " + id + ", checked against the proxy as KMS does; it starts DISCONNECTED");
      client.connect(id);
      ConnectionResult connected =
          client.awaitConnected(
              id,
              Duration.ofSeconds(30),
              (store, poll, elapsed) ->
                  detail("poll " + poll + ": " + store.connectionStateAsString()));
      step("connected after " + connected.waited().toMillis() + " ms");

      KmsKey key = kms.createKey(CreateKeyRequest.inExternalStore(id, "demo-key"));
      step("KMS key " + key.keyId() + " backed by external key demo-key");
      byte[] data = "Hello from cks".getBytes(StandardCharsets.UTF_8);
      byte[] blob = kms.encrypt(key.keyId(), data, Map.of("purpose", "demo"));
      detail(
          "encrypted 14 bytes into a "
              + blob.length
              + "-byte blob: KMS-side AES-GCM, then the external key through the proxy");
      Decrypted back = kms.decrypt(blob, Map.of("purpose", "demo"), Optional.empty());
      step(
          "decrypted: \""
              + new String(back.plaintext().revealBytes(), StandardCharsets.UTF_8)
              + "\"");

      XksProxyCredential next = XksProxyCredential.generate();
      proxy.store(PATH).orElseThrow().addCredential(next);
      client.update(
          ExternalKeyStoreUpdate.builder().customKeyStoreId(id).proxyCredential(next).build());
      proxy.store(PATH).orElseThrow().removeCredential(credential.accessKeyId());
      step("credential rotated while connected: the proxy took the new one first, then KMS");
      detail(
          "the old one is gone; data still decrypts: "
              + (kms.decrypt(blob, Map.of("purpose", "demo"), Optional.empty())
                  .plaintext()
                  .equals(back.plaintext())));

      heading("A failure, diagnosed");
      client.disconnect(id);
      awaitDisconnected(client, id);
      proxy.store(PATH).orElseThrow().removeCredential(next.accessKeyId());
      proxy.store(PATH).orElseThrow().addCredential(XksProxyCredential.generate());
      step("the proxy forgot the store's credential; connecting again...");
      client.connect(id);
      ConnectionResult failed = client.awaitConnected(id, Duration.ofSeconds(30));
      step("the store is " + failed.store().connectionStateAsString() + ":");
      failed.diagnosis().orElseThrow().toText().lines().forEach(this::detail);

      heading("Cleaning up");
      client.disconnect(id);
      awaitDisconnected(client, id);
      kms.scheduleKeyDeletion(key.keyId(), 7);
      detail("key scheduled for deletion; the store can go once the waiting period has passed");
    } finally {
      deleteTree(work);
    }
  }

  private void cloudHsmIfInstalled() throws Exception {
    heading("A CloudHSM key store, on a SoftHSM2 token");
    if (SoftHsm2.library().isEmpty()) {
      step(
          "skipped: SoftHSM2 is not installed. Install it with 'apt-get install -y softhsm2' and"
              + " run the demo again to see this part.");
      return;
    }
    // SoftHSM2 reads its configuration once per process, so this part runs in a JVM of its own.
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CksCommand.class.getName(),
                "demo",
                "--cloudhsm-part")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    out.print(output);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the CloudHSM part of the demo failed");
    }
  }

  private void cloudHsm() throws Exception {
    Secret password = Secret.of(HSM_PASSWORD);
    SoftHsmCluster cluster = SoftHsmCluster.start("cluster-demoabcdefgh", "kmsuser", password);
    step("made a SoftHSM2 token for cluster-demoabcdefgh, with crypto user kmsuser");
    try (LocalKms kms = LocalKms.builder().hsmCluster(cluster.descriptor()).build();
        CustomKeyStoreClient client = CustomKeyStoreClient.builder().backend(kms).build()) {
      String id =
          client.create(
              CloudHsmKeyStoreSpec.builder()
                  .name("DemoCloudHsmKeyStore")
                  .cloudHsmClusterId("cluster-demoabcdefgh")
                  .trustAnchorCertificate(cluster.trustAnchorPem())
                  .keyStorePassword(password)
                  .build());
      step("created " + id + ": cluster found, trust anchor verified, 2 HSMs in 2 zones");
      client.connect(id);
      step("connected: logged in to the token as kmsuser");
      KmsKey key = kms.createKey(CreateKeyRequest.inCloudHsmStore(id));
      step("KMS key " + key.keyId() + ", an AES-256 key made inside the token");
      byte[] blob =
          kms.encrypt(key.keyId(), "Hello from an HSM".getBytes(StandardCharsets.UTF_8), Map.of());
      Decrypted back = kms.decrypt(blob, Map.of(), Optional.empty());
      step(
          "encrypted and decrypted in the token: \""
              + new String(back.plaintext().revealBytes(), StandardCharsets.UTF_8)
              + "\" (blob "
              + HexFormat.of().formatHex(blob, 0, 8)
              + "...)");
      client.disconnect(id);
      step("disconnected: logged out of the token");
    }
    out.flush();
  }

  private void awaitDisconnected(CustomKeyStoreClient client, String id) {
    client.awaitState(
        id,
        java.util.Set.of(dev.cks.ConnectionState.DISCONNECTED),
        Duration.ofSeconds(30),
        (store, poll, elapsed) -> {});
  }

  private void heading(String text) {
    out.println();
    out.println("== " + text);
    out.flush();
  }

  private void step(String text) {
    out.println("  * " + text);
    out.flush();
  }

  private void detail(String text) {
    out.println("      " + text);
    out.flush();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
