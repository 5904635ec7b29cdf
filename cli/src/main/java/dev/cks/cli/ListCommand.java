package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.XksProxyConfiguration;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.json.KmsJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@code cks list}: every custom key store of the account and Region, one line each. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every custom key store, through all pages of DescribeCustomKeyStores: id, name,"
          + " type, connection state with its error code, and what backs the store (the CloudHSM"
          + " cluster, or the proxy's endpoint and path and the VPC endpoint service). Secrets"
          + " are never part of a description.",
      "With --output json it prints one line in the form of the DescribeCustomKeyStores"
          + " response: {\"CustomKeyStores\": [...]}.",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:listed", "1:KMS refused the call or could not be called", "2:bad usage"})
final class ListCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin KmsAccess kmsAccess;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    PrintWriter out = spec.commandLine().getOut();
    return KmsCall.run(
        spec.commandLine().getErr(),
        () -> {
          try (KmsClient kms = kmsAccess.client();
              CustomKeyStoreClient client = CustomKeyStoreClient.builder().aws(kms).build()) {
            List<CustomKeyStoreDescription> stores = client.stores().toList();
            if (json) {
              ObjectNode root = JSON.createObjectNode();
              ArrayNode entries = root.putArray("CustomKeyStores");
              stores.forEach(store -> entries.add(KmsJson.toListEntry(store)));
              out.println(JSON.writeValueAsString(root));
            } else {
              out.print(table(stores));
            }
            out.flush();
            return 0;
          }
        });
  }

  /** The stores as a table with aligned columns, or a sentence when there is none. */
  static String table(List<CustomKeyStoreDescription> stores) {
    if (stores.isEmpty()) {
      return "No custom key stores.\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "NAME", "TYPE", "STATE", "BACKED BY"});
    for (CustomKeyStoreDescription store : stores) {
      rows.add(
          new String[] {
            store.customKeyStoreId(),
            store.customKeyStoreName(),
            store.customKeyStoreTypeAsString(),
            Progress.state(store),
            backing(store)
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  private static String backing(CustomKeyStoreDescription store) {
    if (store.xksProxyConfiguration().isPresent()) {
      XksProxyConfiguration proxy = store.xksProxyConfiguration().get();
      return proxy.uriEndpoint()
          + proxy.uriPath()
          + proxy.vpcEndpointServiceName().map(service -> " via " + service).orElse("");
    }
    return store.cloudHsmClusterId().orElse("");
  }
}
