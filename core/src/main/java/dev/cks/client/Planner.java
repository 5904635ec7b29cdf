package dev.cks.client;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.CloudHsmKeyStoreUpdate;
import dev.cks.ConnectionState;
import dev.cks.CustomKeyStoreDescription;
import dev.cks.CustomKeyStoreSpec;
import dev.cks.CustomKeyStoreUpdate;
import dev.cks.ExternalKeyStoreSpec;
import dev.cks.ExternalKeyStoreUpdate;
import dev.cks.Secret;
import dev.cks.UpdatableProperty;
import dev.cks.VpcEndpointService;
import dev.cks.XksProxyConfiguration;
import dev.cks.XksProxyConnectivityType;
import dev.cks.XksProxyCredential;
import dev.cks.client.PlanStep.Action;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a spec with the store of that name and orders the calls that bring the store to it,
 * following the connection states in which KMS accepts each call.
 */
final class Planner {

  static final String PASSWORD = UpdatableProperty.KEY_STORE_PASSWORD.member();
  static final String CREDENTIAL = UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL.member();

  private final SecretFingerprints fingerprints;

  Planner(SecretFingerprints fingerprints) {
    this.fingerprints = fingerprints;
  }

  /**
   * The plan for {@code spec}.
   *
   * @param current the store of the spec's name, or null when there is none
   * @param others every other store, to find clashes before KMS does
   * @param secrets whether secrets are set whatever the fingerprints say, or when none is recorded
   */
  EnsurePlan plan(
      CustomKeyStoreSpec spec,
      EnsureOptions options,
      CustomKeyStoreDescription current,
      List<CustomKeyStoreDescription> others,
      Secrets secrets) {
    checkClashes(spec, current, others);
    List<PlanStep> steps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (current == null) {
      steps.add(PlanStep.create(spec, "create " + describe(spec)));
      if (options.goal() == ConnectionGoal.CONNECTED) {
        steps.add(PlanStep.of(Action.CONNECT, "connect the new store"));
        steps.add(PlanStep.of(Action.AWAIT_CONNECTED, "wait until the new store is CONNECTED"));
      }
      return new EnsurePlan(spec, options, secrets, null, steps, notes);
    }
    if (current.customKeyStoreType() != spec.type()) {
      throw new PlanConflictException(
          "custom key store \""
              + spec.name()
              + "\" ("
              + current.customKeyStoreId()
              + ") is of type "
              + current.customKeyStoreTypeAsString()
              + ", the spec is for "
              + spec.type()
              + "; a store cannot change its type");
    }
    Changes changes =
        spec instanceof CloudHsmKeyStoreSpec
            ? cloudHsmChanges((CloudHsmKeyStoreSpec) spec, current, secrets, notes)
            : externalChanges((ExternalKeyStoreSpec) spec, current, secrets, notes);
    order(current, changes, options.goal(), steps);
    return new EnsurePlan(spec, options, secrets, current, steps, notes);
  }

  /** The fingerprint input of a proxy credential: both parts, so a new access key id differs. */
  static Secret credentialSecret(XksProxyCredential credential) {
    byte[] id = credential.accessKeyId().getBytes(StandardCharsets.US_ASCII);
    byte[] secret = credential.rawSecretAccessKey().revealBytes();
    byte[] both = Arrays.copyOf(id, id.length + 1 + secret.length);
    System.arraycopy(secret, 0, both, id.length + 1, secret.length);
    try {
      return Secret.ofBytes(both);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(both, (byte) 0);
    }
  }

  /** What differs, as one update request and the phrases that describe it. */
  private record Changes(CustomKeyStoreUpdate update, List<String> phrases) {
    boolean any() {
      return !phrases.isEmpty();
    }

    boolean needDisconnected() {
      return update.changes().stream().anyMatch(p -> !p.allowedIn(ConnectionState.CONNECTED));
    }
  }

