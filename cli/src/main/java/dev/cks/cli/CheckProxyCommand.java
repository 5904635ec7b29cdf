package dev.cks.cli;

import dev.cks.Secret;
import dev.cks.check.CheckReport;
import dev.cks.check.ProxyCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cks check-proxy}: checks an XKS proxy the way KMS will, before a store uses it. */
@Command(
    name = "check-proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an XKS proxy the way KMS will before an external key store is created or changed,"
          + " and prints one line per check: the formats of endpoint, path and credential; DNS;"
          + " the TCP connection; the TLS handshake, cipher suite and certificate (chain, host"
          + " name, days to expiry); a signed GetHealthStatus (path, credential, key manager"
          + " health); with --key-id, GetKeyMetadata and an encrypt and decrypt round trip; and"
          + " the latency of each call against the budget.",
      "The secret is read from a file or an environment variable, never from a flag, and is"
          + " never printed. With --output json: {\"title\", \"passed\", \"checks\":"
          + " [{\"name\", \"status\", \"detail\"}]}.",
      "",
      "Example:",
      "  cks check-proxy --endpoint https://xks.example.com --path /kms/xks/v1 \\",
      "      --access-key-id BCDEFGHIJKLMNOPQRSTU --secret-env XKS_SECRET --key-id key-1",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every check passed (skipped checks do not fail)",
      "1:a check failed",
      "2:bad usage: a missing or bad option, an unreadable file, an unset variable"
    })
final class CheckProxyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "URL",
      description =
          "XksProxyUriEndpoint: https:// and the proxy's DNS name, without port or path. KMS"
              + " connects to port 443.")
  String endpoint;

  @Option(
      names = "--path",
      required = true,
      paramLabel = "PATH",
      description = "XksProxyUriPath: an optional prefix and /kms/xks/v1.")
  String path;

  @Option(
      names = "--access-key-id",
      required = true,
      paramLabel = "ID",
      description = "AccessKeyId of the proxy credential: 20 to 30 characters of A-Z and 2-7.")
  String accessKeyId;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SecretSource secret;

  @Option(
      names = "--region",
      paramLabel = "R",
      defaultValue = "us-east-1",
      description = "AWS Region the requests are signed for (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description =
          "External key id; enables GetKeyMetadata (AES_256, ENCRYPT and DECRYPT, ENABLED) and an"
              + " encrypt and decrypt round trip with AAD and the integrity value.")
  String keyId;

  @CommandLine.Mixin ProxyReach reach;

  @Option(
      names = "--latency-budget",
      paramLabel = "MS",
      defaultValue = "250",
      description =
          "Milliseconds each call may take before the latency check fails (default:"
              + " ${DEFAULT-VALUE}, KMS's timeout).")
  long latencyBudget;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "5000",
      description =
          "Milliseconds a connection, handshake or call may take before it counts as unanswered"
              + " (default: ${DEFAULT-VALUE}).")
  long timeout;

  @CommandLine.Mixin OutputFormat output;

  /** Where the raw secret access key comes from: exactly one of a file and a variable. */
  static final class SecretSource {
    @Option(
        names = "--secret-file",
        required = true,
        paramLabel = "F",
        description = "File holding the RawSecretAccessKey (surrounding white space is ignored).")
    Path file;

    @Option(
        names = "--secret-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the RawSecretAccessKey.")
    String variable;
  }

  @Override
  public Integer call() {
    boolean json = output.json();
    ProxyCheck.Builder check =
        ProxyCheck.builder()
            .endpoint(endpoint)
            .uriPath(path)
            .credential(accessKeyId, readSecret())
            .region(region)
            .latencyBudget(positiveMillis("--latency-budget", latencyBudget))
            .timeout(positiveMillis("--timeout", timeout));
    reach.applyTo(check);
    if (keyId != null) {
      check.keyId(keyId);
    }

    CheckReport report = check.build().run();
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.toJson() + "\n" : report.render());
    out.flush();
    return report.passed() ? 0 : 1;
  }

  private Secret readSecret() {
    return SecretInput.read(spec, "--secret-file", secret.file, "--secret-env", secret.variable);
  }

  private Duration positiveMillis(String option, long millis) {
    if (millis < 1) {
      throw usage(option + " must be a positive number of milliseconds, was " + millis);
    }
    return Duration.ofMillis(millis);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
