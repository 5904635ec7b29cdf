package dev.cks.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --output} option of the commands whose result a script may read. */
final class OutputFormat {

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default), or json: one JSON object on one line, whose members the description"
              + " above lists.")
  String format;

  /**
   * Whether the result is to be printed as JSON.
   *
   * @throws CommandLine.ParameterException if the format is neither text nor json
   */
  boolean json() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--output must be text or json, was " + format);
    }
    return format.equals("json");
  }
}