  private Changes cloudHsmChanges(
      CloudHsmKeyStoreSpec spec,
      CustomKeyStoreDescription current,
      Secrets secrets,
      List<String> notes) {
    String id = current.customKeyStoreId();
    var update = CloudHsmKeyStoreUpdate.builder().customKeyStoreId(id);
    List<String> phrases = new ArrayList<>();
    if (!current.customKeyStoreName().equals(spec.name())) {
      update.newName(spec.name());
      phrases.add(nameChange(current, spec));
    }
    String cluster = current.cloudHsmClusterId().orElse("");
    if (!cluster.equals(spec.cloudHsmClusterId())) {
      update.cloudHsmClusterId(spec.cloudHsmClusterId());
      phrases.add("CloudHsmClusterId " + cluster + " -> " + spec.cloudHsmClusterId());
    }
    if (current.trustAnchorCertificate().isPresent()
        && !sameCertificate(
            current.trustAnchorCertificate().get(), spec.trustAnchorCertificate())) {
      throw new PlanConflictException(
          "TrustAnchorCertificate of custom key store "
              + id
              + " differs from the spec's, and UpdateCustomKeyStore cannot change it;"
              + " create a new store for the other trust anchor");
    }
    secretChange(id, PASSWORD, spec.keyStorePassword(), secrets, phrases, notes)
        .ifPresent(update::keyStorePassword);
    return new Changes(update.build(), phrases);
  }

  private Changes externalChanges(
      ExternalKeyStoreSpec spec,
      CustomKeyStoreDescription current,
      Secrets secrets,
      List<String> notes) {
    String id = current.customKeyStoreId();
    XksProxyConfiguration config =
        current
            .xksProxyConfiguration()
            .orElseThrow(
                () ->
                    new PlanConflictException(
                        "custom key store " + id + " was described without its proxy settings"));
    var update = ExternalKeyStoreUpdate.builder().customKeyStoreId(id);
    List<String> phrases = new ArrayList<>();
    if (!current.customKeyStoreName().equals(spec.name())) {
      update.newName(spec.name());
      phrases.add(nameChange(current, spec));
    }
    XksProxyConnectivityType wanted = spec.connectivity().type();
    boolean newConnectivity = config.connectivity() != wanted;
    if (newConnectivity) {
      update.connectivity(spec.connectivity()).proxyUriEndpoint(spec.proxyUriEndpoint());
      phrases.add("XksProxyConnectivity " + config.connectivityAsString() + " -> " + wanted);
    }
    if (!config.uriEndpoint().equals(spec.proxyUriEndpoint())) {
      update.proxyUriEndpoint(spec.proxyUriEndpoint());
      phrases.add("XksProxyUriEndpoint " + config.uriEndpoint() + " -> " + spec.proxyUriEndpoint());
    }
    if (!config.uriPath().equals(spec.proxyUriPath())) {
      update.proxyUriPath(spec.proxyUriPath());
      phrases.add("XksProxyUriPath " + config.uriPath() + " -> " + spec.proxyUriPath());
    }
    if (spec.connectivity() instanceof VpcEndpointService vpc) {
      String name = config.vpcEndpointServiceName().orElse("");
      if (!name.equals(vpc.serviceName())) {
        if (!newConnectivity) {
          update.vpcEndpointServiceName(vpc.serviceName());
        }
        phrases.add("XksProxyVpcEndpointServiceName " + name + " -> " + vpc.serviceName());
      }
      Optional<String> owner = vpc.serviceOwner();
      if (owner.isPresent() && !owner.equals(config.vpcEndpointServiceOwner())) {
        if (!newConnectivity) {
          update.vpcEndpointServiceOwner(owner.get());
        }
        phrases.add(
            "XksProxyVpcEndpointServiceOwner "
                + config.vpcEndpointServiceOwner().orElse("(the caller's account)")
                + " -> "
                + owner.get());
      }
    }
    XksProxyCredential credential = spec.proxyCredential();
    if (!config.accessKeyId().equals(credential.accessKeyId())) {
      update.proxyCredential(credential);
      phrases.add(CREDENTIAL + " (a new access key id)");
    } else {
      secretChange(id, CREDENTIAL, credentialSecret(credential), secrets, phrases, notes)
          .ifPresent(secret -> update.proxyCredential(credential));
    }
    return new Changes(update.build(), phrases);
  }

