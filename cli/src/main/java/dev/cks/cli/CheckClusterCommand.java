package dev.cks.cli;

import dev.cks.Secret;
import dev.cks.check.CheckReport;
import dev.cks.cloudhsm.CloudHsmPreflight;
import dev.cks.cloudhsm.ClusterDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cks check-cluster}: the CloudHSM pre-flight of a cluster, from the command line. */
@Command(
    name = "check-cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a CloudHSM cluster the way KMS will before a CloudHSM key store is created or"
          + " connected, and prints one line per check: the cluster's token is found, the"
          + " cluster is active, its certificate chains to the trust anchor, there are enough"
          + " active HSMs in distinct Availability Zones, the password length, and that kmsuser"
          + " can log in with the password (and was logged out again).",
      "The cluster comes from a descriptor file (the PKCS#11 module, the token label, HSMs and"
          + " zones, the cluster certificate); SoftHSM2 tokens also need SOFTHSM2_CONF set. The"
          + " password is read from a file or an environment variable and never printed. With"
          + " --output json: {\"title\", \"passed\", \"checks\": [{\"name\", \"status\","
          + " \"detail\"}]}.",
      "",
      "Example:",
      "  cks check-cluster --hsm-cluster cluster.json --trust-cert customerCA.crt \\",
      "      --password-env KMSUSER_PASSWORD",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every check passed (skipped checks do not fail)",
      "1:a check failed",
      "2:bad usage (a missing or bad option, an unreadable file, an unset variable)"
    })
final class CheckClusterCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--hsm-cluster",
      required = true,
      paramLabel = "FILE",
      description = "The cluster's descriptor file.")
  Path descriptorFile;

  @Option(
      names = "--trust-cert",
      required = true,
      paramLabel = "PEM",
      description = "The trust anchor: the customer CA certificate that issued the cluster's.")
  Path trustAnchor;

  @ArgGroup(exclusive = true, multiplicity = "1")
  PasswordSource password;

  /** Where the kmsuser password comes from: exactly one of a file and a variable. */
  static final class PasswordSource {
    @Option(
        names = "--password-file",
        required = true,
        paramLabel = "F",
        description = "File holding the kmsuser password (the key store's KeyStorePassword).")
    Path file;

    @Option(
        names = "--password-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the kmsuser password.")
    String variable;
  }

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    ClusterDescriptor descriptor;
    try {
      descriptor = ClusterDescriptor.read(descriptorFile);
    } catch (RuntimeException e) {
      throw usage("--hsm-cluster " + descriptorFile + ": " + e.getMessage());
    }
    String anchor;
    try {
      anchor = Files.readString(trustAnchor, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw usage("--trust-cert " + trustAnchor + " cannot be read");
    }
    Secret kmsuserPassword =
        SecretInput.read(
            spec, "--password-file", password.file, "--password-env", password.variable);

    CheckReport report = CloudHsmPreflight.check(descriptor, anchor, kmsuserPassword);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.toJson() + "\n" : report.render());
    out.flush();
    return report.passed() ? 0 : 1;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
