package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.ValidationException;
import dev.cks.client.ConnectionGoal;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.EnsureOptions;
import dev.cks.client.EnsurePlan;
import dev.cks.client.EnsureResult;
import dev.cks.client.PlanConflictException;
import dev.cks.client.PreflightFailedException;
import dev.cks.client.SecretFingerprints;
import dev.cks.cloudhsm.CloudHsmPreflight;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.cloudhsm.HsmOptions;
import dev.cks.json.KmsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code cks ensure}: brings the custom key store a {@code CreateCustomKeyStore} request describes
 * to that description, creating it or adopting the store of that name, with a plan that can be
 * shown first.
 */
@Command(
    name = "ensure",
    mixinStandardHelpOptions = true,
    description = {
      "Brings a custom key store to what a CreateCustomKeyStore request file describes (the"
          + " JSON of aws kms create-custom-key-store --cli-input-json): creates it, or adopts the"
          + " store of that name and updates what differs, in an order that disconnects only for"
          + " the changes that need it; then connects or disconnects it when asked. Every"
          + " violation of the request is listed before anything is sent.",
      "Secrets (KeyStorePassword, RawSecretAccessKey) are compared by keyed fingerprints kept in"
          + " --fingerprints FILE, never stored; a secret without a fingerprint is left alone"
          + " unless --set-unrecorded-secrets says otherwise. The request file holds secrets:"
          + " keep it readable by its owner only.",
      "With --output json it prints one line: {\"customKeyStoreId\", \"plan\", \"notes\","
          + " \"executed\", \"connectionState\", \"dryRun\"}.",
      "",
      "Example:",
      "  cks ensure --request store.json --connect --fingerprints ~/.cks/fingerprints.json",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the store is as described (or, with --dry-run, the plan was printed)",
      "1:KMS refused a call, the pre-flight failed, the plan conflicts with another store, or"
          + " the store ended FAILED",
      "2:bad usage, or a request KMS would refuse",
      "3:a wait ran out of time"
    })
final class EnsureCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "The CreateCustomKeyStore request, as JSON.")
  Path request;

  @CommandLine.ArgGroup(exclusive = true)
  Goal goal;

  /** What to do with the connection: connect, disconnect, or (neither given) leave it. */
  static final class Goal {
    @Option(names = "--connect", required = true, description = "End with the store CONNECTED.")
    boolean connect;

    @Option(
        names = "--disconnect",
        required = true,
        description = "End with the store DISCONNECTED.")
    boolean disconnect;
  }

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(
      names = "--fingerprints",
      paramLabel = "FILE",
      description =
          "File of the secrets' keyed fingerprints, made readable by its owner only; without it,"
              + " fingerprints last for this run only.")
  Path fingerprints;

  @Option(
      names = "--set-unrecorded-secrets",
      description = "Set a secret that has no fingerprint yet, instead of leaving it alone.")
  boolean setUnrecordedSecrets;

  @Option(
      names = "--preflight",
      description =
          "Check the proxy (external key stores) or the cluster (CloudHSM key stores, with"
              + " --hsm-cluster) the way KMS will before the store is created or changed.")
  boolean preflight;

  @Option(
      names = "--hsm-cluster",
      paramLabel = "FILE",
      description = "The cluster's descriptor file, for the pre-flight of a CloudHSM key store.")
  Path hsmCluster;

  @CommandLine.Mixin ProxyReach reach;

  @CommandLine.Mixin KmsAccess kmsAccess;

  @CommandLine.Mixin WaitTimeout timeout;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    Duration waitTimeout = timeout.duration();
    CustomKeyStoreSpec desired = readRequest();
    ClusterDescriptor cluster = hsmCluster == null ? null : readCluster();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = json ? Progress.silent() : Progress.to(out);
    EnsureOptions options =
        EnsureOptions.builder()
            .goal(
                goal == null
                    ? ConnectionGoal.KEEP
                    : goal.connect ? ConnectionGoal.CONNECTED : ConnectionGoal.DISCONNECTED)
            .setUnrecordedSecrets(setUnrecordedSecrets)
            .preflight(preflight)
            .waitTimeout(waitTimeout)
            .listener(progress)
            .build();
    return KmsCall.run(
        spec.commandLine().getErr(),
        () -> {
          try (KmsClient kms = kmsAccess.client();
              CustomKeyStoreClient client = client(kms, cluster)) {
            EnsurePlan plan = client.plan(desired, options);
            if (!json) {
              out.print(plan.render());
              out.flush();
            }
            if (dryRun) {
              if (json) {
                out.println(JSON.writeValueAsString(toJson(plan, null)));
              }
              out.flush();
              return 0;
            }
            return apply(client, plan, json, out, progress);
          }
        });
  }

  private int apply(
      CustomKeyStoreClient client,
      EnsurePlan plan,
      boolean json,
      PrintWriter out,
      Progress progress)
      throws IOException {
    EnsureResult result;
    try {
      result = client.apply(plan);
    } catch (PreflightFailedException | PlanConflictException e) {
      spec.commandLine().getErr().println(e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    if (json) {
      out.println(JSON.writeValueAsString(toJson(plan, result)));
    } else {
      result.executed().forEach(step -> progress.say("  done: " + step.description()));
      progress.say(
          result.store().customKeyStoreId()
              + " is "
              + Progress.state(result.store())
              + (plan.isEmpty() ? "; nothing was changed." : "."));
      result.connection().flatMap(c -> c.diagnosis()).ifPresent(d -> out.print(d.toText()));
    }
    out.flush();
    return result.failedToConnect() ? 1 : 0;
  }

  private CustomKeyStoreClient client(KmsClient kms, ClusterDescriptor cluster) {
    CustomKeyStoreClient.Builder builder =
        CustomKeyStoreClient.builder().aws(kms).proxyPreflight(reach.preflightFor(kms));
    if (fingerprints != null) {
      builder.fingerprints(SecretFingerprints.file(fingerprints));
    }
    if (cluster != null) {
      builder.clusterPreflight(
          CloudHsmPreflight.forClusters(List.of(cluster), HsmOptions.defaults()));
    }
    return builder.build();
  }

  private CustomKeyStoreSpec readRequest() {
    String text;
    try {
      text = Files.readString(request, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw usage("--request " + request + " cannot be read");
    }
    try {
      return KmsJson.fromCreateRequest(text);
    } catch (ValidationException e) {
      throw usage("--request " + request + " is not a request KMS would accept: " + e.getMessage());
    }
  }

  private ClusterDescriptor readCluster() {
    try {
      return ClusterDescriptor.read(hsmCluster);
    } catch (RuntimeException e) {
      throw usage("--hsm-cluster " + hsmCluster + ": " + e.getMessage());
    }
  }

  /** The plan, and what was done when {@code result} is not null (null for a dry run). */
  private ObjectNode toJson(EnsurePlan plan, EnsureResult result) {
    ObjectNode root = JSON.createObjectNode();
    String id =
        result != null ? result.store().customKeyStoreId() : plan.customKeyStoreId().orElse(null);
    root.put("customKeyStoreId", id);
    ArrayNode steps = root.putArray("plan");
    plan.steps().forEach(step -> steps.add(step.description()));
    ArrayNode notes = root.putArray("notes");
    plan.notes().forEach(notes::add);
    ArrayNode done = root.putArray("executed");
    if (result != null) {
      result.executed().forEach(step -> done.add(step.description()));
    }
    root.put(
        "connectionState",
        result != null
            ? result.store().connectionStateAsString()
            : plan.current().map(store -> store.connectionStateAsString()).orElse(null));
    root.put("dryRun", result == null);
    return root;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
