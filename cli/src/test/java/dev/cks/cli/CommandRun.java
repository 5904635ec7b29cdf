package dev.cks.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * A process that runs {@code cks} with these arguments in a JVM of its own, on this JVM's class
   * path: for commands that run until stopped, or that need an environment of their own.
   */
  static ProcessBuilder inOwnJvm(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CksCommand.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  /** As {@link #inOwnJvm(List)}. */
  static ProcessBuilder inOwnJvm(String... args) {
    return inOwnJvm(List.of(args));
  }
}
