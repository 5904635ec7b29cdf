package dev.cks.cloudhsm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * SoftHSM2, the software token that stands in for an HSM cluster in tests, demos and benchmarks:
 * where its PKCS#11 library is, and making tokens with its {@code softhsm2-util}.
 *
 * <p>SoftHSM2 reads the configuration named by {@code SOFTHSM2_CONF} (its token directory) and
 * finds its tokens once per process, when the library is first initialised; a token made later is
 * seen only by processes that load the library afterwards.
 */
public final class SoftHsm2 {

  private static final List<Path> LIBRARIES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
          Path.of("/opt/homebrew/lib/softhsm/libsofthsm2.so"));
  private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

  private SoftHsm2() {}

  /**
   * The PKCS#11 library, when SoftHSM2 is installed here: the library in one of its usual places,
   * and {@code softhsm2-util} on the {@code PATH}.
   */
  public static Optional<Path> library() {
    return onPath("softhsm2-util")
        ? LIBRARIES.stream().filter(Files::isRegularFile).findFirst()
        : Optional.empty();
  }

  /** The advice given wherever SoftHSM2 is missing. */
  public static String installAdvice() {
    return "SoftHSM2 is not installed; install it with: apt-get install -y softhsm2";
  }

  /**
   * Makes a token in the first free slot of the configuration {@code conf}, with the given security
   * officer and user PINs, and returns the slot id SoftHSM2 gave it (slot ids change each time a
   * token is made). The PINs never appear in an error.
   *
   * @throws IllegalStateException if {@code softhsm2-util} fails or cannot be run
   */
  public static long initToken(Path conf, String label, String soPin, String userPin) {
    Objects.requireNonNull(conf, "conf");
    Objects.requireNonNull(label, "label");
    ProcessBuilder builder =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                label,
                "--so-pin",
                Objects.requireNonNull(soPin, "soPin"),
                "--pin",
                Objects.requireNonNull(userPin, "userPin"))
            .redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    try {
      Process process = builder.start();
      // softhsm2-util prints the label and the slot, never the PINs.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "softhsm2-util could not make token " + label + ": " + output.strip());
      }
      Matcher slot = SLOT.matcher(output);
      if (!slot.find()) {
        throw new IllegalStateException(
            "softhsm2-util named no slot for token " + label + ": " + output.strip());
      }
      return Long.parseLong(slot.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run softhsm2-util", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making token " + label, e);
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