  private static String nameChange(CustomKeyStoreDescription current, CustomKeyStoreSpec spec) {
    return "NewCustomKeyStoreName \""
        + current.customKeyStoreName()
        + "\" -> \""
        + spec.name()
        + "\"";
  }

  /** The secret to set, if it must be set, with its phrase or note. */
  private Optional<Secret> secretChange(
      String id,
      String member,
      Secret secret,
      Secrets rule,
      List<String> phrases,
      List<String> notes) {
    if (rule.force()) {
      phrases.add(member + " (set as asked)");
      return Optional.of(secret);
    }
    Optional<Boolean> same = fingerprints.matches(id, member, secret);
    if (same.isEmpty() && rule.setUnrecorded()) {
      phrases.add(member + " (no fingerprint recorded; set as asked)");
      return Optional.of(secret);
    }
    if (same.isEmpty()) {
      notes.add(
          member
              + " was not compared: no fingerprint is recorded for "
              + id
              + ", so it is left as it is");
      return Optional.empty();
    }
    if (same.get()) {
      return Optional.empty();
    }
    phrases.add(member + " (differs from the recorded fingerprint)");
    return Optional.of(secret);
  }

  /** How secrets are treated: always set, or set when no fingerprint is recorded. */
  record Secrets(boolean force, boolean setUnrecorded) {}

  private static void order(
      CustomKeyStoreDescription current,
      Changes changes,
      ConnectionGoal goal,
      List<PlanStep> steps) {
    String id = current.customKeyStoreId();
    ConnectionState state = current.connectionState();
    boolean meantConnected =
        EnumSet.of(ConnectionState.CONNECTED, ConnectionState.CONNECTING, ConnectionState.FAILED)
            .contains(state);
    String why = disconnectReason(changes, goal, state);

    if (state == ConnectionState.DISCONNECTING) {
      steps.add(
          PlanStep.of(
              Action.AWAIT_DISCONNECTED,
              "wait until " + id + ", now DISCONNECTING, is DISCONNECTED"));
      state = ConnectionState.DISCONNECTED;
    }
    if (state == ConnectionState.CONNECTING) {
      if (why != null) {
        state = disconnect(id, state, why, steps);
      } else if (changes.any() || goal == ConnectionGoal.CONNECTED) {
        steps.add(
            PlanStep.of(
                Action.AWAIT_CONNECTED,
                "wait until "
                    + id
                    + ", now CONNECTING, is CONNECTED: KMS changes nothing while a store"
                    + " connects"));
        state = ConnectionState.CONNECTED;
      }
    }
    if (state == ConnectionState.FAILED && (changes.any() || goal != ConnectionGoal.KEEP)) {
      state = disconnect(id, state, why, steps);
    }
    if (state == ConnectionState.CONNECTED && why != null) {
      state = disconnect(id, state, why, steps);
    }
    if (changes.any()) {
      steps.add(
          PlanStep.update(
              changes.update(), "update " + id + ": " + String.join(", ", changes.phrases())));
    }
    boolean wantConnected =
        goal == ConnectionGoal.CONNECTED || (goal == ConnectionGoal.KEEP && meantConnected);
    if (wantConnected && state == ConnectionState.DISCONNECTED) {
      steps.add(PlanStep.of(Action.CONNECT, "connect " + id));
      steps.add(PlanStep.of(Action.AWAIT_CONNECTED, "wait until " + id + " is CONNECTED"));
    }
  }

  private static ConnectionState disconnect(
      String id, ConnectionState state, String why, List<PlanStep> steps) {
    steps.add(PlanStep.of(Action.DISCONNECT, "disconnect " + id + " (" + state + "): " + why));
    steps.add(PlanStep.of(Action.AWAIT_DISCONNECTED, "wait until " + id + " is DISCONNECTED"));
    return ConnectionState.DISCONNECTED;
  }

