package dev.cks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cks} command: tools for AWS KMS custom key stores, run as {@code java -jar cks.jar}.
 */
@Command(
    name = "cks",
    mixinStandardHelpOptions = true,
    version = "cks 0.1.0",
    description = "Create, connect, check, rotate and test AWS KMS custom key stores.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      XksProxyCommand.class,
      CheckProxyCommand.class,
      CheckClusterCommand.class,
      ListCommand.class,
      EnsureCommand.class,
      ConnectCommand.class,
      RotateCredentialCommand.class,
      DiagnoseCommand.class,
      LoadXksCommand.class
    })
public final class CksCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status, without exiting. */
  public static int run(String... args) {
    Logging.configure(args);
    return new CommandLine(new CksCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
