package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code cks connect}: connects a custom key store and waits until KMS reports it {@code CONNECTED}
 * or {@code FAILED}, disconnecting a {@code FAILED} store first as KMS requires.
 */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = {
      "Connects a custom key store and waits, showing each poll, until it is CONNECTED or FAILED;"
          + " a FAILED store comes with the diagnosis of its connection error code and the steps"
          + " that fix it. A store that is FAILED already is disconnected first, as KMS requires,"
          + " and one that is CONNECTED is left alone.",
      "Talks to AWS KMS with the AWS SDK's default Region and credential chain (AWS_REGION,"
          + " AWS_ACCESS_KEY_ID, profiles, roles), or to a KMS-compatible endpoint such as cks"
          + " serve with --endpoint-url, which needs credentials too (cks serve takes any).",
      "With --output json it prints one line: {\"customKeyStoreId\", \"connectionState\","
          + " \"connectionErrorCode\", \"waitedMillis\", \"diagnosis\"}.",
      "",
      "Example:",
      "  cks connect --name ExampleKeyStore --timeout 1200",
      ""
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the store is CONNECTED",
      "1:the store is FAILED, or KMS refused a call",
      "2:bad usage",
      "3:the store was still connecting when the timeout ran out"
    })
final class ConnectCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_POLL_DELAY = Duration.ofSeconds(30);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  StoreSelection store;

  @CommandLine.Mixin KmsAccess kmsAccess;

  @CommandLine.Mixin WaitTimeout timeout;

  @Option(
      names = "--poll-delay",
      paramLabel = "MS",
      defaultValue = "2000",
      description =
          "The first delay between polls, in milliseconds, doubling up to 30 s (default:"
              + " ${DEFAULT-VALUE}).")
  long pollDelayMillis;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() {
    boolean json = output.json();
    Duration waitTimeout = timeout.duration();
    Duration firstPoll =
        positive("--poll-delay", pollDelayMillis, Duration.ofMillis(pollDelayMillis));
    Duration maxPoll = firstPoll.compareTo(MAX_POLL_DELAY) > 0 ? firstPoll : MAX_POLL_DELAY;
    PrintWriter out = spec.commandLine().getOut();
    return KmsCall.run(
        spec.commandLine().getErr(),
        () -> {
          try (KmsClient kms = kmsAccess.client();
              CustomKeyStoreClient client =
                  CustomKeyStoreClient.builder().aws(kms).pollDelays(firstPoll, maxPoll).build()) {
            String id = store.resolve(client, spec);
            Progress progress = json ? Progress.silent() : Progress.to(out);
            ConnectionResult result = connect(client, id, waitTimeout, progress);
            if (json) {
              out.println(JSON.writeValueAsString(toJson(result)));
            } else {
              progress.say(
                  id
                      + " is "
                      + Progress.state(result.store())
                      + " after "
                      + Progress.seconds(result.waited())
                      + ".");
              result.diagnosis().ifPresent(d -> out.print(d.toText()));
            }
            out.flush();
            return result.connected() ? 0 : 1;
          }
        });
  }

  private ConnectionResult connect(
      CustomKeyStoreClient client, String id, Duration timeout, Progress progress) {
    CustomKeyStoreDescription current = client.describe(id);
    switch (current.connectionState()) {
      case CONNECTED:
        progress.say(id + " is CONNECTED already.");
        return new ConnectionResult(current, Duration.ZERO, Optional.empty());
      case CONNECTING:
        progress.say(id + " is CONNECTING; waiting.");
        return client.awaitConnected(id, timeout, progress);
      case FAILED:
        progress.say(
            id
                + " is FAILED ("
                + current.connectionErrorCodeAsString().orElse("no error code")
                + "); disconnecting first, as KMS requires.");
        client.disconnect(id);
        awaitDisconnected(client, id, timeout, progress);
        break;
      case DISCONNECTING:
        progress.say(id + " is DISCONNECTING; waiting for DISCONNECTED first.");
        awaitDisconnected(client, id, timeout, progress);
        break;
      default:
        break;
    }
    client.connect(id);
    progress.say("ConnectCustomKeyStore accepted for " + id + "; waiting.");
    return client.awaitConnected(id, timeout, progress);
  }

  private static void awaitDisconnected(
      CustomKeyStoreClient client, String id, Duration timeout, Progress progress) {
    client.awaitState(id, Set.of(ConnectionState.DISCONNECTED), timeout, progress);
  }

  private ObjectNode toJson(ConnectionResult result) throws java.io.IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("customKeyStoreId", result.store().customKeyStoreId())
        .put("connectionState", result.store().connectionStateAsString())
        .put("connectionErrorCode", result.store().connectionErrorCodeAsString().orElse(null))
        .put("waitedMillis", result.waited().toMillis());
    if (result.diagnosis().isPresent()) {
      root.set("diagnosis", JSON.readTree(result.diagnosis().get().toJson()));
    } else {
      root.putNull("diagnosis");
    }
    return root;
  }

  private Duration positive(String option, long value, Duration duration) {
    if (value <= 0) {
      throw usage(option + " must be positive, was " + value);
    }
    return duration;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