  /** Why the store must be disconnected, or null when it need not be. */
  private static String disconnectReason(
      Changes changes, ConnectionGoal goal, ConnectionState state) {
    if (changes.needDisconnected()) {
      List<String> members =
          changes.update().changes().stream()
              .filter(p -> !p.allowedIn(ConnectionState.CONNECTED))
              .map(UpdatableProperty::member)
              .toList();
      return "KMS changes " + String.join(", ", members) + " only while a store is disconnected";
    }
    if (goal == ConnectionGoal.DISCONNECTED) {
      return "the goal is DISCONNECTED";
    }
    if (state == ConnectionState.FAILED) {
      return "a FAILED store must be disconnected before it changes or connects again";
    }
    return null;
  }

  private static void checkClashes(
      CustomKeyStoreSpec spec,
      CustomKeyStoreDescription current,
      List<CustomKeyStoreDescription> others) {
    String self = current == null ? null : current.customKeyStoreId();
    for (CustomKeyStoreDescription other : others) {
      if (other.customKeyStoreId().equals(self) || other.customKeyStoreType() != spec.type()) {
        continue;
      }
      String clash =
          spec instanceof CloudHsmKeyStoreSpec
              ? clusterClash((CloudHsmKeyStoreSpec) spec, other)
              : proxyClash((ExternalKeyStoreSpec) spec, other);
      if (clash != null) {
        throw new PlanConflictException(
            clash
                + " is already used by custom key store "
                + other.customKeyStoreId()
                + " (\""
                + other.customKeyStoreName()
                + "\")");
      }
    }
  }

  private static String clusterClash(CloudHsmKeyStoreSpec spec, CustomKeyStoreDescription other) {
    return other.cloudHsmClusterId().filter(spec.cloudHsmClusterId()::equals).isPresent()
        ? "CloudHsmClusterId " + spec.cloudHsmClusterId()
        : null;
  }

  private static String proxyClash(ExternalKeyStoreSpec spec, CustomKeyStoreDescription other) {
    XksProxyConfiguration config = other.xksProxyConfiguration().orElse(null);
    if (config == null) {
      return null;
    }
    boolean sameEndpoint = config.uriEndpoint().equals(spec.proxyUriEndpoint());
    if (sameEndpoint && config.uriPath().equals(spec.proxyUriPath())) {
      return "XksProxyUriEndpoint and XksProxyUriPath "
          + spec.proxyUriEndpoint()
          + spec.proxyUriPath();
    }
    boolean vpcInvolved =
        config.connectivity() == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE
            || spec.connectivity().type() == XksProxyConnectivityType.VPC_ENDPOINT_SERVICE;
    if (sameEndpoint && vpcInvolved) {
      return "XksProxyUriEndpoint " + spec.proxyUriEndpoint();
    }
    if (spec.connectivity() instanceof VpcEndpointService vpc
        && config.vpcEndpointServiceName().filter(vpc.serviceName()::equals).isPresent()) {
      return "XksProxyVpcEndpointServiceName " + vpc.serviceName();
    }
    return null;
  }

  private static String describe(CustomKeyStoreSpec spec) {
    if (spec instanceof CloudHsmKeyStoreSpec cloudHsm) {
      return "CloudHSM key store \""
          + spec.name()
          + "\" for cluster "
          + cloudHsm.cloudHsmClusterId();
    }
    ExternalKeyStoreSpec external = (ExternalKeyStoreSpec) spec;
    return "external key store \""
        + spec.name()
        + "\" with proxy "
        + external.proxyUriEndpoint()
        + external.proxyUriPath()
        + " ("
        + external.connectivity().type()
        + ")";
  }

  private static boolean sameCertificate(String describedPem, String specPem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return Arrays.equals(
          factory
              .generateCertificate(
                  new ByteArrayInputStream(describedPem.getBytes(StandardCharsets.US_ASCII)))
              .getEncoded(),
          factory
              .generateCertificate(
                  new ByteArrayInputStream(specPem.getBytes(StandardCharsets.US_ASCII)))
              .getEncoded());
    } catch (CertificateException e) {
      return Objects.equals(describedPem.strip(), specPem.strip());
    }
  }

  /** The properties that carry a secret. */
  static Set<UpdatableProperty> secretMembers() {
    return EnumSet.of(
        UpdatableProperty.KEY_STORE_PASSWORD,
        UpdatableProperty.XKS_PROXY_AUTHENTICATION_CREDENTIAL);
  }
}
