package dev.cks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cks.Secret;
import dev.cks.json.ProxyConfigurationFile;
import dev.cks.local.InMemoryKeySource;
import dev.cks.local.KeySource;
import dev.cks.local.KeyUsage;
import dev.cks.local.LocalXksProxy;
import dev.cks.local.Pkcs11KeySource;
import dev.cks.local.ProxyKeyStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cks xks-proxy}: runs an XKS proxy until stopped. */
@Command(
    name = "xks-proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an XKS proxy: the XKS proxy API over HTTPS (TLS 1.2 and 1.3) with SigV4, serving one"
          + " logical key store per URI path of the --config files, with in-memory AES-256 keys.",
      "Logs one line per request (kmsRequestId, operation, outcome, latency) and runs until"
          + " stopped. Secrets are read from files only.",
      "With --output json the first line is {\"url\", \"region\", \"stores\": [{\"uriPath\","
          + " \"accessKeyIds\", \"keys\"}], \"certificate\"}, and --write-config prints"
          + " {\"written\", \"uriPath\"}.",
      "",
      "Example:",
      "  cks xks-proxy --write-config store.json",
      "  cks xks-proxy --port 8443 --config store.json --key key-1 --key enc:ENCRYPT"
          + " --cert-out proxy.pem",
      ""
    })
