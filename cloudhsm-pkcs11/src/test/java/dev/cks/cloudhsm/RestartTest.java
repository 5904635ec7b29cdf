package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cks.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A key made in one JVM is found and used again by another JVM, as after a restart. */
class RestartTest {

  @Test
  void findKey_inASecondProcess_findsAndDecryptsWithTheKeyMadeHere() throws Exception {
    Path library = SoftHsm.library();
    String token = SoftHsm.newToken();
    String arn = "arn:aws:kms:us-east-1:111122223333:key/restart-0001";
    byte[] aad = "context".getBytes(StandardCharsets.UTF_8);
    GcmCiphertext sealed;
    try (HsmCluster cluster = HsmCluster.open(ClusterDescriptor.forToken(library, token));
        CryptoUserSession kmsuser = cluster.login("kmsuser", Secret.of(SoftHsm.PASSWORD))) {
      AesKey key = kmsuser.generateKey(arn);
      sealed =
          kmsuser.encrypt(key, "made before the restart".getBytes(StandardCharsets.UTF_8), aad);
    }

    String output =
        runJava(
            SecondProcess.class.getName(),
            library.toString(),
            token,
            arn,
            Base64.getEncoder().encodeToString(sealed.toBytes()),
            Base64.getEncoder().encodeToString(aad));

    assertThat(output).contains("plaintext=made before the restart");
  }

  @Test
  void secondProcess_withAnUnknownLabel_fails() throws Exception {
    Path library = SoftHsm.library();
    String token = SoftHsm.newToken();

    String output =
        runJava(
            SecondProcess.class.getName(),
            library.toString(),
            token,
            "arn:never-made",
            Base64.getEncoder().encodeToString(new byte[28]),
            "");

    assertThat(output).contains("java.util.NoSuchElementException").doesNotContain("plaintext=");
  }

  private static String runJava(String mainClass, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[4 + args.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = mainClass;
    System.arraycopy(args, 0, command, 4, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", SoftHsm.conf().toString());
    builder.environment().put("CKS_TEST_PASSWORD", SoftHsm.PASSWORD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    return output;
  }
}
