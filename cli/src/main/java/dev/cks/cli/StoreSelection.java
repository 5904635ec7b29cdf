package dev.cks.cli;

import dev.cks.CustomKeyStoreDescription;
import dev.cks.client.CustomKeyStoreClient;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which custom key store a command acts on: exactly one of its id and its name. */
final class StoreSelection {

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "The CustomKeyStoreId, such as cks-1234567890abcdef0.")
  String id;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The CustomKeyStoreName.")
  String name;

  /**
   * The store's id: the one given, or that of the store with the given name.
   *
   * @throws CommandLine.ParameterException if no store has the name
   */
  String resolve(CustomKeyStoreClient client, CommandLine.Model.CommandSpec spec) {
    if (id != null) {
      return id;
    }
    return client
        .describeByName(name)
        .map(CustomKeyStoreDescription::customKeyStoreId)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(), "no custom key store is named " + name));
  }
}
