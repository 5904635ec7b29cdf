package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.XksProxyConfiguration;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.EnsureResult;
import dev.cks.client.PlanStep;
import dev.cks.client.PreflightFailedException;
import dev.cks.json.ProxyConfigurationFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code cks rotate-credential}: gives an external key store the proxy credential of a proxy
 * configuration file, after checking it against the proxy as KMS will.
 */
@Command(
    name = "rotate-credential",
    mixinStandardHelpOptions = true,
    description = {
      "Rotates the proxy credential of an external key store to the one in a proxy configuration"
          + " file (the KMS console's format, as XKS proxies write it). First the new credential"
          + " is checked against the proxy the way KMS will (TLS, path, a signed health call,"
          + " latency); only when the check passes does KMS get it, and a connected store is"
          + " awaited until it is CONNECTED again. Give the proxy the new credential first, and"
          + " let it drop the old one only after this command succeeds.",
      "Talks to AWS KMS with the AWS SDK's default Region and credential chain, or to a"
          + " KMS-compatible endpoint with --endpoint-url; the check signs for the same Region.",
      "With --output json it prints one line: {\"customKeyStoreId\", \"accessKeyId\","
          + " \"connectionState\", \"steps\", \"preflight\"}; preflight is the check's report"
          + " when it failed, and null otherwise.",
      "",
      "Example:",
      "  cks rotate-credential --name ExampleKeyStore --config new-credential.json",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:KMS uses the new credential",
      "1:the check of the new credential failed (nothing was changed), or KMS refused a call",
      "2:bad usage",
      "3:the store was still connecting when the timeout ran out"
    })
final class RotateCredentialCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  StoreSelection store;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description =
          "The proxy configuration file holding the new credential; its URI path must be the"
              + " store's.")
  Path config;

  @CommandLine.Mixin KmsAccess kmsAccess;

  @CommandLine.Mixin ProxyReach reach;

  @Option(
      names = "--no-preflight",
      description = "Skip the check of the new credential; KMS still checks a connected store's.")
  boolean noPreflight;

  @CommandLine.Mixin WaitTimeout timeout;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    Duration waitTimeout = timeout.duration();
    ProxyConfigurationFile file = readConfig();
    PrintWriter out = spec.commandLine().getOut();
    return KmsCall.run(
        spec.commandLine().getErr(),
        () -> {
          try (KmsClient kms = kmsAccess.client();
              CustomKeyStoreClient client = client(kms)) {
            String id = store.resolve(client, spec);
            checkPath(client.describe(id), file);
            Progress progress = json ? Progress.silent() : Progress.to(out);
            EnsureOptions options =
                EnsureOptions.builder()
                    .preflight(!noPreflight)
                    .waitTimeout(waitTimeout)
                    .listener(progress)
                    .build();
            try {
              EnsureResult result = client.rotateXksCredential(id, file.credential(), options);
              print(out, json, result);
              return 0;
            } catch (PreflightFailedException e) {
              if (json) {
                ObjectNode root = JSON.createObjectNode();
                root.put("customKeyStoreId", id);
                root.putNull("accessKeyId");
                root.putNull("connectionState");
                root.putArray("steps");
                root.set("preflight", JSON.readTree(e.report().toJson()));
                out.println(JSON.writeValueAsString(root));
              } else {
                out.println(e.getMessage());
              }
              out.flush();
              return 1;
            }
          }
        });
  }

  private CustomKeyStoreClient client(KmsClient kms) {
    return CustomKeyStoreClient.builder().aws(kms).proxyPreflight(reach.preflightFor(kms)).build();
  }

  private ProxyConfigurationFile readConfig() {
    try {
      return ProxyConfigurationFile.read(config);
    } catch (RuntimeException e) {
      throw usage("--config " + config + ": " + e.getMessage());
    }
  }

  private void checkPath(CustomKeyStoreDescription current, ProxyConfigurationFile file) {
    XksProxyConfiguration proxy =
        current
            .xksProxyConfiguration()
            .orElseThrow(() -> usage(current.customKeyStoreId() + " is not an external key store"));
    if (!proxy.uriPath().equals(file.uriPath())) {
      throw usage(
          "--config "
              + config
              + " is for the URI path "
              + file.uriPath()
              + ", but "
              + current.customKeyStoreId()
              + " uses "
              + proxy.uriPath()
              + "; a rotation keeps the path");
    }
  }

  private void print(PrintWriter out, boolean json, EnsureResult result)
      throws java.io.IOException {
    CustomKeyStoreDescription after = result.store();
    String accessKeyId = after.xksProxyConfiguration().orElseThrow().accessKeyId();
    if (json) {
      ObjectNode root = JSON.createObjectNode();
      root.put("customKeyStoreId", after.customKeyStoreId())
          .put("accessKeyId", accessKeyId)
          .put("connectionState", after.connectionStateAsString());
      ArrayNode steps = root.putArray("steps");
      result.executed().stream().map(PlanStep::description).forEach(steps::add);
      root.putNull("preflight");
      out.println(JSON.writeValueAsString(root));
    } else {
      result.executed().forEach(step -> out.println("  done: " + step.description()));
      out.println(
          "KMS now signs with "
              + accessKeyId
              + "; "
              + after.customKeyStoreId()
              + " is "
              + Progress.state(after)
              + ". The proxy may drop the old credential.");
    }
    out.flush();
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
