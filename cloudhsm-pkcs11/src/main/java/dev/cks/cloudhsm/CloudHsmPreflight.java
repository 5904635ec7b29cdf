package dev.cks.cloudhsm;

import dev.cks.CloudHsmKeyStoreSpec;
import dev.cks.Secret;
import dev.cks.check.Check;
import dev.cks.check.CheckReport;
import dev.cks.check.CheckStatus;
import dev.cks.check.Preflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Checks, before a CloudHSM key store is created or connected, what KMS will require of the
 * cluster, and reports item by item:
 *
 * <ol>
 *   <li>{@code cluster found}: the PKCS#11 module has the cluster's token;
 *   <li>{@code cluster active}: the cluster state is {@code ACTIVE};
 *   <li>{@code trust anchor}: the cluster certificate chains to the given {@code customerCA.crt};
 *   <li>{@code HSMs for create}: at least 2 active HSMs in different availability zones, which
 *       CreateCustomKeyStore, UpdateCustomKeyStore and CreateKey need;
 *   <li>{@code HSMs for connect}: at least 1 active HSM, which ConnectCustomKeyStore needs;
 *   <li>{@code password length}: the key store password is 7 to 32 characters;
 *   <li>{@code crypto user login}: {@value #KMS_USER} can log in with that password;
 *   <li>{@code logged out}: the check logged {@value #KMS_USER} out again, since KMS cannot connect
 *       while the user is logged in elsewhere.
 * </ol>
 *
 * <pre>{@code
 * CheckReport report =
 *     CloudHsmPreflight.check(ClusterDescriptor.read(file), customerCaPem, Secret.of(password));
 * System.out.print(report.render());
 * }</pre>
 *
 * <p>A login is not tried when the cluster is missing or the password has the wrong length, so that
 * the check itself never adds to the failed logins that lock a crypto user out.
 */
public final class CloudHsmPreflight {

  /** The crypto user KMS logs in as. */
  public static final String KMS_USER = "kmsuser";

  private CloudHsmPreflight() {}

  /** Checks the cluster a descriptor names, opening it with {@link HsmOptions#defaults()}. */
  public static CheckReport check(
      ClusterDescriptor descriptor, String trustAnchorPem, Secret password) {
    return check(descriptor, trustAnchorPem, password, HsmOptions.defaults());
  }

  /** Checks the cluster a descriptor names, opening it with the given options and closing it. */
  public static CheckReport check(
      ClusterDescriptor descriptor, String trustAnchorPem, Secret password, HsmOptions options) {
    Objects.requireNonNull(descriptor, "descriptor");
    List<Check> checks = new ArrayList<>();
    HsmCluster cluster = null;
    try {
      cluster = HsmCluster.open(descriptor, options);
      checks.add(
          Check.passed(
              "cluster found",
              "PKCS#11 library "
                  + descriptor.module()
                  + " has a token labelled \""
                  + descriptor.tokenLabel()
                  + "\"."));
    } catch (HsmException e) {
      checks.add(Check.failed("cluster found", e.getMessage() + "."));
    }
    try {
      return report(descriptor, cluster, trustAnchorPem, password, checks);
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  /**
   * Checks a cluster already open in this process, keeping its emulated login state. It must not
   * have a crypto user logged in, or the login check fails with {@code USER_LOGGED_IN}.
   */
  public static CheckReport check(HsmCluster cluster, String trustAnchorPem, Secret password) {
    Objects.requireNonNull(cluster, "cluster");
    List<Check> checks = new ArrayList<>();
    checks.add(Check.passed("cluster found", "cluster " + cluster.clusterId() + " is open."));
    return report(cluster.descriptor(), cluster, trustAnchorPem, password, checks);
  }

  /**
   * The check as a client's pre-flight: a spec is checked against the descriptor of its cluster
   * among {@code descriptors}, opened with {@code options}. A spec whose cluster none of them
   * describes gets a report whose {@code cluster found} check fails and names the clusters known.
   *
   * <pre>{@code
   * CustomKeyStoreClient client =
   *     CustomKeyStoreClient.builder()
   *         .backend(kms)
   *         .clusterPreflight(CloudHsmPreflight.forClusters(List.of(descriptor), options))
   *         .build();
   * }</pre>
   */
  public static Preflight<CloudHsmKeyStoreSpec> forClusters(
      List<ClusterDescriptor> descriptors, HsmOptions options) {
    List<ClusterDescriptor> known = List.copyOf(descriptors);
    Objects.requireNonNull(options, "options");
    return spec ->
        known.stream()
            .filter(d -> d.clusterId().equals(spec.cloudHsmClusterId()))
            .findFirst()
            .map(d -> check(d, spec.trustAnchorCertificate(), spec.keyStorePassword(), options))
            .orElseGet(
                () ->
                    CheckReport.of(
                        "CloudHSM pre-flight for cluster " + spec.cloudHsmClusterId(),
                        List.of(
                            Check.failed(
                                "cluster found",
                                "no descriptor describes cluster "
                                    + spec.cloudHsmClusterId()
                                    + "; known: "
                                    + known.stream()
                                        .map(ClusterDescriptor::clusterId)
                                        .sorted()
                                        .collect(Collectors.joining(", ", "[", "]"))
                                    + "."))));
  }

  private static CheckReport report(
      ClusterDescriptor descriptor,
      HsmCluster cluster,
      String trustAnchorPem,
      Secret password,
      List<Check> checks) {
    Objects.requireNonNull(trustAnchorPem, "trustAnchorPem");
    Objects.requireNonNull(password, "password");
    checks.add(clusterActive(descriptor));
    checks.add(trustAnchor(descriptor, trustAnchorPem));
    checks.add(hsmsForCreate(descriptor));
    checks.add(hsmsForConnect(descriptor));
    Check length = passwordLength(password);
    checks.add(length);
    loginAndLogout(cluster, password, length.status() != CheckStatus.PASSED, checks);
    return CheckReport.of("CloudHSM pre-flight for cluster " + descriptor.clusterId(), checks);
  }

  private static Check clusterActive(ClusterDescriptor descriptor) {
    if ("ACTIVE".equals(descriptor.state())) {
      return Check.passed("cluster active", "the cluster state is ACTIVE.");
    }
    return Check.failed(
        "cluster active",
        "the cluster state is "
            + descriptor.state()
            + ", not ACTIVE; KMS answers CloudHsmClusterNotActiveException until the cluster is"
            + " initialized and activated.");
  }

  private static Check trustAnchor(ClusterDescriptor descriptor, String trustAnchorPem) {
    if (descriptor.clusterCertificate().isEmpty()) {
      return Check.skipped(
          "trust anchor", "the cluster descriptor holds no cluster certificate to check against.");
    }
    TrustAnchorVerification verification =
        TrustAnchorVerification.verify(trustAnchorPem, descriptor.clusterCertificate().get());
    if (verification.matches()) {
      return Check.passed("trust anchor", verification.detail());
    }
    return Check.failed(
        "trust anchor",
        verification.detail() + " KMS answers IncorrectTrustAnchorException for this certificate.");
  }

  private static Check hsmsForCreate(ClusterDescriptor descriptor) {
    if (descriptor.hsms().isEmpty()) {
      return Check.skipped("HSMs for create", "the cluster descriptor lists no HSMs.");
    }
    List<ClusterDescriptor.Hsm> active = activeHsms(descriptor);
    long zones = active.stream().map(ClusterDescriptor.Hsm::availabilityZone).distinct().count();
    String found =
        active.size()
            + (active.size() == 1 ? " active HSM" : " active HSMs")
            + " in "
            + zones
            + (zones == 1 ? " availability zone" : " availability zones");
    if (zones >= 2) {
      return Check.passed("HSMs for create", found + ".");
    }
    return Check.failed(
        "HSMs for create",
        found
            + "; creating the key store or a key needs at least 2 active HSMs in different zones,"
            + " else KMS answers CloudHsmClusterInvalidConfigurationException.");
  }

  private static Check hsmsForConnect(ClusterDescriptor descriptor) {
    if (descriptor.hsms().isEmpty()) {
      return Check.skipped("HSMs for connect", "the cluster descriptor lists no HSMs.");
    }
    List<ClusterDescriptor.Hsm> active = activeHsms(descriptor);
    if (!active.isEmpty()) {
      return Check.passed(
          "HSMs for connect",
          "active: "
              + active.stream().map(ClusterDescriptor.Hsm::id).collect(Collectors.joining(", "))
              + ".");
    }
    return Check.failed(
        "HSMs for connect",
        "no HSM is active; connecting fails with INSUFFICIENT_CLOUDHSM_HSMS until one is added.");
  }

  private static List<ClusterDescriptor.Hsm> activeHsms(ClusterDescriptor descriptor) {
    return descriptor.hsms().orElse(List.of()).stream()
        .filter(ClusterDescriptor.Hsm::active)
        .toList();
  }

  private static Check passwordLength(Secret password) {
    int length = password.length();
    if (length >= 7 && length <= 32) {
      return Check.passed("password length", "the password has " + length + " characters.");
    }
    return Check.failed(
        "password length",
        "KeyStorePassword must be 7 to 32 characters, was " + length + " characters.");
  }

  private static void loginAndLogout(
      HsmCluster cluster, Secret password, boolean badLength, List<Check> checks) {
    if (cluster == null || badLength) {
      String why =
          cluster == null ? "the cluster was not found" : "the password has the wrong length";
      checks.add(Check.skipped("crypto user login", "not tried, because " + why + "."));
      checks.add(Check.skipped("logged out", "no login was made."));
      return;
    }
    CryptoUserSession session;
    try {
      session = cluster.login(KMS_USER, password);
    } catch (HsmException e) {
      String code = e.connectionErrorCode().map(c -> c.value()).orElse(e.errorName());
      checks.add(
          Check.failed(
              "crypto user login",
              KMS_USER
                  + " cannot log in, so connecting fails with "
                  + code
                  + ": "
                  + e.getMessage()
                  + "."));
      checks.add(Check.skipped("logged out", "no login was made."));
      return;
    }
    checks.add(
        Check.passed("crypto user login", KMS_USER + " logged in to " + cluster.clusterId() + "."));
    try {
      session.close();
    } catch (HsmException e) {
      checks.add(Check.failed("logged out", "logging out failed: " + e.getMessage() + "."));
      return;
    }
    if (cluster.loggedIn()) {
      checks.add(
          Check.failed("logged out", KMS_USER + " is still logged in after the check logged out."));
    } else {
      checks.add(Check.passed("logged out", KMS_USER + " was logged out again."));
    }
  }
}
