package dev.cks.cli;

import dev.cks.diagnosis.Diagnosis;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cks diagnose}: what a connection error code or a KMS error name means, and the fix. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
      "Explains a ConnectionErrorCode of a FAILED custom key store (such as INVALID_CREDENTIALS)"
          + " or a KMS error name about a key store's backing service (such as"
          + " XksProxyUriUnreachableException): where the cause lies, whether a retry can help,"
          + " and the steps that fix it.",
      "With --output json it prints one line: {\"problem\", \"category\", \"retryCanHelp\","
          + " \"disconnectFirst\", \"cause\", \"steps\"}.",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:a diagnosis was printed",
      "2:bad usage, or an error name that has no diagnosis"
    })
final class DiagnoseCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "CODE",
      description = "A ConnectionErrorCode, or an error name ending in Exception.")
  String problem;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    Diagnosis diagnosis;
    if (problem.endsWith("Exception")) {
      diagnosis =
          Diagnosis.ofErrorName(problem)
              .orElseThrow(
                  () ->
                      new CommandLine.ParameterException(
                          spec.commandLine(),
                          problem
                              + " has no diagnosis: only the errors about reaching or configuring"
                              + " a key store's proxy or cluster have one"));
    } else if (problem.matches("[A-Z][A-Z0-9_]*")) {
      diagnosis = Diagnosis.ofConnectionErrorCode(problem);
    } else {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "CODE must be a ConnectionErrorCode in capitals (INVALID_CREDENTIALS) or an error name"
              + " ending in Exception, was "
              + problem);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? diagnosis.toJson() + "\n" : diagnosis.toText());
    out.flush();
    return 0;
  }
}
