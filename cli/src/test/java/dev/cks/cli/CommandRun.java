package dev.cks.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * Reads the standard output of {@code process} up to the first line that matches {@code regex} in
   * full, and returns the match.
   *
   * @throws AssertionError if the output ends first; its message ends with {@code context}
   */
  static Matcher awaitLine(Process process, String regex, Supplier<String> context)
      throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern pattern = Pattern.compile(regex);
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.matches()) {
        return matcher;
      }
    }
    throw new AssertionError(
        "the command ended without printing a line like " + regex + context.get());
  }

  /** As {@link #awaitLine(Process, String, Supplier)}, with nothing more to say. */
  static Matcher awaitLine(Process process, String regex) throws IOException {
    return awaitLine(process, regex, () -> "");
  }
}
