package dev.cks.cloudhsm;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real SoftHSM2 tokens for tests, in a token directory of the build's own.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once per process, so the build sets it for the test JVM
 * (see the module's POM). It also finds tokens only when the library is initialised, so this class
 * makes every token the tests need, with {@code softhsm2-util} in child processes, before the
 * library is first loaded, and then hands them out one by one: each test gets tokens no other test
 * touched. Other modules' tests use it through this module's test jar. Every token's user PIN is
 * {@code kmsuser:kmsPswd1}; two extra tokens share the label {@link #TWIN_LABEL}.
 */
public final class SoftHsm {

  static final String SO_PIN = "87654321";
  public static final String USER = "kmsuser";
  public static final String PASSWORD = "kmsPswd1";
  static final String TWIN_LABEL = "twin-cluster";
  private static final int POOL = 64;
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static boolean prepared;

  private SoftHsm() {}

  /** The library, after making sure SoftHSM2 is here: a failure on CI, a skip elsewhere. */
  public static synchronized Path library() {
    Path library = SoftHsm2.library().orElse(null);
    if (library == null) {
      String help = SoftHsm2.installAdvice();
      if ("true".equals(System.getenv("CI"))) {
        fail(help);
      }
      assumeTrue(false, help);
    }
    if (!prepared) {
      prepare();
      for (int i = 0; i < POOL; i++) {
        initToken(label(i), USER + ":" + PASSWORD);
      }
      initToken(TWIN_LABEL, USER + ":" + PASSWORD);
      initToken(TWIN_LABEL, USER + ":" + PASSWORD);
      prepared = true;
    }
    return library;
  }

  /** The configuration file the test JVM and its children use. */
  static Path conf() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      fail("SOFTHSM2_CONF must be set for the tests; the module's POM sets it for Maven runs");
    }
    return Path.of(conf);
  }

  private static void prepare() {
    Path conf = conf();
    Path tokens = conf.resolveSibling("tokens");
    try {
      if (Files.isDirectory(tokens)) {
        try (Stream<Path> old = Files.walk(tokens)) {
          old.sorted(Comparator.reverseOrder())
              .filter(p -> !p.equals(tokens))
              .forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(
          conf,
          "directories.tokendir = "
              + tokens
              + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the SoftHSM2 token directory", e);
    }
  }

  /** The label of a token no other test has used. */
  public static String newToken() {
    library();
    int index = NEXT.getAndIncrement();
    if (index >= POOL) {
      fail("the tests need more than " + POOL + " SoftHSM2 tokens; raise SoftHsm.POOL");
    }
    return label(index);
  }

  private static String label(int index) {
    return String.format("pool-%02d", index);
  }

  private static void initToken(String label, String userPin) {
    SoftHsm2.initToken(conf(), label, SO_PIN, userPin);
  }

  static String run(String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("SOFTHSM2_CONF", conf().toString());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        fail(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0], e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command[0], e);
    }
  }
}
