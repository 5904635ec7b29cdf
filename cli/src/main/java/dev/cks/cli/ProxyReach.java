package dev.cks.cli;

import dev.cks.ExternalKeyStoreSpec;
import dev.cks.check.Preflight;
import dev.cks.check.ProxyCheck;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The options that say how a proxy check reaches and trusts a proxy: {@code --trust-cert} and
 * {@code --resolve}.
 */
final class ProxyReach {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--trust-cert",
      paramLabel = "PEM",
      description =
          "PEM certificates to trust instead of the JDK's public certificate authorities (KMS"
              + " itself trusts only public ones). Repeatable.")
  List<Path> trustCerts = new ArrayList<>();

  @Option(
      names = "--resolve",
      paramLabel = "HOST:ADDR:PORT",
      description =
          "Reach host HOST at ADDR:PORT instead of asking DNS and using port 443, as curl"
              + " --resolve does; the certificate is still checked against HOST. Repeatable.")
  List<String> resolves = new ArrayList<>();

  /**
   * Gives {@code check} the certificates to trust and the addresses to reach.
   *
   * @throws CommandLine.ParameterException if a file cannot be read or an entry is malformed
   */
  ProxyCheck.Builder applyTo(ProxyCheck.Builder check) {
    for (Path pem : trustCerts) {
      try {
        check.trustPem(pem);
      } catch (UncheckedIOException e) {
        throw usage("--trust-cert " + pem + " cannot be read");
      } catch (IllegalArgumentException e) {
        throw usage("--trust-cert " + e.getMessage());
      }
    }
    for (String resolve : resolves) {
      String[] parts = resolve.split(":");
      if (parts.length != 3) {
        throw usage("--resolve must be HOST:ADDR:PORT, was " + resolve);
      }
      check.resolve(
          parts[0], SocketAddresses.parse(mixee, "--resolve " + resolve, parts[1], parts[2]));
    }
    return check;
  }

  /**
   * The pre-flight of external key stores for a client of {@code kms}: a {@link ProxyCheck} that
   * signs for the Region of {@code kms}, as KMS does, and reaches the proxy as these options say.
   */
  Preflight<ExternalKeyStoreSpec> preflightFor(KmsClient kms) {
    String region = kms.serviceClientConfiguration().region().id();
    return spec -> applyTo(ProxyCheck.builder(spec).region(region)).build().run();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(mixee.commandLine(), message);
  }
}
