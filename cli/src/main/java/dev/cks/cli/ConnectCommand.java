package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.client.ConnectionResult;
import dev.cks.client.CustomKeyStoreClient;
import dev.cks.client.WaitListener;
import dev.cks.client.WaitTimeoutException;
import dev.cks.diagnosis.Diagnosis;
import dev.cks.errors.KmsException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

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
  Store store;

  /** Which store: exactly one of its id and its name. */
  static final class Store {
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
  }

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "A KMS-compatible endpoint to call instead of AWS KMS (cks serve prints one).")
  String endpointUrl;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "The Region; by default the AWS SDK's Region chain decides.")
  String region;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "1200",
      description =
          "How long to wait for CONNECTED or FAILED (default: ${DEFAULT-VALUE}; KMS often takes"
              + " about five minutes to connect an external key store).")
  long timeoutSeconds;

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
    Duration timeout = positive("--timeout", timeoutSeconds, Duration.ofSeconds(timeoutSeconds));
    Duration firstPoll =
        positive("--poll-delay", pollDelayMillis, Duration.ofMillis(pollDelayMillis));
    Duration maxPoll = firstPoll.compareTo(MAX_POLL_DELAY) > 0 ? firstPoll : MAX_POLL_DELAY;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KmsClient kms = kmsClient();
        CustomKeyStoreClient client =
            CustomKeyStoreClient.builder().aws(kms).pollDelays(firstPoll, maxPoll).build()) {
      String id = storeId(client);
      Progress progress = new Progress(json ? null : out);
      ConnectionResult result = connect(client, id, timeout, progress);
      if (json) {
        out.println(JSON.writeValueAsString(toJson(result)));
      } else {
        progress.say(
            id
                + " is "
                + result.store().connectionStateAsString()
                + result.store().connectionErrorCodeAsString().map(c -> " (" + c + ")").orElse("")
                + " after "
                + seconds(result.waited())
                + ".");
        result.diagnosis().ifPresent(d -> out.print(d.toText()));
      }
      out.flush();
      return result.connected() ? 0 : 1;
    } catch (WaitTimeoutException e) {
      err.println(e.getMessage());
      err.flush();
      return 3;
    } catch (KmsException e) {
      err.println(e.errorName() + ": " + e.getMessage());
      Diagnosis.of(e).ifPresent(d -> err.print(d.toText()));
      err.flush();
      return 1;
    } catch (SdkClientException e) {
      // No credentials, no Region, or no answer: the SDK's message says which.
      err.println("cannot call KMS: " + e.getMessage());
      err.flush();
      return 1;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
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

  private String storeId(CustomKeyStoreClient client) {
    if (store.id != null) {
      return store.id;
    }
    return client
        .describeByName(store.name)
        .map(CustomKeyStoreDescription::customKeyStoreId)
        .orElseThrow(() -> usage("no custom key store is named " + store.name));
  }

  private KmsClient kmsClient() {
    KmsClientBuilder builder = KmsClient.builder();
    if (region != null) {
      builder.region(Region.of(region));
    }
    if (endpointUrl != null) {
      try {
        URI url = new URI(endpointUrl);
        if (url.getScheme() == null || url.getHost() == null) {
          throw usage("--endpoint-url must be an absolute http or https URL, was " + endpointUrl);
        }
        builder.endpointOverride(url);
      } catch (URISyntaxException e) {
        throw usage("--endpoint-url must be an absolute http or https URL, was " + endpointUrl);
      }
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw usage("cannot make a KMS client: " + e.getMessage());
    }
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

  private static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** Prints each poll of a wait, and other steps, to standard output; or nothing for JSON. */
  private static final class Progress implements WaitListener {
    private final PrintWriter out;

    Progress(PrintWriter out) {
      this.out = out;
    }

    void say(String line) {
      if (out != null) {
        out.println(line);
        out.flush();
      }
    }

    @Override
    public void onPoll(CustomKeyStoreDescription store, int poll, Duration elapsed) {
      say(
          "  poll "
              + poll
              + ": "
              + store.connectionStateAsString()
              + store.connectionErrorCodeAsString().map(c -> " (" + c + ")").orElse("")
              + " after "
              + seconds(elapsed));
    }
  }
}
