package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.cloudhsm.ClusterDescriptor;
import dev.cks.local.LocalKms;
import dev.cks.local.LocalKmsEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cks serve}: KMS's own protocol over a {@link LocalKms}, on loopback by default. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves KMS's JSON protocol (POST / with X-Amz-Target: TrentService.<Operation>) over an"
          + " embedded LocalKms, for the AWS CLI and SDKs with an endpoint override.",
      "Prints the URL it listens on, then runs until stopped. With --output json the first line"
          + " is {\"url\", \"state\"}: the URL, and the data directory or \"in memory\"."
    })
final class ServeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "P", description = "Port to listen on; 0 picks one.")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory of the durable state (a SQLite file and an owner-only master key).")
  Path dataDir;

  @Option(names = "--in-memory", description = "Keep state in memory only.")
  boolean inMemory;

  @Option(
      names = "--trust-cert",
      paramLabel = "PEM",
      description =
          "PEM certificates to trust for XKS proxies' TLS instead of the system's (real KMS trusts"
              + " only public certificate authorities). Repeatable.")
  List<Path> trustCerts = new ArrayList<>();

  @Option(
      names = "--resolve",
      paramLabel = "HOST:ADDR:PORT",
      description = "Reach proxy host HOST at ADDR:PORT, as curl --resolve does. Repeatable.")
  List<String> resolves = new ArrayList<>();

  @Option(
      names = "--vpc-endpoint-service",
      paramLabel = "NAME=HOST:ADDR:PORT",
      description =
          "Declare VPC endpoint service NAME, owned by this account, whose private DNS name HOST"
              + " reaches the proxy at ADDR:PORT. Repeatable.")
  List<String> vpcServices = new ArrayList<>();

  @Option(
      names = "--hsm-cluster",
      paramLabel = "FILE",
      description = "Make a CloudHSM cluster known from its descriptor file. Repeatable.")
  List<Path> clusters = new ArrayList<>();

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    LocalKms kms = configure().build();
    LocalKmsEndpoint endpoint =
        LocalKmsEndpoint.builder(kms).bindAddress(InetAddress.getByName(bind)).port(port).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  endpoint.close();
                  kms.close();
                },
                "cks-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    String state = dataDir == null ? "in memory" : dataDir.toAbsolutePath().toString();
    if (json) {
      ObjectNode started = JSON.createObjectNode();
      started.put("url", endpoint.url().toString()).put("state", state);
      out.println(JSON.writeValueAsString(started));
    } else {
      out.println("KMS endpoint serving " + endpoint.url());
      out.println("  state: " + state);
      out.println("  try: aws kms describe-custom-key-stores --endpoint-url " + endpoint.url());
    }
    out.flush();
    new CountDownLatch(1).await();
    return 0;
  }

  private LocalKms.Builder configure() {
    if (port == null) {
      throw usage("--port is required");
    }
    if (inMemory == (dataDir != null)) {
      throw usage("give exactly one of --data-dir DIR and --in-memory");
    }
    LocalKms.Builder builder = LocalKms.builder();
    if (dataDir != null) {
      builder.dataDirectory(dataDir);
    }
    for (Path pem : trustCerts) {
      try {
        builder.trustPem(Files.readString(pem));
      } catch (IOException e) {
        throw usage("--trust-cert " + pem + " cannot be read");
      }
    }
    for (String resolve : resolves) {
      String[] parts = resolve.split(":");
      if (parts.length != 3) {
        throw usage("--resolve must be HOST:ADDR:PORT, was " + resolve);
      }
      builder.resolve(
          parts[0], SocketAddresses.parse(spec, "--resolve " + resolve, parts[1], parts[2]));
    }
    for (String service : vpcServices) {
      int equals = service.indexOf('=');
      String[] parts = equals < 0 ? new String[0] : service.substring(equals + 1).split(":");
      if (parts.length != 3) {
        throw usage("--vpc-endpoint-service must be NAME=HOST:ADDR:PORT, was " + service);
      }
      InetSocketAddress address =
          SocketAddresses.parse(spec, "--vpc-endpoint-service " + service, parts[1], parts[2]);
      builder.vpcEndpointService(service.substring(0, equals), "111122223333", address);
      builder.resolve(parts[0], address);
    }
    for (Path file : clusters) {
      try {
        builder.hsmCluster(ClusterDescriptor.read(file));
      } catch (RuntimeException e) {
        throw usage("--hsm-cluster " + file + ": " + e.getMessage());
      }
    }
    return builder;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
