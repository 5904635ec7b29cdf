package dev.cks.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/** The {@code ADDR:PORT} parts of options such as {@code --resolve HOST:ADDR:PORT}. */
final class SocketAddresses {

  private SocketAddresses() {}

  /**
   * The socket address of {@code address} and {@code port}; {@code option} is the option and value
   * as given, for the message of a bad one.
   *
   * @throws CommandLine.ParameterException if the address or the port is not one
   */
  static InetSocketAddress parse(
      CommandLine.Model.CommandSpec spec, String option, String address, String port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(address), Integer.parseInt(port));
    } catch (NumberFormatException | UnknownHostException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + ": ADDR must be an address and PORT a number");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + ": PORT must be 0 to 65535");
    }
  }
}
