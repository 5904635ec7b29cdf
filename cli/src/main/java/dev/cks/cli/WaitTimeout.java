package dev.cks.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --timeout} of the commands that wait for a connection state. */
final class WaitTimeout {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "1200",
      description =
          "How long each wait for a connection state may take (default: ${DEFAULT-VALUE}; KMS"
              + " often takes about five minutes to connect an external key store).")
  long seconds;

  /**
   * The timeout.
   *
   * @throws CommandLine.ParameterException if it is not positive
   */
  Duration duration() {
    if (seconds <= 0) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--timeout must be positive, was " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }
}
