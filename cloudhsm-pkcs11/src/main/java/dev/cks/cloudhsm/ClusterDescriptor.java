package dev.cks.cloudhsm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The control-plane facts of an HSM cluster, as AWS CloudHSM's DescribeClusters reports them, and
 * how to reach the cluster through PKCS#11.
 *
 * <p>A descriptor is a small JSON file, so that tests, a local KMS and the command line can set up
 * any situation a real cluster can be in:
 *
 * <pre>{@code
 * {
 *   "clusterId": "cluster-1a23b4cdefg",
 *   "state": "ACTIVE",
 *   "pkcs11": {
 *     "module": "/usr/lib/softhsm/libsofthsm2.so",
 *     "tokenLabel": "cluster-1a23b4cdefg",
 *     "ivGeneration": "ADAPTER"
 *   },
 *   "hsms": [
 *     { "id": "hsm-aaaaaaaaaaa", "availabilityZone": "us-east-1a", "state": "ACTIVE" },
 *     { "id": "hsm-bbbbbbbbbbb", "availabilityZone": "us-east-1b", "state": "ACTIVE" }
 *   ],
 *   "clusterCertificate": "-----BEGIN CERTIFICATE-----\n...",
 *   "users": [
 *     { "name": "kmsuser", "failedLogins": 0, "locked": false, "loggedInElsewhere": false }
 *   ],
 *   "networkDelayMillis": 0
 * }
 * }</pre>
 *
 * <p>Only {@code clusterId} and {@code pkcs11.module} are required. {@code state} defaults to
 * {@code ACTIVE}, {@code tokenLabel} to the cluster id, {@code ivGeneration} to {@code ADAPTER}.
 * Where {@code hsms} is present, a cluster with no active HSM cannot be logged in to. Where {@code
 * users} is present, the cluster emulates AWS CloudHSM's crypto-user registry in front of the token
 * (a missing user, a lockout after 5 failed logins, a user logged in elsewhere); where it is
 * absent, the module alone decides. {@code networkDelayMillis} delays every login, to emulate a
 * slow or unreachable cluster. A field the format does not know is an error.
 *
 * <p>Instances are immutable.
 */
