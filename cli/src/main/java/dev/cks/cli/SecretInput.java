package dev.cks.cli;

import dev.cks.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Reads a secret from the file or the environment variable a command was given; secrets never come
 * from flags. Surrounding white space, such as a file's last line break, is dropped.
 */
final class SecretInput {

  private SecretInput() {}

  /**
   * The secret in {@code file} when it is given, otherwise in the variable {@code variable}.
   *
   * @throws CommandLine.ParameterException if the file cannot be read or the variable is unset
   */
  static Secret read(
      CommandLine.Model.CommandSpec spec,
      String fileOption,
      Path file,
      String variableOption,
      String variable) {
    if (file != null) {
      return fromFile(spec, fileOption, file);
    }
    String value = System.getenv(variable);
    if (value == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          variableOption + " " + variable + ": the environment variable is not set");
    }
    return Secret.of(value.strip());
  }

  /**
   * The secret in {@code file}.
   *
   * @throws CommandLine.ParameterException if the file cannot be read
   */
  static Secret fromFile(CommandLine.Model.CommandSpec spec, String option, Path file) {
    try {
      return Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " " + file + " cannot be read");
    }
  }
}
