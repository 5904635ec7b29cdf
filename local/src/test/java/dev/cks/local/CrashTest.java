package dev.cks.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.XksProxyConnectivity;
import dev.cks.XksProxyCredential;
import dev.cks.local.Database.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is creating key stores with SIGKILL at random moments, then checks that
 * every store the child saw acknowledged is present and that SQLite finds the file sound.
 */
class CrashTest {

  @TempDir Path dir;

  @Test
  void killedWriter_losesNoAcknowledgedStoreAndLeavesASoundFile() throws Exception {
    Random random = new Random();
    Set<String> acknowledged = new LinkedHashSet<>();

    for (int round = 0; round < 6; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Writer.class.getName(),
                  dir.toString(),
                  "round" + round)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      int killAfter = 1 + random.nextInt(120);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        String line;
        while ((line = out.readLine()) != null) {
          acknowledged.add(line);
          if (--killAfter <= 0) {
            break;
          }
        }
        // A random pause lets the kill land anywhere in the next write.
        TimeUnit.MICROSECONDS.sleep(random.nextInt(3000));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      try (Database db = Database.open(dir)) {
        assertThat(db.integrityCheck()).isEqualTo("ok");
        for (String id : acknowledged) {
          Optional<Database.Row> row = db.read(tx -> tx.find(Table.STORES, id));
          assertThat(row).as(id).isPresent();
        }
      }
    }
    assertThat(acknowledged).hasSizeGreaterThan(6);
  }

  /**
   * The child: creates external key stores through {@link LocalKms} until killed, printing each id
   * once its create returned. Its proxies always answer healthy.
   */
  public static final class Writer {
    public static void main(String[] args) {
      try (LocalKms kms =
          LocalKms.builder()
              .dataDirectory(Path.of(args[0]))
              .storeQuota(100_000)
              .proxyProbe(target -> Optional.empty())
              .build()) {
        for (int i = 0; ; i++) {
          String name = args[1] + "-" + i;
          String id =
              kms.createCustomKeyStore(
                  ExternalKeyStoreSpec.builder()
                      .name(name)
                      .proxyUriEndpoint("https://proxy.example.com")
                      .connectivity(XksProxyConnectivity.publicEndpoint())
                      .proxyUriPath("/" + name + "/kms/xks/v1")
                      .proxyCredential(
                          XksProxyCredential.of(
                              "BCDEFGHIJKLMNOPQRSTU",
                              Secret.of("DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=")))
                      .build());
          System.out.println(id);
          System.out.flush();
        }
      }
    }
  }
}