public final class ClusterDescriptor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CLUSTER_STATES =
      Set.of(
          "CREATE_IN_PROGRESS",
          "UNINITIALIZED",
          "INITIALIZE_IN_PROGRESS",
          "INITIALIZED",
          "ACTIVE",
          "UPDATE_IN_PROGRESS",
          "MODIFY_IN_PROGRESS",
          "ROLLBACK_IN_PROGRESS",
          "DELETE_IN_PROGRESS",
          "DELETED",
          "DEGRADED");
  private static final Set<String> HSM_STATES =
      Set.of("CREATE_IN_PROGRESS", "ACTIVE", "DEGRADED", "DELETE_IN_PROGRESS", "DELETED");

  private final String clusterId;
  private final String state;
  private final Path module;
  private final String tokenLabel;
  private final IvGeneration ivGeneration;
  private final List<Hsm> hsms;
  private final String clusterCertificate;
  private final List<User> users;
  private final Duration networkDelay;

  private ClusterDescriptor(
      String clusterId,
      String state,
      Path module,
      String tokenLabel,
      IvGeneration ivGeneration,
      List<Hsm> hsms,
      String clusterCertificate,
      List<User> users,
      Duration networkDelay) {
    this.clusterId = clusterId;
    this.state = state;
    this.module = module;
    this.tokenLabel = tokenLabel;
    this.ivGeneration = ivGeneration;
    this.hsms = hsms;
    this.clusterCertificate = clusterCertificate;
    this.users = users;
    this.networkDelay = networkDelay;
  }

  /**
   * A descriptor that only says where the token is: the cluster id is the token label, nothing is
   * emulated, and the adapter makes the IVs.
   */
  public static ClusterDescriptor forToken(Path module, String tokenLabel) {
    Objects.requireNonNull(module, "module");
    requireLabel(tokenLabel);
    return new ClusterDescriptor(
        tokenLabel,
        "ACTIVE",
        module,
        tokenLabel,
        IvGeneration.ADAPTER,
        null,
        null,
        null,
        Duration.ZERO);
  }

  /**
   * Reads a descriptor file. A relative module path is resolved against the file's directory.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if the content is not a valid descriptor
   */
  public static ClusterDescriptor read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cluster descriptor " + file, e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, base);
  }

  /**
   * Parses a descriptor from JSON text. A relative module path stays relative.
   *
   * @throws IllegalArgumentException if the text is not a valid descriptor, naming the field
   */
  public static ClusterDescriptor parse(String json) {
    return parse(json, null);
  }

  private static ClusterDescriptor parse(String json, Path base) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cluster descriptor is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("cluster descriptor must be a JSON object");
    }
    allowOnly(
        root,
        "",
        "clusterId",
        "state",
        "pkcs11",
        "hsms",
        "clusterCertificate",
        "users",
        "networkDelayMillis");
    String clusterId = text(root, "clusterId", null);
    String state = text(root, "state", "ACTIVE");
    if (!CLUSTER_STATES.contains(state)) {
      throw new IllegalArgumentException(
          "state must be one of " + sorted(CLUSTER_STATES) + ", was \"" + state + "\"");
    }

    JsonNode pkcs11 = root.get("pkcs11");
    if (pkcs11 == null || !pkcs11.isObject()) {
      throw new IllegalArgumentException("pkcs11 is required and must be an object");
    }
    allowOnly(pkcs11, "pkcs11.", "module", "tokenLabel", "ivGeneration");
    Path module = Path.of(text(pkcs11, "module", null));
    if (base != null && !module.isAbsolute()) {
      module = base.resolve(module);
    }
    String tokenLabel = requireLabel(text(pkcs11, "tokenLabel", clusterId));
    String iv = text(pkcs11, "ivGeneration", IvGeneration.ADAPTER.name());
    IvGeneration ivGeneration;
    try {
      ivGeneration = IvGeneration.valueOf(iv);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "pkcs11.ivGeneration must be one of ADAPTER, MODULE, CLOUDHSM_MECHANISM, was \""
              + iv
              + "\"",
          e);
    }

    String certificate = text(root, "clusterCertificate", "");
    JsonNode delay = root.get("networkDelayMillis");
    if (delay != null && (!delay.canConvertToLong() || delay.asLong() < 0)) {
      throw new IllegalArgumentException(
          "networkDelayMillis must be a whole number of milliseconds, 0 or more, was " + delay);
    }
    return new ClusterDescriptor(
        clusterId,
        state,
        module,
        tokenLabel,
        ivGeneration,
        root.has("hsms") ? hsms(root.get("hsms")) : null,
        certificate.isEmpty() ? null : certificate,
        root.has("users") ? users(root.get("users")) : null,
        Duration.ofMillis(delay == null ? 0 : delay.asLong()));
  }

  private static List<Hsm> hsms(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("hsms must be an array");
    }
    List<Hsm> hsms = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String at = "hsms[" + i + "].";
      if (!node.isObject()) {
        throw new IllegalArgumentException("hsms[" + i + "] must be an object");
      }
      allowOnly(node, at, "id", "availabilityZone", "state");
      String hsmState = text(node, "state", "ACTIVE", at);
      if (!HSM_STATES.contains(hsmState)) {
        throw new IllegalArgumentException(
            at + "state must be one of " + sorted(HSM_STATES) + ", was \"" + hsmState + "\"");
      }
      hsms.add(
          new Hsm(text(node, "id", null, at), text(node, "availabilityZone", null, at), hsmState));
    }
    return List.copyOf(hsms);
  }

  private static List<User> users(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("users must be an array");
    }
    List<User> users = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String at = "users[" + i + "].";
      if (!node.isObject()) {
        throw new IllegalArgumentException("users[" + i + "] must be an object");
      }
      allowOnly(node, at, "name", "failedLogins", "locked", "loggedInElsewhere");
      JsonNode failed = node.get("failedLogins");
      if (failed != null && (!failed.canConvertToInt() || failed.asInt() < 0)) {
        throw new IllegalArgumentException(
            at + "failedLogins must be a whole number, 0 or more, was " + failed);
      }
      users.add(
          new User(
              text(node, "name", null, at),
              failed == null ? 0 : failed.asInt(),
              bool(node, "locked", at),
              bool(node, "loggedInElsewhere", at)));
    }
    return List.copyOf(users);
  }

  private static void allowOnly(JsonNode node, String prefix, String... fields) {
    Set<String> allowed = Set.of(fields);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "cluster descriptor field " + prefix + name + " is not known");
      }
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    return text(node, field, fallback, "");
  }

  private static String text(JsonNode node, String field, String fallback, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException(prefix + field + " is required");
      }
      return fallback;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(prefix + field + " must be a non-blank string");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String field, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(prefix + field + " must be true or false, was " + value);
    }
    return value.asBoolean();
  }

  private static String requireLabel(String label) {
    Objects.requireNonNull(label, "tokenLabel");
    if (label.isBlank() || label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32) {
      throw new IllegalArgumentException(
          "pkcs11.tokenLabel must be 1 to 32 bytes of UTF-8, was \"" + label + "\"");
    }
    return label;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  /** The cluster id, such as {@code cluster-1a23b4cdefg}. */
  public String clusterId() {
    return clusterId;
  }

  /** The cluster state as DescribeClusters reports it, such as {@code ACTIVE}. */
  public String state() {
    return state;
  }

  /** The path of the PKCS#11 library. */
  public Path module() {
    return module;
  }

  /** The label of the token that is the cluster. */
  public String tokenLabel() {
    return tokenLabel;
  }

  /** Who makes AES-GCM IVs on this module. */
  public IvGeneration ivGeneration() {
    return ivGeneration;
  }

  /** The cluster's HSMs, when the descriptor lists them. */
  public Optional<List<Hsm>> hsms() {
    return Optional.ofNullable(hsms);
  }

  /** The cluster certificate in PEM form, when the descriptor has one. */
  public Optional<String> clusterCertificate() {
    return Optional.ofNullable(clusterCertificate);
  }

  /** The crypto users the cluster emulates, when the descriptor lists them. */
  public Optional<List<User>> users() {
    return Optional.ofNullable(users);
  }

  /** The delay added to every login, to emulate the network; zero by default. */
  public Duration networkDelay() {
    return networkDelay;
  }

  @Override
  public String toString() {
    return "ClusterDescriptor[" + clusterId + ", token " + tokenLabel + " in " + module + "]";
  }

  /** One HSM of the cluster. */
  public static final class Hsm {
    private final String id;
    private final String availabilityZone;
    private final String state;

    Hsm(String id, String availabilityZone, String state) {
      this.id = id;
      this.availabilityZone = availabilityZone;
      this.state = state;
    }

    /** The HSM id, such as {@code hsm-aaaaaaaaaaa}. */
    public String id() {
      return id;
    }

    /** The availability zone the HSM is in, such as {@code us-east-1a}. */
    public String availabilityZone() {
      return availabilityZone;
    }

    /** The HSM state, such as {@code ACTIVE}. */
    public String state() {
      return state;
    }

    /** Whether the HSM is active. */
    public boolean active() {
      return "ACTIVE".equals(state);
    }

    @Override
    public String toString() {
      return id + " (" + availabilityZone + ", " + state + ")";
    }
  }

  /** A crypto user as the descriptor starts it: its name and login state. */
  public static final class User {
    private final String name;
    private final int failedLogins;
    private final boolean locked;
    private final boolean loggedInElsewhere;

    User(String name, int failedLogins, boolean locked, boolean loggedInElsewhere) {
      this.name = name;
      this.failedLogins = failedLogins;
      this.locked = locked;
      this.loggedInElsewhere = loggedInElsewhere;
    }

    /** The user name, such as {@code kmsuser}. */
    public String name() {
      return name;
    }

    /** Failed logins counted so far. */
    public int failedLogins() {
      return failedLogins;
    }

    /** Whether the user is locked out. */
    public boolean locked() {
      return locked;
    }

    /** Whether the user is logged in from some other client. */
    public boolean loggedInElsewhere() {
      return loggedInElsewhere;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
