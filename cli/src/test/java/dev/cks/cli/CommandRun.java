package dev.cks.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A {@code cks} command line run in this JVM: its exit status and what it printed. */
record CommandRun(int status, String out, String err) {

  /** Runs {@code cks} with these arguments and captures both streams. */
  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new CksCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int status = command.execute(args);
    return new CommandRun(status, out.toString(), err.toString());
  }
}