final class XksProxyCommand implements java.util.concurrent.Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Port to listen on; 0 picks a free one. Required unless --write-config.")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--region",
      paramLabel = "R",
      defaultValue = "us-east-1",
      description = "AWS Region that signatures must be scoped to (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--hostname",
      paramLabel = "H",
      description =
          "Hostname (or IP address) the generated certificate is issued for; repeat for more."
              + " The first names the proxy in its URL (default: localhost).")
  List<String> hostnames = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Proxy configuration file in the KMS console's format (a URI path and one credential)."
              + " Repeat for more stores, or for a second credential on the same path.")
  List<Path> configs = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "ID[:USAGES]",
      description =
          "Adds an in-memory AES-256 key to every store. USAGES is a comma list of ENCRYPT and"
              + " DECRYPT, or NONE; without it, both. Repeat for more keys.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Certificate chain to present (leaf first), with --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "Unencrypted private key of --tls-cert (PKCS#8, EC or RSA).")
  Path tlsKey;

  @Option(
      names = "--cert-out",
      paramLabel = "PEM",
      description =
          "Without --tls-cert, a certificate is generated for the hostnames; it is written here"
              + " so that clients can trust it.")
  Path certOut;

  @Option(
      names = "--plain-http",
      description = "Serves plain HTTP, for use behind a TLS terminator.")
  boolean plainHttp;

  @Option(
      names = "--pkcs11-module",
      paramLabel = "LIB",
      description =
          "PKCS#11 library whose token holds the keys, instead of --key: the key of an external"
              + " key id is the token's AES key labelled with that id. Needs --token-label and"
              + " --pin-file.")
  Path pkcs11Module;

  @Option(names = "--token-label", paramLabel = "L", description = "Label of the PKCS#11 token.")
  String tokenLabel;

  @Option(
      names = "--pin-file",
      paramLabel = "F",
      description =
          "File holding the PKCS#11 PIN as <user>:<password> (the form AWS CloudHSM takes).")
  Path pinFile;

  @Option(
      names = "--write-config",
      paramLabel = "FILE",
      description =
          "Writes a fresh configuration file (random credential, a path /keystores/<uuid>/kms/"
              + "xks/v1), readable by its owner only, and exits.")
  Path writeConfig;

  @CommandLine.Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    PrintWriter out = spec.commandLine().getOut();
    if (writeConfig != null) {
      ProxyConfigurationFile written = ProxyConfigurationFile.generate();
      written.write(writeConfig);
      if (json) {
        ObjectNode result = JSON.createObjectNode();
        result.put("written", writeConfig.toString()).put("uriPath", written.uriPath());
        out.println(JSON.writeValueAsString(result));
      } else {
        out.println("Wrote " + writeConfig + " for XksProxyUriPath " + written.uriPath());
      }
      out.flush();
      return 0;
    }
    LocalXksProxy proxy = configure().start();
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "cks-shutdown"));
    if (json) {
      out.println(JSON.writeValueAsString(describeJson(proxy)));
      out.flush();
    } else {
      describe(proxy, out);
    }
    new CountDownLatch(1).await();
    return 0;
  }

  private ObjectNode describeJson(LocalXksProxy proxy) {
    ObjectNode root = JSON.createObjectNode();
    root.put("url", proxy.url().toString()).put("region", region);
    ArrayNode stores = root.putArray("stores");
    for (String path : proxy.uriPaths()) {
      ProxyKeyStore store = proxy.store(path).orElseThrow();
      ObjectNode entry = stores.addObject().put("uriPath", path);
      ArrayNode accessKeyIds = entry.putArray("accessKeyIds");
      store.accessKeyIds().forEach(accessKeyIds::add);
      ArrayNode keys = entry.putArray("keys");
      if (store.keySource() instanceof InMemoryKeySource memory) {
        memory.keyIds().forEach(keys::add);
      }
    }
    root.put("certificate", certOut == null ? null : certOut.toString());
    return root;
  }

  private void describe(LocalXksProxy proxy, PrintWriter out) {
    out.println("XKS proxy serving " + proxy.url() + " (region " + region + ")");
    for (String path : proxy.uriPaths()) {
      ProxyKeyStore store = proxy.store(path).orElseThrow();
      out.println(
          "  "
              + proxy.url()
              + path
              + "  credentials: "
              + store.accessKeyIds()
              + "  keys: "
              + (store.keySource() instanceof InMemoryKeySource
                  ? ((InMemoryKeySource) store.keySource()).keyIds()
                  : store.keySource()));
    }
    if (certOut != null) {
      out.println("  certificate written to " + certOut);
    }
    out.flush();
  }

  private LocalXksProxy.Builder configure() throws UnknownHostException {
    if (port == null) {
      throw usage("--port is required");
    }
    if (configs.isEmpty()) {
      throw usage(
          "at least one --config FILE is required; make one with cks xks-proxy --write-config"
              + " FILE");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw usage("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null && certOut != null) {
      throw usage("--cert-out writes a generated certificate; it does not go with --tls-cert");
    }
    if (plainHttp && (tlsCert != null || certOut != null)) {
      throw usage("--plain-http does not go with --tls-cert or --cert-out");
    }
    boolean pkcs11 = pkcs11Module != null || tokenLabel != null || pinFile != null;
    if (pkcs11 && (pkcs11Module == null || tokenLabel == null || pinFile == null)) {
      throw usage("--pkcs11-module, --token-label and --pin-file go together");
    }
    if (pkcs11 && !keys.isEmpty()) {
      throw usage("--key adds in-memory keys; it does not go with --pkcs11-module");
    }
    Map<String, EnumSet<KeyUsage>> keySpecs = parseKeys();
    KeySource token = pkcs11 ? openToken() : null;
    Map<String, ProxyKeyStore.Builder> stores = new LinkedHashMap<>();
    for (Path file : configs) {
      ProxyConfigurationFile config = readConfig(file);
      stores
          .computeIfAbsent(
              config.uriPath(),
              path -> ProxyKeyStore.builder(path, token != null ? token : keysFor(keySpecs)))
          .credential(config.credential());
    }
    LocalXksProxy.Builder builder =
        LocalXksProxy.builder().bindAddress(InetAddress.getByName(bind)).port(port).region(region);
    if (!hostnames.isEmpty()) {
      builder.hostnames(hostnames);
    }
    stores.values().forEach(store -> builder.store(store.build()));
    if (plainHttp) {
      builder.plainHttp();
    } else if (tlsCert != null) {
      builder.certificate(tlsCert, tlsKey);
    } else if (certOut != null) {
      builder.certificateOut(certOut);
    }
    return builder;
  }

  private KeySource openToken() {
    Secret pin = SecretInput.fromFile(spec, "--pin-file", pinFile);
    try {
      return Pkcs11KeySource.open(pkcs11Module, tokenLabel, pin);
    } catch (IllegalArgumentException e) {
      throw usage("--pin-file " + pinFile + ": " + e.getMessage());
    }
  }

  private ProxyConfigurationFile readConfig(Path file) {
    try {
      return ProxyConfigurationFile.read(file);
    } catch (dev.cks.ValidationException | java.io.UncheckedIOException e) {
      throw usage("--config " + file + ": " + e.getMessage());
    }
  }

  private Map<String, EnumSet<KeyUsage>> parseKeys() {
    Map<String, EnumSet<KeyUsage>> parsed = new LinkedHashMap<>();
    for (String key : keys) {
      int colon = key.indexOf(':');
      String id = colon < 0 ? key : key.substring(0, colon);
      EnumSet<KeyUsage> usages = EnumSet.allOf(KeyUsage.class);
      if (colon >= 0) {
        usages = EnumSet.noneOf(KeyUsage.class);
        for (String usage : key.substring(colon + 1).split(",")) {
          String name = usage.trim().toUpperCase(Locale.ROOT);
          if (name.equals("NONE")) {
            continue;
          }
          try {
            usages.add(KeyUsage.valueOf(name));
          } catch (IllegalArgumentException e) {
            throw usage(
                "--key " + key + ": USAGES must be a comma list of ENCRYPT and DECRYPT, or NONE");
          }
        }
      }
      if (parsed.put(id, usages) != null) {
        throw usage("--key " + id + " is given twice");
      }
    }
    return parsed;
  }

  private InMemoryKeySource keysFor(Map<String, EnumSet<KeyUsage>> specs) {
    InMemoryKeySource source = InMemoryKeySource.create();
    try {
      specs.forEach((id, usages) -> source.addKey(id, Set.copyOf(usages)));
    } catch (IllegalArgumentException e) {
      throw usage("--key: " + e.getMessage());
    }
    return source;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
